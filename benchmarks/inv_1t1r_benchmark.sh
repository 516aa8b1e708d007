#!/usr/bin/env bash
# Issue 3 benchmark: INV operating point of a 1T1R crossbar (level-1 access transistors,
# 1.73 ohm wires per cell on rows and columns, single-pole op-amps A0 = 1e5 / GBWP = 16 MHz,
# 3-bit levels, positive diagonally dominant matrix; 3N^2 + 3N unknowns), CrossbarSim vs
# ngspice 39 on the exported deck (with .options noopiter, docs/design.md section 7).
#
# Usage: benchmarks/inv_1t1r_benchmark.sh [--work DIR] [--ngspice "32 64"] [--timeout S] [N ...]
#   N ...              CrossbarSim sizes (default 32 64 128 256)
#   --ngspice "..."    sizes also run in ngspice (default "32 64"; each must be among N)
#   --timeout S        ngspice limit per deck (default 300)
#   --work DIR         decks, outputs and logs (default: a new temporary folder)
#   --seed S           matrix seed (default 1)
# CrossbarSim: `Crossbar.Benchmarks inv1t1r --decks DIR N...` (Release) builds each circuit,
# runs CircuitSimulator.Run on it in-process, prints one CSV line per N (unknowns, fill,
# Newton iterations, time split) and the engine statistics on stderr, and writes
# DIR/inv1t1r_N.cir (exported deck + noopiter) and DIR/inv1t1r_N.crossbar.csv (our outputs).
# ngspice: wall and cpu (user + system) time of `ngspice -b -r inv1t1r_N.raw inv1t1r_N.cir`
# (process start included). Compare cpu times on a shared machine: wall time there mostly
# measures the other jobs.
set -euo pipefail
# Time the simulation, not the PNG drawn beside its CSV (ngspice -b draws none; the first plot costs ~0.35 s).
export CROSSBAR_NO_PLOTS=1

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
work=""
ngspice_sizes="32 64"
timeout_s=300
seed=1
sizes=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --work) work="$2"; shift ;;
    --ngspice) ngspice_sizes="$2"; shift ;;
    --timeout) timeout_s="$2"; shift ;;
    --seed) seed="$2"; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) sizes+=("$1") ;;
  esac
  shift
done
[[ ${#sizes[@]} -gt 0 ]] || sizes=(32 64 128 256)
[[ -n "$work" ]] || work="$(mktemp -d -t crossbar-inv1t1r-XXXXXX)"
mkdir -p "$work"
echo "work folder: $work" >&2
echo "load: $(uptime)" >&2

echo "building Crossbar.Benchmarks (Release)..." >&2
dotnet build -c Release "$root/benchmarks/Crossbar.Benchmarks/Crossbar.Benchmarks.csproj" -nologo -v q >&2
cli_cmd="$("$here/publish_cli.sh")"
echo "crossbar CLI runs as: $cli_cmd" >&2
bench="$root/benchmarks/Crossbar.Benchmarks/bin/Release/net10.0/Crossbar.Benchmarks.dll"

dotnet "$bench" inv1t1r --seed "$seed" --decks "$work" "${sizes[@]}" > "$work/crossbar.csv" 2> "$work/crossbar.stats.txt"
echo "CrossbarSim (in-process, seconds):"
column -s, -t < "$work/crossbar.csv"

if [[ -n "$ngspice_sizes" ]]; then
  command -v ngspice > /dev/null || { echo "ngspice not found on PATH" >&2; exit 2; }
  echo
  echo "ngspice 39 on the exported decks (.options noopiter), seconds; agreement of v(c*) with the in-process run;"
  echo "cli_*: \`crossbar run\` on the same exported deck (Native AOT publish, benchmarks/publish_cli.sh; median of 5 runs)"
  printf '%6s %10s %10s %10s %10s %14s %14s %10s %10s %8s\n' N ngspice_s ngspice_cpu crossbar_s crossbar_cpu max_rel_diff rel_diff_2norm cli_s cli_cpu cli_its
  for n in $ngspice_sizes; do
    deck="inv1t1r_${n}.cir"
    [[ -f "$work/$deck" ]] || { echo "no deck for N=$n (add it to the CrossbarSim sizes)" >&2; continue; }
    set +e
    ( cd "$work" && SPICE_ASCIIRAWFILE=1 /usr/bin/time -f "%e %U %S" -o "inv1t1r_${n}.ngspice.time" \
        timeout "$timeout_s" ngspice -b -r "inv1t1r_${n}.raw" "$deck" > "inv1t1r_${n}.ngspice.log" 2>&1 )
    rc=$?
    set -e
    if [[ $rc -eq 124 ]]; then ng="timeout -"; elif [[ $rc -ne 0 ]]; then ng="fail($rc) -"
    else ng=$(awk '{ printf "%.2f %.2f", $1, $2 + $3 }' "$work/inv1t1r_${n}.ngspice.time"); fi
    # CrossbarSim: the whole CircuitSimulator.Run (wall and process cpu) of this N.
    ours=$(awk -F, -v n="$n" 'NR == 1 { for (k = 1; k <= NF; k++) col[$k] = k }
      $1 == n { print $col["simulate_s"], $col["simulate_cpu_s"] }' "$work/crossbar.csv")
    agreement="- -"
    if [[ $rc -eq 0 ]]; then
      agreement=$(python3 - "$work/inv1t1r_${n}.raw" "$work/inv1t1r_${n}.crossbar.csv" <<'EOF'
import math, sys
raw, csv = sys.argv[1], sys.argv[2]
names, values, section = [], [], None
with open(raw) as f:
    for line in f:
        s = line.strip()
        if s.startswith("Variables:"):
            section = "vars"; continue
        if s.startswith("Values:"):
            section = "values"; continue
        if section == "vars" and s:
            names.append(s.split()[1].lower())
        elif section == "values" and s:
            parts = s.split()
            values.append(float(parts[-1]))
theirs = dict(zip(names, values))
ours = {}
for line in open(csv):
    k, v = line.strip().split(",")
    ours[k.lower()] = float(v)
keys = [k for k in ours if k in theirs]
if not keys:
    print("none-shared -"); sys.exit()
worst = max(abs(ours[k] - theirs[k]) / max(abs(ours[k]), abs(theirs[k]), 1e-300) for k in keys)
num = math.sqrt(sum((ours[k] - theirs[k]) ** 2 for k in keys))
den = math.sqrt(sum(theirs[k] ** 2 for k in keys))
print(f"{worst:.2e} {num / den:.2e}")
EOF
)
    fi
    # shellcheck disable=SC2086
    # CrossbarSim CLI on the exported deck (plain R/M/V elements, no array card; process start included).
    cli="- - -"
    if [[ -n "$cli_cmd" ]]; then
      crc=0
      : > "$work/inv1t1r_${n}.cli.wall"
      : > "$work/inv1t1r_${n}.cli.cpu"
      for ((k = 0; k < 5 && crc == 0; k++)); do
        set +e
        # shellcheck disable=SC2086
        t0=$EPOCHREALTIME
        /usr/bin/time -f "%U %S" -a -o "$work/inv1t1r_${n}.cli.cpu" timeout "$timeout_s" \
          $cli_cmd run "$work/$deck" --out "$work/inv1t1r_${n}.cli" --stats > "$work/inv1t1r_${n}.cli.log" 2>&1
        crc=$?
        t1=$EPOCHREALTIME
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }' >> "$work/inv1t1r_${n}.cli.wall"
        set -e
      done
      if [[ $crc -eq 0 ]]; then
        wall=$(sort -g "$work/inv1t1r_${n}.cli.wall" | sed -n 3p)
        cpu=$(awk '{ print $1 + $2 }' "$work/inv1t1r_${n}.cli.cpu" | sort -g | sed -n 3p)
        cli="$(printf '%.3f %.3f' "$wall" "$cpu") $(awk '/^newton iterations/ { print $3 }' "$work/inv1t1r_${n}.cli.log")"
      else
        cli="fail($crc) - -"
      fi
    fi
    # shellcheck disable=SC2086
    printf '%6s %10s %10s %10s %10s %14s %14s %10s %10s %8s\n' "$n" $ng $ours $agreement $cli
  done
fi
echo "load: $(uptime)" >&2
