#!/usr/bin/env bash
# render-ab.sh OTHER_CHECKOUT RUNS SCRIPT SECONDS -- whole-process wall time of `./sonora --render`
# in another checkout (an older commit, built by its own ./sonora) and in this one, alternating,
# one pair per line, so that both meet the machine in the same state.
#   git clone -q . /tmp/old && (cd /tmp/old && git checkout -q REV) && bench/render-ab.sh /tmp/old 6 scripts/beat.js 1
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
OTHER=$(cd "$1" && pwd); RUNS=$2; SCRIPT=$(realpath "$3"); SECS=$4
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for d in "$OTHER" "$HERE"; do (cd "$d" && ./sonora --help >/dev/null); done   # builds and caches, untimed
for _ in $(seq 1 "$RUNS"); do
  for d in "$OTHER" "$HERE"; do
    (cd "$d" && /usr/bin/time -f %e -o "$OUT/t" ./sonora --render "$OUT/x.wav" --duration "$SECS" "$SCRIPT" >/dev/null 2>&1) \
      || { echo "render failed in $d" >&2; exit 1; }
    printf '%s %s   ' "$([[ $d == "$HERE" ]] && echo this || echo other)" "$(cat "$OUT/t")"
  done
  echo
done
