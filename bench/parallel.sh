#!/usr/bin/env bash
# parallel.sh -- what parallel groups give on this machine (issue 14, item 3): each workload
# rendered with its voices in the default group (serial), and split into two groups inside a
# parallel group with no worker (the lanes' cost alone) and with the default workers (cores - 1),
# in alternating runs, whole processes. Server alone (RenderWorkload, as bench/vs-scsynth.sh) and
# through the front end (./sonora --render with bench/workloads/NAME.js and NAME_par.js).
#
#   bench/parallel.sh [RUNS] [WORKLOAD...]        e.g. bench/parallel.sh 3 sines_1000 subtractive_200
# needs: a build (./sonora build, then ./sonora test -DskipTests for bench/)
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-3}
shift || true
WORKLOADS=("$@")
(( ${#WORKLOADS[@]} )) || WORKLOADS=(sines_1000 subtractive_200)
DUR=${DUR:-60}
OUT=${OUT:-/tmp/sonora-parallel-bench}
mkdir -p "$OUT"
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/*/bin/java | sort -V | tail -1)}
JCTOOLS=$(ls "$HERE"/repl/target/lib/jctools-core-*.jar | head -1)
SERVER_JAR=$(ls "$HERE"/server/target/sonora-server-*.jar | grep -v -- '-tests.jar' | head -1)
BENCH_JAR=$(ls "$HERE"/bench/target/sonora-bench-*.jar | head -1)
JNA=$(ls "$HERE"/repl/target/lib/jna-*.jar | grep -v platform | head -1 || true)
CP="$SERVER_JAR:$BENCH_JAR:$JCTOOLS${JNA:+:$JNA}"
FLAGS=(-XX:+UseParallelGC -XX:Tier4BackEdgeThreshold=400000 --sun-misc-unsafe-memory-access=allow -Dsonora.cpu=true)
"$HERE"/sonora build >/dev/null
wall() { # LOG CMD... -> seconds
  local log=$1; shift
  /usr/bin/time -f %e -o "$OUT/time.txt" "$@" >"$log" 2>&1 || { echo "failed: $* (see $log)" >&2; exit 1; }
  cat "$OUT/time.txt"
}
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "parallel.sh: $RUNS alternating runs, $DUR s of audio; $(date -u '+%F %H:%M') UTC, $(nproc) cores, loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
for w in "${WORKLOADS[@]}"; do
  a=(); b=(); c=(); d=(); e=(); f=()
  for i in $(seq 1 "$RUNS"); do
    a+=("$(wall "$OUT/a.log" "$JAVA" "${FLAGS[@]}" -cp "$CP" dev.sonora.bench.RenderWorkload "$w" "$DUR" -)")
    b+=("$(wall "$OUT/b.log" "$JAVA" "${FLAGS[@]}" -Dsonora.workers=0 -cp "$CP" dev.sonora.bench.RenderWorkload "${w}_par" "$DUR" -)")
    c+=("$(wall "$OUT/c.log" "$JAVA" "${FLAGS[@]}" -cp "$CP" dev.sonora.bench.RenderWorkload "${w}_par" "$DUR" -)")
    d+=("$(wall "$OUT/d.log" "$HERE"/sonora --render "$OUT/$w.wav" --duration "$DUR" "$HERE/bench/workloads/$w.js")")
    e+=("$(wall "$OUT/e.log" "$HERE"/sonora --workers 0 --render "$OUT/${w}_par0.wav" --duration "$DUR" "$HERE/bench/workloads/${w}_par.js")")
    f+=("$(wall "$OUT/f.log" "$HERE"/sonora --render "$OUT/${w}_par.wav" --duration "$DUR" "$HERE/bench/workloads/${w}_par.js")")
    printf '%-16s run %d: server alone: serial %6.2f s, parallel (0 workers) %6.2f s, parallel %6.2f s | --render: serial %6.2f s, parallel (--workers 0) %6.2f s, parallel %6.2f s\n' \
      "$w" "$i" "${a[-1]}" "${b[-1]}" "${c[-1]}" "${d[-1]}" "${e[-1]}" "${f[-1]}"
  done
  printf '%-16s medians: server alone %s / %s / %s s (speed-up %s); --render %s / %s / %s s (speed-up %s)\n' "$w" \
    "$(median "${a[@]}")" "$(median "${b[@]}")" "$(median "${c[@]}")" "$(awk -v s="$(median "${a[@]}")" -v p="$(median "${c[@]}")" 'BEGIN { printf "%.2fx", s / p }')" \
    "$(median "${d[@]}")" "$(median "${e[@]}")" "$(median "${f[@]}")" "$(awk -v s="$(median "${d[@]}")" -v p="$(median "${f[@]}")" 'BEGIN { printf "%.2fx", s / p }')"
  echo "  last server-alone lines: $(tail -2 "$OUT/a.log" | tr '\n' ' ')| $(tail -2 "$OUT/c.log" | tr '\n' ' ')"
  cmp -s "$OUT/${w}_par0.wav" "$OUT/${w}_par.wav" && echo "  --render: the parallel render with 0 and with the default workers: byte-identical" \
    || echo "  --render: the parallel renders with 0 and the default workers DIFFER"
done
