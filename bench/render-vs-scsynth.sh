#!/usr/bin/env bash
# render-vs-scsynth.sh -- the user's own path against scsynth: `./sonora --render` playing each
# peer workload written as a script (bench/workloads/*.js: the JS context, the prelude and the
# script included) against `scsynth -N` rendering the same workload's score, whole processes,
# in alternating runs (issue 14, item 2). Not part of CI.
#
#   bench/render-vs-scsynth.sh [RUNS] [WORKLOAD...]     e.g. bench/render-vs-scsynth.sh 3
#   SHORT=1 bench/render-vs-scsynth.sh 3                the 2-second scores (start-up dominates)
#   PAR=1 bench/render-vs-scsynth.sh 3 sines_1000       Sonora plays NAME_par.js where there is one
#                                                       (the voices in a parallel group: both cores)
#
# Prints per workload each run's pair and their ratio (Sonora's time over scsynth's; below 1:
# Sonora faster), the median ratio and the fastest of each, and the RMS of both renders, which
# should agree (the same voices at the same levels; the oscillators differ in detail).
# needs: scsynth (apt-get install supercollider-server), python3 with numpy, ../shared/peers
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-3}
shift || true
WORKLOADS=("$@")
(( ${#WORKLOADS[@]} )) || WORKLOADS=(sines_500 sines_1000 subtractive_200 notes_stream fx_chain)
PEERS=${PEERS:-$HERE/../shared/peers}
OUT=${OUT:-/tmp/sonora-render-bench}
SUFFIX=''; [[ ${SHORT:-0} == 1 ]] && SUFFIX=_short
mkdir -p "$OUT"
command -v scsynth >/dev/null || { echo "scsynth not found: apt-get install supercollider-server" >&2; exit 1; }
[[ -d $PEERS/scores ]] || { echo "no peer scores in $PEERS/scores" >&2; exit 1; }

"$HERE"/sonora build >/dev/null   # the build and its startup caches, outside the timed runs
wall() { # LOG CMD... -> seconds
  local log=$1; shift
  /usr/bin/time -f %e -o "$OUT/time.txt" "$@" >"$log" 2>&1 || { echo "failed: $* (see $log)" >&2; exit 1; }
  cat "$OUT/time.txt"
}
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
rms() { python3 "$PEERS/wavstat.py" "$1" | sed -E 's/.*rms=\[([^]]*)\].*/\1/'; }

echo "render-vs-scsynth: $RUNS alternating runs per workload${SUFFIX:+ (2 s scores)}; $(date -u '+%F %H:%M') UTC, loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
for w in "${WORKLOADS[@]}"; do
  score=$PEERS/scores/$w$SUFFIX.osc
  [[ -f $score ]] || { echo "$w: no score $score" >&2; continue; }
  dur=$(awk -F'\t' -v n="$w$SUFFIX" '$1 == n { print $2 }' "$PEERS/scores/manifest.tsv")
  script=$HERE/bench/workloads/$w.js
  [[ ${PAR:-0} == 1 && -f $HERE/bench/workloads/${w}_par.js ]] && script=$HERE/bench/workloads/${w}_par.js
  s=(); c=(); r=()
  for i in $(seq 1 "$RUNS"); do
    ts=$(wall "$OUT/sonora.log" "$HERE"/sonora --render "$OUT/$w-sonora.wav" --duration "$dur" "$script")
    tc=$(wall "$OUT/scsynth.log" scsynth -N "$score" _ "$OUT/$w-scsynth.wav" 48000 WAV float -o 2 -z 64)
    s+=("$ts"); c+=("$tc"); r+=("$(awk -v a="$ts" -v b="$tc" 'BEGIN { printf "%.2f", a / b }')")
    printf '%-16s run %d: sonora %7.2f s  scsynth %7.2f s  ratio %s\n' "$w" "$i" "$ts" "$tc" "${r[-1]}"
  done
  printf '%-16s %s s of audio (%s): median ratio %s, fastest sonora %s s / scsynth %s s; rms sonora [%s] scsynth [%s]; sonora said: %s\n' \
    "$w" "$dur" "${script##*/}" "$(median "${r[@]}")" "$(printf '%s\n' "${s[@]}" | sort -g | head -1)" "$(printf '%s\n' "${c[@]}" | sort -g | head -1)" \
    "$(rms "$OUT/$w-sonora.wav")" "$(rms "$OUT/$w-scsynth.wav")" "$(tail -1 "$OUT/sonora.log")"
done
