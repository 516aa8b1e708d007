#!/usr/bin/env bash
# Times HP-INV on the simulated hardware (issue 8 targets): `crossbar hpinv --size 16` at operating-point
# fidelity to 2^-24 and at transient fidelity for 3 iterations, with 1T1R cells (the default hardware:
# 1.73 ohm wires, single-pole op-amps, 2% programming error, 8-bit converters) and with 1R cells.
# Prints CSV: fidelity,cell,iterations,stop,final_rel_error,median_wall_s (median of --repeat runs,
# whole process: start, build, every analogue operation, output files).
#
# Usage: benchmarks/hpinv_timing.sh [--build aot|r2r|jit] [--repeat K] [--seed S]
#   --build   how the CLI is built (default aot: the native executable benchmarks/publish_cli.sh makes)
#   --repeat  runs per case (default 3)
set -euo pipefail
# Time the simulation, not the PNG drawn beside its CSV (ngspice -b draws none; the first plot costs ~0.35 s).
export CROSSBAR_NO_PLOTS=1
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build=aot
repeat=3
seed=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build="$2"; shift ;;
    --repeat) repeat="$2"; shift ;;
    --seed) seed="$2"; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
read -r -a cli <<< "$("$here/publish_cli.sh" "--$build")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fidelity,cell,iterations,stop,final_rel_error,median_wall_s"
for fidelity in op tran; do
  extra=()
  [[ "$fidelity" == tran ]] && extra=(--max-iterations 3)
  for cell in 1t1r 1r; do
    times=()
    for ((k = 0; k < repeat; k++)); do
      start=$(date +%s.%N)
      "${cli[@]}" hpinv --size 16 --seed "$seed" --fidelity "$fidelity" --cell "$cell" "${extra[@]}" --out "$work/r" >/dev/null 2>&1 || true
      end=$(date +%s.%N)
      times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    awk -F, -v f="$fidelity" -v c="$cell" -v m="$median" 'NR == 2 { printf "%s,%s,%s,%s,%s,%s\n", f, c, $8, $9, $4, m }' "$work/r/summary.csv"
  done
done
