#!/usr/bin/env bash
# vs-scsynth.sh -- time Sonora's offline renderer and scsynth on the same peer workload,
# alternating runs, whole processes (JVM start and JIT warm-up included).
#
# usage: bench/vs-scsynth.sh [WORKLOAD] [RUNS]     e.g. bench/vs-scsynth.sh sines_500 5
# SONORA_WORKLOAD=NAME renders another of RenderWorkload's workloads on Sonora's side against the
# same score, e.g. SONORA_WORKLOAD=subtractive_200_par bench/vs-scsynth.sh subtractive_200 5 (the
# voices in two halves of a parallel group: both cores against scsynth's one)
# needs: scsynth (apt-get install supercollider-server), ../shared/peers/scores, a built
#        server module (./sonora builds it; or mvn -pl server package)
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
NAME=${1:-sines_500}
RUNS=${2:-5}
SNAME=${SONORA_WORKLOAD:-$NAME}
SCORES=${SCORES:-$HERE/../shared/peers/scores}
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}
JAVA=${JAVA:-java}
major() { "$1" -version 2>&1 | head -1 | sed -E 's/[^"]*"([0-9]+).*/\1/'; }
if ! [[ $(major "$JAVA") =~ ^[0-9]+$ ]] || (( $(major "$JAVA") < 21 )); then   # as ./sonora: newest JDK in the usual place
  for j in /usr/lib/jvm/*/bin/java; do [[ -x $j ]] && (( $(major "$j") >= 21 )) && (( $(major "$j") > $(major "$JAVA" 2>/dev/null || echo 0) )) && JAVA=$j; done
fi
OUT=${OUT:-/tmp/sonora-bench}
mkdir -p "$OUT"

command -v scsynth >/dev/null || { echo "scsynth not found: apt-get install supercollider-server" >&2; exit 1; }
[[ -f $SCORES/$NAME.osc ]] || { echo "no score $SCORES/$NAME.osc" >&2; exit 1; }
JCTOOLS=$(ls "$HERE"/repl/target/lib/jctools-core-*.jar 2>/dev/null | head -1 || true)
[[ -n $JCTOOLS ]] || JCTOOLS=$(ls ~/.m2/repository/org/jctools/jctools-core/*/jctools-core-*.jar | head -1)
SERVER_JAR=$(ls "$HERE"/server/target/sonora-server-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -1 || true)
[[ -n $SERVER_JAR ]] || { echo "build first: ./sonora (or mvn -pl server package)" >&2; exit 1; }
BENCH_JAR=$(ls "$HERE"/bench/target/sonora-bench-*.jar 2>/dev/null | head -1 || true)
[[ -n $BENCH_JAR ]] || { echo "build first: ./sonora test -DskipTests (builds bench/ too)" >&2; exit 1; }
CP="$SERVER_JAR:$BENCH_JAR:$JCTOOLS"   # jars: the JVM's AOT cache refuses class directories
# the launcher's flags for a render (./sonora --render): the throughput collector, C2 by calls
FLAGS=(-XX:+UseParallelGC -XX:Tier4BackEdgeThreshold=400000 --sun-misc-unsafe-memory-access=allow)

# JDK 25+: an AOT startup cache, as the launcher keeps one. Recorded once per build of either jar
# (a cache holding an older bench jar's classes would hide a new workload) from
# `RenderWorkload training` (two seconds of every workload alike); AOT=0 runs without it.
# Classes only, no training profiles (-AOTRecordTraining): replayed profiles made the JIT
# compile every kernel twice at start-up (an on-stack version and a normal one), which cost
# more than the profiles saved (docs/design-notes.md has the measurements).
MAJOR=$(major "$JAVA")
if [[ ${AOT:-1} != 0 && $MAJOR =~ ^[0-9]+$ ]] && (( MAJOR >= 25 )); then
  CACHE=$OUT/render-$( { cat "$SERVER_JAR" "$BENCH_JAR"; echo "${FLAGS[*]} classes-only"; } | cksum | cut -d' ' -f1).aot
  if [[ ! -s $CACHE ]]; then
    rm -f "$OUT"/render-*.aot
    "$JAVA" "${FLAGS[@]}" -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining -XX:AOTCacheOutput="$CACHE" -cp "$CP" dev.sonora.bench.RenderWorkload training >"$OUT/training.log" 2>&1 \
      || { echo "AOT cache not recorded (see $OUT/training.log); timing without it" >&2; rm -f "$CACHE"; }
  fi
  [[ -s $CACHE ]] && FLAGS+=(-XX:AOTCache="$CACHE")
fi
DUR=$(awk -F'\t' -v n="$NAME" '$1 == n { print $2 }' "$SCORES/manifest.tsv")
VSEC=$(awk -F'\t' -v n="$NAME" '$1 == n { print $4 }' "$SCORES/manifest.tsv")

wall() { /usr/bin/time -f %e -o "$OUT/time.txt" "$@" >"$OUT/log.txt" 2>&1 || { cat "$OUT/log.txt" >&2; exit 1; }; cat "$OUT/time.txt"; }

echo "workload $NAME${SONORA_WORKLOAD:+ (Sonora: $SNAME)}: ${DUR} s of audio, $VSEC voice-seconds, $RUNS alternating runs; loadavg $(cut -d' ' -f1-3 /proc/loadavg); sonora flags: ${FLAGS[*]}"
sonora=(); sc=()
for i in $(seq 1 "$RUNS"); do
  s=$(wall "$JAVA" "${FLAGS[@]}" -cp "$CP" dev.sonora.bench.RenderWorkload "$SNAME" "$DUR" "$OUT/sonora.wav")
  c=$(wall scsynth -N "$SCORES/$NAME.osc" _ "$OUT/scsynth.wav" 48000 WAV float -o 2 -z 64)
  printf 'run %d: sonora %6.2f s   scsynth %6.2f s\n' "$i" "$s" "$c"
  sonora+=("$s"); sc+=("$c")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ms=$(median "${sonora[@]}"); mc=$(median "${sc[@]}")
awk -v s="$ms" -v c="$mc" -v v="$VSEC" 'BEGIN {
  printf "median wall: sonora %.2f s, scsynth %.2f s, ratio %.2f; ns per voice-sample (whole process): sonora %.2f, scsynth %.2f\n",
    s, c, s / c, (v > 0 ? s * 1e9 / (v * 48000) : 0), (v > 0 ? c * 1e9 / (v * 48000) : 0) }'
# each run's ratio to the scsynth run right after it: the two share the machine's state of the
# moment (on these shared hosts whole stretches of seconds run up to half again slower)
pairs=(); for i in "${!sonora[@]}"; do pairs+=("$(awk -v s="${sonora[$i]}" -v c="${sc[$i]}" 'BEGIN { printf "%.3f", s / c }')"); done
wins=0; for r in "${pairs[@]}"; do awk -v r="$r" 'BEGIN { exit !(r < 1) }' && wins=$((wins + 1)); done
echo "paired ratios: median $(median "${pairs[@]}"), sonora faster in $wins of ${#pairs[@]} pairs"
# the least disturbed run of each: on a shared machine the other tenants only ever add time
least() { printf '%s\n' "$@" | sort -g | head -n 1; }
awk -v s="$(least "${sonora[@]}")" -v c="$(least "${sc[@]}")" 'BEGIN {
  printf "fastest wall: sonora %.2f s, scsynth %.2f s, ratio %.2f\n", s, c, s / c }'
