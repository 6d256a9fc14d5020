# IvrReadings: the two commands a newcomer needs are `make run` and `make test`.
# Both install what they need on a fresh Debian machine (apt packages, NuGet and npm restores).

SHELL := /bin/bash
LANG ?= ru
ASTERISK_SOUNDS ?= /usr/share/asterisk/sounds
NATIVE_DIR := native
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: run test build deps native bench fuzz sounds sounds-force install-sounds model demo speech-testset clean

## run: the product on its embedded defaults (SQLite file in data/, demo accounts, 127.0.0.1)
run: native
	./ivr-readings demo-data --if-empty
	./ivr-readings serve

## test: every test, with a real PostgreSQL on loopback and a real browser
test: native
	@scripts/install-deps.sh test
	@scripts/postgres/start-test-server.sh
	@set -o pipefail; scripts/test.sh; status=$$?; scripts/postgres/stop-test-server.sh; exit $$status

build:
	dotnet build IvrReadings.sln -c Release -nologo

deps:
	scripts/install-deps.sh test

## native: libvosk.so from the npm package vosk@0.3.39 (never a URL download)
native:
	@scripts/install-deps.sh run
	@scripts/speech/fetch-libvosk.sh $(NATIVE_DIR)

## bench: FastAGI load against the peers, storage import and commit figures
bench: native
	@scripts/install-deps.sh test
	scripts/bench.sh

## fuzz: SharpFuzz + afl++ over the parsers that read the network and files (FUZZ_SECONDS per target; not in CI)
fuzz:
	scripts/fuzz.sh

## sounds: regenerate sounds/<lang>/*.wav whose catalogue text changed (espeak-ng + sox); sounds-force: all
sounds:
	@scripts/install-deps.sh run
	sounds/generate.sh

sounds-force:
	@scripts/install-deps.sh run
	sounds/generate.sh --force

## install-sounds: copy the prompts into Asterisk's sounds directory
install-sounds:
	asterisk-config/install-sounds.sh $(ASTERISK_SOUNDS)

## model: the Vosk model for LANG (local copy when present, else the official download), checksummed
model:
	scripts/speech/model.sh $(LANG)

## demo: the server with demo data and one scripted call from the phone simulator
demo: native
	scripts/demo.sh

## speech-testset: a labelled set of spoken readings (espeak-ng, clean and with noise at 20 and 10 dB)
speech-testset:
	@scripts/install-deps.sh run
	scripts/speech/testset.sh .build/speech-testset

clean:
	rm -rf .build
	dotnet clean IvrReadings.sln -nologo -v quiet
