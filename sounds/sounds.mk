# Sound targets. Include from the top-level Makefile (`include sounds/sounds.mk`) or run
# `make -f sounds/sounds.mk sounds`.
ASTERISK_SOUNDS ?= /usr/share/asterisk/sounds

.PHONY: sounds sounds-force install-sounds

sounds:  ## (re)generate sounds/<lang>/*.wav for catalogue entries that changed
	sounds/generate.sh

sounds-force:  ## regenerate every prompt
	sounds/generate.sh --force

install-sounds:  ## copy the prompts to $(ASTERISK_SOUNDS)/<lang>/ivr-readings/
	asterisk-config/install-sounds.sh "$(ASTERISK_SOUNDS)"
