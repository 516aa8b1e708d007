#!/usr/bin/env bash
# HP-INV iterations to 2^-24 against white read noise (issue 8): `crossbar hpinv --size N
# --fidelity F` on the default hardware (1T1R, 1.73 ohm wires, single-pole op-amps, 3-bit cells,
# 2% programming error, 8-bit converters) for each --read-noise value. Prints CSV:
# read_noise,seed,iterations_to_target,iterations,stop,final_rel_error,spectral_radius,wall_s.
#
# Usage: benchmarks/hpinv_read_noise.sh [--size N] [--fidelity ideal|op|tran] [--seeds K] [sigma ...]
#   defaults: N 16, fidelity op, K 1, sigma 0 0.005 0.01 0.02 0.05. Uses the Release build of the CLI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli=(dotnet "$root/Crossbar.Cli/bin/Release/net10.0/crossbar.dll")
size=16
fidelity=op
seeds=1
sigmas=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) size="$2"; shift ;;
    --fidelity) fidelity="$2"; shift ;;
    --seeds) seeds="$2"; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) sigmas+=("$1") ;;
  esac
  shift
done
[[ ${#sigmas[@]} -gt 0 ]] || sigmas=(0 0.005 0.01 0.02 0.05)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "read_noise,seed,iterations_to_target,iterations,stop,final_rel_error,spectral_radius,wall_s"
for sigma in "${sigmas[@]}"; do
  for ((s = 1; s <= seeds; s++)); do
    start=$(date +%s.%N)
    "${cli[@]}" hpinv --size "$size" --fidelity "$fidelity" --read-noise "$sigma" --seed "$s" --max-iterations 40 --out "$work/r" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    awk -F, -v sigma="$sigma" -v seed="$s" -v wall="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')" \
      'NR == 2 { printf "%s,%s,%s,%s,%s,%s,%s,%s\n", sigma, seed, $3, $8, $9, $4, $10, wall }' "$work/r/summary.csv"
  done
done
