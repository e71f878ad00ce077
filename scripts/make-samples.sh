#!/usr/bin/env bash
# Renders Sonora's default kit into samples/<bank>/00_<name>.wav, one --render per voice,
# from the definitions in scripts/make-samples.js. No third-party audio: Sonora makes its own.
set -euo pipefail
cd "$(dirname "$0")/.."
voices=("bd 0.5" "sn 0.35" "hh 0.15" "cp 0.4" "tone 0.8")
for v in "${voices[@]}"; do
  read -r name dur <<<"$v"
  mkdir -p "samples/$name"
  ./sonora --render "samples/$name/00_$name.wav" --duration "$dur" scripts/make-samples.js -e "hush(); kit('$name')"
done
