#!/usr/bin/env bash
# javasound-buffers.sh -- the smallest javax.sound buffer that plays clean through ALSA's JACK
# plugin onto a JACK dummy server this script starts (issue 12, item 2). Not part of CI.
#
#   bench/javasound-buffers.sh SECONDS PERIOD "BUFFERS"    e.g. bench/javasound-buffers.sh 30 256 "2048 1024 512 256"
#
# For each --buffer it plays the 200 subtractive voices live on --driver javasound for SECONDS
# and reports Sonora's own underrun count (status().xruns) and jackd's xruns. Needs jackd2 and
# libasound2-plugins; it writes ~/.asoundrc for the run (routing ALSA's default to JACK) and
# puts back whatever was there.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
SECS=${1:?usage: bench/javasound-buffers.sh SECONDS PERIOD "BUFFERS"}
PERIOD=${2:?}
BUFFERS=${3:-"2048 1024 512 256"}
OUT=${OUT:-/tmp/sonora-javasound}
mkdir -p "$OUT"
export JACK_NO_AUDIO_RESERVATION=1 JACK_DEFAULT_SERVER=jsb$$ JACK_NO_START_SERVER=1
RC=$HOME/.asoundrc
[[ -e $RC ]] && cp "$RC" "$OUT/asoundrc.saved"
restore() { if [[ -e $OUT/asoundrc.saved ]]; then mv "$OUT/asoundrc.saved" "$RC"; else rm -f "$RC"; fi; }
trap restore EXIT
cat >"$RC" <<'ALSA'
pcm.!default { type plug; slave.pcm "jackout" }
pcm.jackout { type jack; playback_ports { 0 system:playback_1 1 system:playback_2 } }
ALSA
cat >"$OUT/voices.js" <<'JS'
def('sub', ({freq = 110, cutoff = 640, pan = 0, amp = 0.0025, gate = 1}) =>
  saw(freq).rlpf(cutoff, 0.3).mul(adsr(0.01, 0.1, 0.7, 0.3, gate)).mul(amp).pan(pan))
for (let i = 0; i < 200; i++) {
  const f = 55 * Math.pow(2, (i % 48) / 12)
  synth('sub', {freq: f, cutoff: 4 * f + 200, pan: -1 + 2 * i / 199, amp: 0.5 / 200})
}
loop('report', 8, () => console.log('js-status ' + JSON.stringify(status())))
JS
"$HERE"/sonora --help >/dev/null
echo "javasound through ALSA's JACK plugin, JACK dummy period $PERIOD, $SECS s each; $(date -u +%F) loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
for b in $BUFFERS; do
  jackd -n "$JACK_DEFAULT_SERVER" -d dummy -r 48000 -p "$PERIOD" >"$OUT/jackd-$b.log" 2>&1 &
  jp=$!
  for _ in $(seq 50); do jack_lsp >/dev/null 2>&1 && break; sleep 0.2; done
  "$HERE"/sonora --no-repl --driver javasound --buffer "$b" --duration "$SECS" "$OUT/voices.js" >"$OUT/sonora-$b.log" 2>&1 || true
  kill "$jp"; wait "$jp" 2>/dev/null || true
  st=$(grep '^js-status ' "$OUT/sonora-$b.log" | tail -1 | sed 's/^js-status //')
  line=$(grep -m1 'javasound:' "$OUT/sonora-$b.log" || grep -m1 'audio:' "$OUT/sonora-$b.log" || true)
  printf 'buffer %5s: sonora xruns %s, jackd xruns %s, peakCpu %s | %s\n' "$b" \
    "$(sed -n 's/.*"xruns":\([0-9]*\).*/\1/p' <<<"$st")" "$(grep -c XRun "$OUT/jackd-$b.log" || true)" \
    "$(sed -n 's/.*"peakCpu":\([0-9.]*\).*/\1/p' <<<"$st")" "${line#sonora: }"
done
