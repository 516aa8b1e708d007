#!/usr/bin/env bash
# Parallel speed-up of `crossbar sweep`: the same 200 op-fidelity `inv` points with --jobs 1 and
# --jobs N (default 2), timed on the build the README installs (benchmarks/publish_cli.sh: native
# AOT, falling back to ReadyToRun). Also checks that the two results.csv files are identical
# apart from wall_time_s.
#
# Usage: benchmarks/sweep_speedup.sh [jobs] [size]
#   200 points = --bits 2,3,4,5 × --prog-sigma 0:0.01:0.04 × --seeds 10, at --size (default 32),
#   1T1R cells, 1.73 Ω wires, single-pole op-amps (the hardware defaults), operating point.
# Prints one line per run and the speed-up; repeat runs interleaved (REPEATS, default 3) and the
# median is taken.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jobs="${1:-2}"
size="${2:-32}"
repeats="${REPEATS:-3}"
cli="$("$here/publish_cli.sh")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
args=(sweep inv --size "$size" --bits 2,3,4,5 --prog-sigma 0:0.01:0.04 --seeds 10)

time_run() { # $1 = jobs, $2 = out; prints seconds
  local start end
  rm -rf "$2"
  start=$(date +%s.%N)
  $cli "${args[@]}" --jobs "$1" --out "$2" 2>/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

one=(); many=()
for ((r = 1; r <= repeats; r++)); do
  t1=$(time_run 1 "$work/j1"); one+=("$t1")
  tn=$(time_run "$jobs" "$work/jn"); many+=("$tn")
  printf 'repeat %d: --jobs 1 %.2f s, --jobs %d %.2f s\n' "$r" "$t1" "$jobs" "$tn"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
m1=$(median "${one[@]}"); mn=$(median "${many[@]}")
points=$(($(wc -l < "$work/j1/results.csv") - 1))
printf 'points: %d (inv --size %s, op), cores: %d\n' "$points" "$size" "$(nproc)"
printf 'median --jobs 1: %.2f s, --jobs %d: %.2f s, speed-up %.2fx\n' "$m1" "$jobs" "$mn" "$(echo "$m1 / $mn" | bc -l)"
# wall_time_s is the last column: compare everything before it.
if cmp -s <(sed 's/,[^,]*$//' "$work/j1/results.csv") <(sed 's/,[^,]*$//' "$work/jn/results.csv"); then
  echo "results.csv identical apart from wall_time_s: yes"
else
  echo "results.csv identical apart from wall_time_s: NO"; exit 1
fi
