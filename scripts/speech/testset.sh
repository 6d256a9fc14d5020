#!/usr/bin/env bash
# Generates a labelled speech test set with espeak-ng, as Asterisk records it (8 kHz, mono,
# 16-bit PCM WAV): every phrase clean, and with white noise mixed at 20 dB and 10 dB SNR.
#
# Usage: scripts/speech/testset.sh OUT [--quick]
#   OUT/labels.csv    file,expected,language,kind,condition  (read by `ivr-readings speech eval OUT`)
#   OUT/*.wav         the recordings
#   OUT/*.json        the phrase as Vosk JSON, for the fake recognizer (a perfect transcript:
#                     it measures parser and chooser, not the engine; the real engine ignores it)
#   --quick           three phrases per language, clean only (for tests)
# Phrases are written as words: TTS engines read digits in their own way.
# Needs espeak-ng and sox (Debian: apt-get install -y espeak-ng sox).
set -euo pipefail

out="${1:?usage: testset.sh OUT [--quick]}"
quick="${2:-}"

for tool in espeak-ng sox; do
    command -v "$tool" >/dev/null || { echo "testset: $tool is missing (apt-get install -y espeak-ng sox)" >&2; exit 1; }
done

# id|language|kind|expected|words
phrases() {
cat <<'TABLE'
ru-r01|ru|reading|6116|шесть тысяч сто шестнадцать
ru-r02|ru|reading|1200|тысяча двести
ru-y00|ru|yesno|yes|да
ru-r04|ru|reading|123|один два три
ru-r05|ru|reading|6116|шестьдесят один шестнадцать
ru-r06|ru|reading|12345|сто двадцать три сорок пять
ru-r07|ru|reading|22101|двадцать две тысячи сто один
ru-r08|ru|reading|2000|две тысячи
ru-r09|ru|reading|45678|сорок пять тысяч шестьсот семьдесят восемь
ru-r10|ru|reading|908|девятьсот восемь
ru-r11|ru|reading|123|сто двадцать три точка пять
ru-r12|ru|reading|3047|три тысячи сорок семь
ru-r13|ru|reading|15|пятнадцать
ru-r14|ru|reading|99999|девяносто девять тысяч девятьсот девяносто девять
ru-r15|ru|reading|7070|семь тысяч семьдесят
ru-r16|ru|reading|1234|двенадцать тридцать четыре
ru-a01|ru|account|0012345|ноль ноль один два три четыре пять
ru-a02|ru|account|5566778|пять пять шесть шесть семь семь восемь
ru-a03|ru|account|123456|сто двадцать три четыреста пятьдесят шесть
ru-y01|ru|yesno|no|нет
ru-y02|ru|yesno|yes|да верно
ru-y03|ru|yesno|no|неправильно
uk-r01|uk|reading|6116|шість тисяч сто шістнадцять
uk-r02|uk|reading|22101|двадцять дві тисячі сто один
uk-y00|uk|yesno|no|ні
uk-r04|uk|reading|123|один два три
uk-r05|uk|reading|6116|шістдесят один шістнадцять
uk-r06|uk|reading|1200|тисяча двісті
uk-r07|uk|reading|5000|п'ять тисяч
uk-r08|uk|reading|123|сто двадцять три кома п'ять
uk-r09|uk|reading|908|дев'ятсот вісім
uk-r10|uk|reading|45678|сорок п'ять тисяч шістсот сімдесят вісім
uk-a01|uk|account|0012345|нуль нуль один два три чотири п'ять
uk-a02|uk|account|123456|сто двадцять три чотириста п'ятдесят шість
uk-y01|uk|yesno|yes|так
uk-y02|uk|yesno|yes|так правильно
uk-y03|uk|yesno|no|неправильно
TABLE
}

rms() { sox "$1" -n stat 2>&1 | awk '/^RMS +amplitude/ { print $3 }'; }

json_for() {
    # Vosk single-best JSON; the words contain no quotes or backslashes.
    printf '{"text":"%s"}\n' "$1"
}

mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "file,expected,language,kind,condition" >"$out/labels.csv"
count=0
declare -A per_language=()
while IFS='|' read -r id language kind expected words; do
    if [[ "$quick" == "--quick" ]]; then
        per_language[$language]=$(( ${per_language[$language]:-0} + 1 ))
        (( per_language[$language] <= 3 )) || continue
    fi

    espeak-ng -v "$language" -w "$work/tts.wav" "$words"
    # Peak at -6 dBFS leaves headroom for the noise; the phone line is 8 kHz.
    sox -V1 "$work/tts.wav" -c 1 -b 16 -e signed-integer "$out/$id-clean.wav" gain -n -6 rate 8000
    echo "$id-clean.wav,$expected,$language,$kind,clean" >>"$out/labels.csv"
    json_for "$words" >"$out/$id-clean.json"
    count=$((count + 1))
    [[ "$quick" == "--quick" ]] && continue

    speech_rms="$(rms "$out/$id-clean.wav")"
    seconds="$(soxi -D "$out/$id-clean.wav")"
    sox -R -n -r 8000 -c 1 -b 16 -e signed-integer "$work/noise.wav" synth "$seconds" whitenoise vol 0.5
    noise_rms="$(rms "$work/noise.wav")"
    for snr in 20 10; do
        # Scale the noise so that 20*log10(speech_rms / noise_rms) = snr.
        gain="$(awk -v s="$speech_rms" -v n="$noise_rms" -v snr="$snr" 'BEGIN { printf "%.6f", s / (n * 10 ^ (snr / 20)) }')"
        sox -V1 -R -m -v 1 "$out/$id-clean.wav" -v "$gain" "$work/noise.wav" -b 16 -e signed-integer "$out/$id-snr$snr.wav"
        echo "$id-snr$snr.wav,$expected,$language,$kind,snr$snr" >>"$out/labels.csv"
        json_for "$words" >"$out/$id-snr$snr.json"
        count=$((count + 1))
    done
done < <(phrases)

echo "testset: $count recordings in $out" >&2
