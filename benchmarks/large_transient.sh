#!/usr/bin/env bash
# Large-array transients: `crossbar inv --size N --cell 1t1r --wire-r 1.73 --wire-c C --analysis tran --points P
# --cell-noise-white S --cell-noise-nt (tstop/P) --tstop T` -- the step response of the 1T1R INV circuit with wire
# resistance and capacitance and per-cell read noise sampled at the print points -- for each N, timed as a whole
# command, once with the quantised steps (the default) and once with ngspice's adaptive step control unless
# --no-adaptive.
#
# Usage: benchmarks/large_transient.sh [--sizes "64 128 256"] [--points P] [--wire-c F] [--noise S]
#                                      [--time-constants K] [--work DIR] [--build aot|r2r|jit] [--no-adaptive]
#   --sizes "..."          array sizes N (default "64 128 256")
#   --points P             print points (default 200): the print step, the largest step and the noise sample time
#                          are tstop / P
#   --wire-c F             row and column wire capacitance per cell pitch in F (default 1e-15)
#   --noise S              relative rms of the white read noise of every cell (default 0.01)
#   --time-constants K     tstop = K loop time constants, τ read from the operating point run of the same circuit
#                          (default 20, the command's own default window)
#   --work DIR             per-N folders and large_transient.csv (default: a new temporary folder, kept)
#   --build                how the CLI is built (default aot: the native executable of benchmarks/publish_cli.sh)
#   --no-adaptive          time only the quantised-step transient
#
# Per N and step control it reports: wall_s and peak_rss_MB of the whole transient command (the operating-point
# run that reads τ is not timed), accepted and rejected steps, newton_iterations, factorisations (full +
# refactorisations), order_s, factor_s, solve_s, load_s (from --stats), rel_error_2norm (summary.csv), and for the
# quantised run max_diff_range: the largest difference of any output from the adaptive run's (interpolated at the
# quantised run's times) over that output's range.
set -euo pipefail
export CROSSBAR_NO_PLOTS=1
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sizes="64 128 256"
points=200
wire_c=1e-15
noise=0.01
constants=20
work=""
build=aot
adaptive=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift ;;
    --points) points="$2"; shift ;;
    --wire-c) wire_c="$2"; shift ;;
    --noise) noise="$2"; shift ;;
    --time-constants) constants="$2"; shift ;;
    --work) work="$2"; shift ;;
    --build) build="$2"; shift ;;
    --no-adaptive) adaptive=0 ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time (GNU time) is needed for the peak RSS: apt-get install -y time" >&2; exit 2; }
[[ -n "$work" ]] || work="$(mktemp -d -t crossbar-transient-XXXXXX)"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
echo "work folder: $work" >&2
echo "load: $(uptime)" >&2
read -r -a cli <<< "$("$here/publish_cli.sh" "--$build")"
echo "crossbar CLI runs as: ${cli[*]}" >&2
# value, csv_column, gnu_time
source "$here/lib/cli_stats.sh"

csv="$work/large_transient.csv"
echo "N,step_control,tstop_s,wall_s,peak_rss_MB,accepted,rejected,newton_iterations,factorisations,order_s,factor_s,solve_s,load_s,rel_error_2norm,max_diff_range,status" > "$csv"
for n in $sizes; do
  base=(inv --size "$n" --cell 1t1r --wire-r 1.73 --wire-c "$wire_c")
  mkdir -p "$work/n$n"
  "${cli[@]}" "${base[@]}" --out "$work/n$n/op" > /dev/null 2> "$work/n$n/op.log"
  tau="$(grep -oE 'tau = [0-9.eE+-]+' "$work/n$n/op.log" | head -1 | awk '{ print $3 }')"
  [[ -n "$tau" ]] || { echo "N = $n: no loop time constant in the operating point log" >&2; continue; }
  tstop="$(awk -v t="$tau" -v k="$constants" 'BEGIN { printf "%.6g", t * k }')"
  nt="$(awk -v t="$tstop" -v p="$points" 'BEGIN { printf "%.6g", t / p }')"
  modes="quantised"
  [[ "$adaptive" == 1 ]] && modes="adaptive quantised"
  for mode in $modes; do
    dir="$work/n$n/$mode"
    rm -rf "$dir"
    args=("${base[@]}" --analysis tran --points "$points" --tstop "$tstop" --cell-noise-white "$noise" --cell-noise-nt "$nt" --steps "$mode" --out "$dir/out" --stats)
    echo "N = $n ($mode): ${cli[*]} ${args[*]}" >&2
    rc=0
    mkdir -p "$dir"
    /usr/bin/time -v -o "$dir/time.txt" "${cli[@]}" "${args[@]}" > "$dir/stdout.txt" 2> "$dir/stderr.txt" || rc=$?
    if [[ "$rc" != 0 ]]; then
      echo "  crossbar failed (exit $rc): $(grep -m1 -E 'error|failed' "$dir/stderr.txt" || tail -n1 "$dir/stderr.txt")" >&2
      echo "$n,$mode,$tstop,,,,,,,,,,,,,crossbar_exit_$rc" >> "$csv"
      continue
    fi
    read -r wall rss < <(gnu_time "$dir/time.txt")
    s="$dir/stderr.txt"
    factorisations=$(( $(value factorisations "$s") + $(value refactorisations "$s") ))
    diff=""
    if [[ "$mode" == quantised && -f "$work/n$n/adaptive/out/waveforms.csv" ]]; then
      diff="$(python3 "$here/lib/waveform_diff.py" "$work/n$n/adaptive/out/waveforms.csv" "$dir/out/waveforms.csv")"
    fi
    echo "$n,$mode,$tstop,$wall,$rss,$(value "accepted time steps" "$s"),$(value "rejected time steps" "$s"),$(value "newton iterations" "$s"),$factorisations,$(value "ordering time s" "$s"),$(value "factor time s" "$s"),$(value "solve time s" "$s"),$(value "load time s" "$s"),$(csv_column rel_error_2norm "$dir/out/summary.csv"),$diff,ok" >> "$csv"
  done
done
echo "wrote $csv" >&2
sed -e 's/,,/,-,/g' -e 's/,,/,-,/g' -e 's/,$/,-/' "$csv" | column -s, -t
