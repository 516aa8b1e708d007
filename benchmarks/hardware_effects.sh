#!/usr/bin/env bash
# Error of a single analogue INV for each hardware effect alone and all together (issue 8).
# Each row runs `crossbar inv --size N` at the operating point on one hardware variant: the
# baseline is an ideal circuit (1R cells, no wire resistance, ideal op-amps, continuous
# conductances, no programming error, ideal converters); each other row switches on one effect
# at the paper-chip value; "all" switches on every one. Prints CSV: size,effect,rel_error_2norm.
#
# Usage: benchmarks/hardware_effects.sh [--seeds K] [N ...]   (default N: 8 32; K: 1)
#   Uses the Release build of the CLI (dotnet build -c Release first); rel_error_2norm is averaged over seeds 1..K.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli=(dotnet "$root/Crossbar.Cli/bin/Release/net10.0/crossbar.dll")
seeds=1
sizes=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seeds) seeds="$2"; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) sizes+=("$1") ;;
  esac
  shift
done
[[ ${#sizes[@]} -gt 0 ]] || sizes=(8 32)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
declare -A ideal=([--cell]=1r [--wire-r]=0 [--opamp]=ideal [--bits]=0 [--prog-sigma]=0 [--read-noise]=0 [--dac-bits]=0 [--adc-bits]=0 [--rram]=linear [--drift-time]=0)
declare -A effect=(
  [baseline]=""
  [1t1r]="--cell 1t1r"
  [wires_1.73ohm]="--wire-r 1.73"
  [sinh_v0_0.25V]="--rram sinh"
  [finite_gain_1e5]="--opamp gain"
  [bits_3]="--bits 3"
  [prog_sigma_2pct]="--prog-sigma 0.02"
  [read_noise_1pct]="--read-noise 0.01"
  [drift_1e4s]="--drift-time 1e4"
  [converters_8bit]="--dac-bits 8 --adc-bits 8"
  [all]="--cell 1t1r --wire-r 1.73 --rram sinh --opamp pole --bits 3 --prog-sigma 0.02 --read-noise 0.01 --drift-time 1e4 --dac-bits 8 --adc-bits 8"
)
# The ideal options with an effect's values in place of theirs (each option once).
arguments() {
  declare -A merged=()
  local key
  for key in "${!ideal[@]}"; do merged[$key]=${ideal[$key]}; done
  # shellcheck disable=SC2206
  local over=($1)
  for ((k = 0; k < ${#over[@]}; k += 2)); do merged[${over[k]}]=${over[k + 1]}; done
  for key in "${!merged[@]}"; do printf '%s %s ' "$key" "${merged[$key]}"; done
}
order=(baseline 1t1r wires_1.73ohm sinh_v0_0.25V finite_gain_1e5 bits_3 prog_sigma_2pct read_noise_1pct drift_1e4s converters_8bit all)
echo "size,effect,rel_error_2norm"
for n in "${sizes[@]}"; do
  for name in "${order[@]}"; do
    sum=0
    for ((s = 1; s <= seeds; s++)); do
      # shellcheck disable=SC2046
      "${cli[@]}" inv --size "$n" --seed "$s" $(arguments "${effect[$name]}") --out "$work/$name" 2>/dev/null
      e=$(awk -F, 'NR == 2 { print $2 }' "$work/$name/summary.csv")
      sum=$(awk -v a="$sum" -v b="$e" 'BEGIN { printf "%.17g", a + b }')
    done
    awk -v n="$n" -v name="$name" -v s="$sum" -v k="$seeds" 'BEGIN { printf "%s,%s,%.4g\n", n, name, s / k }'
  done
done
