#!/usr/bin/env bash
# soak.sh -- live audio under a stage-like load, beside scsynth and an idle baseline, on a JACK
# dummy server this script starts (issue 12). Not part of CI.
#
#   bench/soak.sh MINUTES PERIOD [ROUNDS]       e.g. bench/soak.sh 10 256 3
#   SOAK_PARALLEL=1 bench/soak.sh ...            the 200 voices as two halves in a parallel group (issue 14)
#   SOAK_JAVA_OPTS='-XX:...' bench/soak.sh ...   extra JVM options for Sonora's runs (A/B experiments)
#
# Each round runs, one after another and each on a fresh `jackd -d dummy -r 48000 -p PERIOD`:
#   sonora  the set in bench/soak-set.js, live on Sonora's JACK driver, recording to disk; once per
#           SONORA_CPUS entry (default "own": --audio-cpu own; "own shared" compares both)
#   scsynth the same 200 subtractive voices (peers' subtractive_200 score, sent over OSC)
#   idle    nothing but the recorder: the machine's own xruns (this VM's timer makes some)
#   simple  JACK's own example client (jack_simple_client: a sine table copied to two ports), recorded:
#           what one more client in the graph costs by itself (SOAK_SIMPLE=0 leaves it out)
# and reports per run: JACK's xruns while recording (jackd's log), dropouts (runs of >= 32
# zero samples in a recording of the client's output ports, made by jack_rec on the same
# server), and for Sonora its own late/xruns/clips, worst block time, GC and safepoint pauses, and the
# JACK cycles that ended late in their period (and how many of those it entered late: woken late).
# Every run also gets the hypervisor's steal in its window (bench/steal-split.py): the VM's CPUs taken by
# the host, and the xruns a second in seconds of little and of much steal (runs compare fairly band by band).
# needs: jackd2, supercollider-server, python3, ../shared/peers/scores, ./sonora (builds itself)
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
MINUTES=${1:?usage: bench/soak.sh MINUTES PERIOD [ROUNDS]}
PERIOD=${2:?usage: bench/soak.sh MINUTES PERIOD [ROUNDS]}
ROUNDS=${3:-3}
SONORA_CPUS=${SONORA_CPUS:-own}   # "own shared": Sonora twice a round, its audio thread on a CPU of its own, then not
SECS=$(awk -v m="$MINUTES" 'BEGIN { printf "%d", m * 60 }')
SCORES=${SCORES:-$HERE/../shared/peers/scores}
OUT=${OUT:-/tmp/sonora-soak}
JACK=soak$$
PORT=57199
mkdir -p "$OUT"
for c in jackd jack_rec jack_lsp scsynth python3; do command -v $c >/dev/null || { echo "soak: $c not found (apt-get install jackd2 supercollider-server)" >&2; exit 1; }; done
export JACK_NO_AUDIO_RESERVATION=1 JACK_DEFAULT_SERVER=$JACK

export LC_NUMERIC=C   # EPOCHREALTIME with a decimal point
# each line of a log stamped with the wall time (seconds since the epoch), so xruns can be set beside the steal
stamp() { while IFS= read -r l; do printf '%s %s\n' "$EPOCHREALTIME" "$l"; done; }
JACKPID=''
start_jack() { # LOG
  jackd -n "$JACK" -d dummy -r 48000 -p "$PERIOD" > >(stamp >"$1") 2>&1 &
  JACKPID=$!
  for _ in $(seq 50); do jack_lsp >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "soak: jackd did not start (see $1)" >&2; exit 1
}
stop_jack() { kill "$JACKPID" 2>/dev/null || true; wait "$JACKPID" 2>/dev/null || true; }
wait_port() { for _ in $(seq 300); do jack_lsp 2>/dev/null | grep -qx "$1" && return 0; sleep 0.2; done; echo "soak: no port $1" >&2; return 1; }
xruns() { grep -c 'XRun' "$1" || true; }
# record PORTS for SECS into WAV while counting jackd's xruns over that window; prints the count.
# Meanwhile the first line of /proc/stat once a second (WAV.stat), and after it WAV.steal: the
# hypervisor's steal in the window and the xruns a second by how much steal their second had
record() { # JACKLOG WAV PORT...
  local log=$1 wav=$2; shift 2
  local before sampler; before=$(xruns "$log")
  ( while :; do read -r l </proc/stat; echo "$EPOCHREALTIME $l"; sleep 1; done ) >"$wav.stat" &
  sampler=$!
  jack_rec -f "$wav" -d "$SECS" -b 16 "$@" >"$wav.log" 2>&1 || echo "soak: jack_rec failed (see $wav.log)" >&2
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  python3 "$HERE"/bench/steal-split.py "$wav.stat" "$log" >"$wav.steal" 2>&1 || echo "steal ?" >"$wav.steal"
  echo $(( $(xruns "$log") - before ))
}

# the set, with its file paths made absolute
WRAP=$OUT/soak-wrapper.js
MIDI=$(ls "$HERE"/../shared/testdata/midi/test-2-tracks-type-1.mid 2>/dev/null | head -1 || true)
if [[ -n $MIDI ]]; then MIDI="\"$MIDI\""; else MIDI=null; fi   # skipped cleanly where testdata is absent
cat >"$WRAP" <<JS
globalThis.SOAK_MIDI = $MIDI
globalThis.SOAK_PARALLEL = ${SOAK_PARALLEL:-0}
globalThis.SOAK_SAMPLES = "$HERE/samples"
load("$HERE/bench/soak-set.js")
JS

"$HERE"/sonora --help >/dev/null   # build first, outside the timed runs
echo "soak: $MINUTES min per run, period $PERIOD ($(awk -v p="$PERIOD" 'BEGIN { printf "%.1f", p / 48 }') ms), $ROUNDS rounds; $(date -u +%F) loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-13s %6s %9s %9s %10s  %s\n' round run xruns dropouts gap_ms longest_ms sonora
# ---- one Sonora run: ROUND, and how its audio thread sits (--audio-cpu own|shared)
run_sonora() { # ROUND CPU
  local r=$1 cpu=${2%%+*} tag=$1-$2 log x d spid st own extra=''
  [[ $2 == *+lang ]] && extra=-Dsonora.cpuShared=sonora-lang   # "own+lang": the JS thread keeps both CPUs
  log=$OUT/jackd-sonora-$tag.log; start_jack "$log"
  # the JVM's logs go to the same names in every run and are renamed after it: SONORA_JAVA_OPTS is part of
  # the launcher's startup-cache key, so per-run names made each run train a cache of its own first
  rm -f "$OUT/take-$tag.wav" "$OUT"/run-{gc,safepoint,slow}.log
  SONORA_JAVA_OPTS="-Xlog:gc*:file=$OUT/run-gc.log:utctime,uptime,level,tags:filecount=0 -Xlog:safepoint:file=$OUT/run-safepoint.log:utctime,uptime,level,tags:filecount=0 -Dsonora.slowBlockLog=$OUT/run-slow.log $extra ${SOAK_JAVA_OPTS:-}" \
    "$HERE"/sonora --no-repl --driver jack --audio-cpu "$cpu" --duration $((SECS + 15)) --record "$OUT/take-$tag.wav" "$WRAP" >"$OUT/sonora-$tag.log" 2>&1 &
  spid=$!
  wait_port sonora:out_1; sleep 5   # the set starts (JS context, 200 voices) before the window opens
  x=$(record "$log" "$OUT/sonora-$tag.wav" sonora:out_1 sonora:out_2)
  d=$(python3 "$HERE"/bench/dropouts.py "$OUT/sonora-$tag.wav" || echo "dropouts ? total_ms ? longest_ms ?")
  wait "$spid" || true
  for f in gc safepoint slow; do if [[ -e $OUT/run-$f.log ]]; then mv "$OUT/run-$f.log" "$OUT/$f-$tag.log"; fi; done
  st=$(grep '^soak-status ' "$OUT/sonora-$tag.log" | tail -1 | sed 's/^soak-status //')
  own=$(python3 - "$st" "$OUT/gc-$tag.log" "$OUT/safepoint-$tag.log" "$OUT/slow-$tag.log" "$PERIOD" "$OUT/sonora-$tag.log" <<'PY'
import json, os, re, sys
s = json.loads(sys.argv[1]) if sys.argv[1] else {}
# late events once the clock's start lead (docs/api.md) had first come down to what stalls alone raise
# it to (0.5 s at most: after warm-up; since 2026-12-03 the lead recent stalls asked for holds for 15-30 s,
# so in this set it rarely reaches 0), counted from the
# last status line before that (a late event between that line and the settling counts as after it)
statuses = [json.loads(l[len('soak-status '):]).get('timing', {}) for l in open(sys.argv[6]) if l.startswith('soak-status ')]
settling = next((i for i, x in enumerate(statuses) if x.get('startLeadMs', 0) <= 500), None)
settled = None if settling is None else (statuses[settling - 1] if settling > 0 else {'late': 0})
slowlog = open(sys.argv[4]).read() if os.path.exists(sys.argv[4]) else ''
slow = [float(m) for m in re.findall(r' took ([0-9.]+) ms', slowlog)]
# JACK cycles that ended in the last quarter of the period: woken late (entered past half of it) or slow once running
cycles = [(int(a), int(b)) for a, b in re.findall(r' cycle entered (\d+) frames in, left (\d+) frames in', slowlog)]
woken_late = sum(1 for a, b in cycles if a > int(sys.argv[5]) / 2)
period_ms = int(sys.argv[5]) / 48
# blocks over a period with the audio thread's CPU time in them: under half of the wall time means it mostly waited (not run)
over = [(float(a), float(b)) for a, b in re.findall(r' took ([0-9.]+) ms \(cpu ([0-9.-]+) ms\)', slowlog) if float(a) > period_ms]
waited = sum(1 for a, b in over if 0 <= b < a / 2)
gc = [float(m) for m in re.findall(r'Pause [A-Za-z ]+? ([0-9.]+)ms', open(sys.argv[2]).read())] if sys.argv[2] else []
sp = [int(m) / 1e6 for m in re.findall(r'Total: (\d+) ns', open(sys.argv[3]).read())]
t = s.get('timing', {})
after = 'lead never settled' if settled is None else '%d after the start lead settled' % (t.get('late', 0) - settled.get('late', 0))
print('late %s xruns %s clipped %s worst block %.2f ms (peakCpu %s%%) rtAlloc %s B, late events %s (worst %s ms; %s); GC pauses %d (max %.3f ms), safepoints %d (max %.3f ms); slow blocks %d (over a period: %d%s); late cycles %d (woken past half the period: %d)' % (
    s.get('late'), s.get('xruns'), s.get('clipped', 0), max(slow or [s.get('peakCpu', 0) / 100 * 64 / 48]), s.get('peakCpu'), s.get('rtAllocBytes'),
    t.get('late'), t.get('worstLateMs'), after, len(gc), max(gc or [0]), len(sp), max(sp or [0]), len(slow), sum(1 for x in slow if x > period_ms),
    ', of which the audio thread ran under half: %d' % waited if over else '', len(cycles), woken_late))
PY
)
  stop_jack
  printf '%-6s %-13s %6s %9s %9s %10s  %s; %s\n' "$r" "sonora-$2" "$x" $(awk '{ print $2, $4, $6 }' <<<"$d") "$own" "$(cat "$OUT/sonora-$tag.wav.steal")"
}

for r in $(seq 1 "$ROUNDS"); do
  for cpu in $SONORA_CPUS; do run_sonora "$r" "$cpu"; done
  [[ ${SOAK_PEERS:-1} == 0 ]] && continue   # Sonora's variants only
  # ---- scsynth, the same 200 voices
  log=$OUT/jackd-scsynth-$r.log; start_jack "$log"
  SC_JACK_DEFAULT_OUTPUTS='' scsynth -u "$PORT" -z 64 -i 0 -o 2 -R 0 -l 1 >"$OUT/scsynth-$r.log" 2>&1 &
  cpid=$!
  wait_port SuperCollider:out_1
  python3 "$HERE"/bench/osc-replay.py "$SCORES/subtractive_200.osc" "$PORT" >>"$OUT/scsynth-$r.log"
  x=$(record "$log" "$OUT/scsynth-$r.wav" SuperCollider:out_1 SuperCollider:out_2)
  d=$(python3 "$HERE"/bench/dropouts.py "$OUT/scsynth-$r.wav" || echo "dropouts ? total_ms ? longest_ms ?")
  kill "$cpid" 2>/dev/null || true; wait "$cpid" 2>/dev/null || true
  stop_jack
  printf '%-6s %-13s %6s %9s %9s %10s  %s\n' "$r" scsynth "$x" $(awk '{ print $2, $4, $6 }' <<<"$d") "$(cat "$OUT/scsynth-$r.wav.steal")"
  # ---- idle: the recorder alone
  log=$OUT/jackd-idle-$r.log; start_jack "$log"
  x=$(record "$log" "$OUT/idle-$r.wav" system:capture_1 system:capture_2)
  stop_jack
  printf '%-6s %-13s %6s %9s %9s %10s  %s\n' "$r" idle "$x" - - - "$(cat "$OUT/idle-$r.wav.steal")"
  [[ ${SOAK_SIMPLE:-1} == 0 ]] && continue
  # ---- the simplest client: a chain as long as Sonora's and scsynth's (client -> recorder), no work
  log=$OUT/jackd-simple-$r.log; start_jack "$log"
  jack_simple_client >"$OUT/simple-$r.log" 2>&1 &
  cpid=$!
  wait_port jack_simple_client:output1
  x=$(record "$log" "$OUT/simple-$r.wav" jack_simple_client:output1 jack_simple_client:output2)
  d=$(python3 "$HERE"/bench/dropouts.py "$OUT/simple-$r.wav" || echo "dropouts ? total_ms ? longest_ms ?")
  kill "$cpid" 2>/dev/null || true; wait "$cpid" 2>/dev/null || true
  stop_jack
  printf '%-6s %-13s %6s %9s %9s %10s  %s\n' "$r" simple "$x" $(awk '{ print $2, $4, $6 }' <<<"$d") "$(cat "$OUT/simple-$r.wav.steal")"
done
echo "soak: logs and recordings in $OUT"
