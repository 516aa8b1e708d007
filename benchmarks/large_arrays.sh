#!/usr/bin/env bash
# Large-array timing: `crossbar inv --size N --cell 1t1r --wire-r 1.73` (operating point of the 1T1R INV circuit,
# 1.73 ohm wires per cell, the default single-pole op-amps; about 3N^2 unknowns) for each N, with UMFPACK timed on
# exactly the Jacobian our Newton iteration factored last (dumped with --dump-matrix).
#
# Usage: benchmarks/large_arrays.sh [--sizes "256 512 1024"] [--work DIR] [--no-dump] [--build aot|r2r|jit]
#                                   [--seed S] [--repeats R]
#   --sizes "..."   array sizes N (default "256 512 1024")
#   --work DIR      per-N folders n<N>/ (out/, jac.mtx, jac.rhs.mtx, jac.names.csv, logs) and large_arrays.csv
#                   (default: a new temporary folder, kept)
#   --no-dump       no --dump-matrix and no UMFPACK columns (the text matrix is ~32 bytes per nonzero: about
#                   0.75 GB at N = 1024)
#   --build         how the CLI is built (default aot: the native executable of benchmarks/publish_cli.sh)
#   --seed S        matrix seed (default 1)
#   --repeats R     UMFPACK runs per matrix, best time kept (default 1)
#
# Per N it runs the CLI under /usr/bin/time -v (with --stats, and --dump-matrix unless --no-dump) and reports:
#   wall_s            wall time of the whole command (process start, build, simulation, output files, and writing
#                     the dump when there is one: dump_s of it)
#   sim_wall_s        summary.csv's wall_time_s (building and simulating the circuit)
#   peak_rss_MB       maximum resident set size of the command
#   newton_iterations, factorisations (full + refactorisations), lu_nnz (L+U of our last factorisation),
#   order_s, factor_s (our ordering and numeric factorisation time, all factorisations), factor_per_s (factor_s /
#   factorisations) -- all from --stats
#   mna_residual      summary.csv (max KCL residual over the nodes / largest current term)
#   umf_order_s, umf_factor_s, umf_lu_nnz, umf_residual_rel, umf_peak_rss_MB -- benchmarks/umfpack/umfpack_time on
#                     the dumped matrix: umfpack_di_symbolic (symmetric strategy, AMD), umfpack_di_numeric, get_lunz
#                     (lnz + unz - n), the solve with jac.rhs.mtx
#   umf_x_diff_rel    max |x_umfpack - x_ours| / max |x| on the dumped system (jac.x.mtx is our solution of it): the
#                     independent check of our answer where ngspice cannot run
#   ratio             (order_s + factor_per_s) / (umf_order_s + umf_factor_s): our ordering plus one factorisation
#                     against UMFPACK's ordering plus one factorisation of the same matrix (> 1: UMFPACK is faster)
#   factor_ratio      factor_per_s / umf_factor_s: one numeric factorisation against one
# UMFPACK needs libsuitesparse-dev (and is timed with OpenBLAS, installed alongside: Debian's default BLAS is the
# reference one): installed here with apt-get when missing and running as root, otherwise its
# columns are left empty with a note. Writes DIR/large_arrays.csv (header + one row per N) and prints it as a table.
set -euo pipefail
# Time the simulation, not plots.
export CROSSBAR_NO_PLOTS=1
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sizes="256 512 1024"
work=""
dump=1
build=aot
seed=1
repeats=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift ;;
    --work) work="$2"; shift ;;
    --no-dump) dump=0 ;;
    --build) build="$2"; shift ;;
    --seed) seed="$2"; shift ;;
    --repeats) repeats="$2"; shift ;;
    -h|--help) sed -n '2,34p' "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time (GNU time) is needed for the peak RSS: apt-get install -y time" >&2; exit 2; }
[[ -n "$work" ]] || work="$(mktemp -d -t crossbar-large-XXXXXX)"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
echo "work folder: $work" >&2
echo "load: $(uptime)" >&2

read -r -a cli <<< "$("$here/publish_cli.sh" "--$build")"
echo "crossbar CLI runs as: ${cli[*]}" >&2

umf=""
umf_note=""
if [[ "$dump" == 1 ]]; then
  status=0
  umf="$("$here/umfpack/build.sh")" || status=$?
  if [[ "$status" == 3 ]] && [[ "$(id -u)" == 0 ]] && command -v apt-get > /dev/null; then
    echo "installing libsuitesparse-dev for UMFPACK..." >&2
    if (apt-get install -y libsuitesparse-dev || (apt-get update && apt-get install -y libsuitesparse-dev)) >&2; then
      status=0
      umf="$("$here/umfpack/build.sh")" || status=$?
    fi
  fi
  # UMFPACK's dense kernels call the BLAS: Debian's default libblas3 is the unoptimised reference BLAS, so install
  # OpenBLAS (it takes over libblas.so.3 through update-alternatives) to time UMFPACK at its best.
  blas="$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)"
  if [[ "$status" == 0 ]] && [[ "$blas" != *openblas* ]] && [[ "$(id -u)" == 0 ]] && command -v apt-get > /dev/null; then
    echo "installing OpenBLAS for UMFPACK..." >&2
    (apt-get install -y libopenblas0-pthread || (apt-get update && apt-get install -y libopenblas0-pthread)) >&2 || true
    blas="$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)"
  fi
  echo "UMFPACK's BLAS: ${blas:-unknown}" >&2
  if [[ "$status" != 0 ]]; then
    umf=""
    umf_note="UMFPACK columns skipped: benchmarks/umfpack/build.sh could not build umfpack_time (install libsuitesparse-dev as root: apt-get install -y libsuitesparse-dev)"
    echo "note: $umf_note" >&2
  fi
else
  umf_note="UMFPACK columns skipped: --no-dump"
fi

# value, key, csv_column, gnu_time
source "$here/lib/cli_stats.sh"

csv="$work/large_arrays.csv"
echo "N,unknowns,matrix_nnz,wall_s,sim_wall_s,peak_rss_MB,newton_iterations,factorisations,lu_nnz,order_s,factor_s,factor_per_s,mna_residual,dump_s,umf_order_s,umf_factor_s,umf_lu_nnz,umf_residual_rel,umf_x_diff_rel,umf_peak_rss_MB,ratio,factor_ratio,status" > "$csv"
for n in $sizes; do
  dir="$work/n$n"
  rm -rf "$dir"
  mkdir -p "$dir"
  args=(inv --size "$n" --cell 1t1r --wire-r 1.73 --seed "$seed" --out "$dir/out" --stats)
  [[ "$dump" == 1 ]] && args+=(--dump-matrix "$dir/jac.mtx")
  echo "N = $n: ${cli[*]} ${args[*]}" >&2
  rc=0
  /usr/bin/time -v -o "$dir/time.txt" "${cli[@]}" "${args[@]}" > "$dir/stdout.txt" 2> "$dir/stderr.txt" || rc=$?
  if [[ "$rc" != 0 ]]; then
    echo "  crossbar failed (exit $rc): $(grep -m1 -E 'error|failed' "$dir/stderr.txt" || tail -n1 "$dir/stderr.txt")" >&2
    echo "$n,,,,,,,,,,,,,,,,,,,,crossbar_exit_$rc" >> "$csv"
    continue
  fi
  read -r wall rss < <(gnu_time "$dir/time.txt")
  stats="$dir/stderr.txt"
  unknowns="$(value unknowns "$stats")"
  nnz="$(value "matrix nonzeros" "$stats")"
  newton="$(value "newton iterations" "$stats")"
  full="$(value factorisations "$stats")"
  refactor="$(value refactorisations "$stats")"
  factorisations=$((full + refactor))
  lu="$(value "factor nonzeros (L+U)" "$stats")"
  order_s="$(value "ordering time s" "$stats")"
  factor_s="$(value "factor time s" "$stats")"
  factor_per_s="$(awk -v f="$factor_s" -v k="$factorisations" 'BEGIN { printf "%.6f", (k > 0 ? f / k : f) }')"
  residual="$(csv_column mna_residual "$dir/out/summary.csv")"
  sim_wall="$(csv_column wall_time_s "$dir/out/summary.csv")"
  dump_s="$(awk '/^wrote .*jac\.mtx/ { print $(NF - 1) }' "$stats")"
  umf_order="" umf_factor="" umf_lu="" umf_res="" umf_xdiff="" umf_rss="" ratio="" factor_ratio="" status=ok
  if [[ -n "$umf" ]]; then
    urc=0
    /usr/bin/time -v -o "$dir/umfpack.time.txt" "$umf" "$dir/jac.mtx" "$dir/jac.rhs.mtx" "$dir/jac.x.mtx" --repeats "$repeats" > "$dir/umfpack.txt" 2> "$dir/umfpack.err" || urc=$?
    if [[ "$urc" == 0 ]]; then
      umf_order="$(key order_s "$dir/umfpack.txt")"
      umf_factor="$(key factor_s "$dir/umfpack.txt")"
      umf_lu="$(key nnz_LU "$dir/umfpack.txt")"
      umf_res="$(key residual_rel "$dir/umfpack.txt")"
      umf_xdiff="$(key x_diff_rel "$dir/umfpack.txt")"
      read -r _ umf_rss < <(gnu_time "$dir/umfpack.time.txt")
      ratio="$(awk -v o="$order_s" -v f="$factor_per_s" -v uo="$umf_order" -v uf="$umf_factor" 'BEGIN { d = uo + uf; if (d > 0) printf "%.3g", (o + f) / d }')"
      factor_ratio="$(awk -v f="$factor_per_s" -v uf="$umf_factor" 'BEGIN { if (uf > 0) printf "%.3g", f / uf }')"
    else
      status="umfpack_exit_$urc"
      echo "  umfpack_time failed (exit $urc): $(tail -n1 "$dir/umfpack.err")" >&2
    fi
  fi
  echo "$n,$unknowns,$nnz,$wall,$sim_wall,$rss,$newton,$factorisations,$lu,$order_s,$factor_s,$factor_per_s,$residual,$dump_s,$umf_order,$umf_factor,$umf_lu,$umf_res,$umf_xdiff,$umf_rss,$ratio,$factor_ratio,$status" >> "$csv"
done

echo "wrote $csv" >&2
[[ -z "$umf_note" ]] || echo "note: $umf_note"
# Empty cells shown as "-" so that column(1) keeps them.
sed -e 's/,,/,-,/g' -e 's/,,/,-,/g' -e 's/,$/,-/' "$csv" | column -s, -t
