#!/usr/bin/env bash
# SIGKILL trials for the --out folder-as-a-unit guarantee (Crossbar.Cli/Output/OutputFolder.cs).
#
# For each command (run <long transient deck>, inv --size 32 --analysis tran) and each of N trials:
#   1. D holds a complete result set of variant P (the previous run).
#   2. Start the other variant Q into D, SIGKILL it after a random delay in [0, 1.2 x its full run time].
#   3. Check D: its signature (file list + SHA-256 of each file; summary.csv without its wall_time_s column,
#      PNGs and run.json (which records times) by name only) must equal that of P's or Q's complete set; count which. D missing, or any
#      other signature, is a failure ("mixed").
#   4. Run Q again to completion into D (the "next run") and check: D equals Q's set and no D.tmp-* / D.old-*
#      temporary remains beside it.
# Usage: benchmarks/kill_trials/kill_trials.sh [trials=20] [work dir]   (from the repository root, after
#        dotnet build CrossbarSim.sln -c Release). Prints one line per trial and the counts; exit 1 on any failure.
set -u
TRIALS=${1:-20}
WORK=${2:-$(mktemp -d /tmp/crossbar-kill-trials.XXXXXX)}
CLI="dotnet Crossbar.Cli/bin/Release/net10.0/crossbar.dll"
HERE=benchmarks/kill_trials
mkdir -p "$WORK"

signature() { # dir -> one line per file: name and hash
  local d=$1
  [ -d "$d" ] || { echo "MISSING"; return; }
  (cd "$d" && for f in $(ls -A | sort); do
     case "$f" in
       summary.csv) echo "$f $(cut -d, -f1-9 "$f" | sha256sum | cut -c1-16)";;
       *.png|run.json) echo "$f";;   # run.json holds start/end times
       *) echo "$f $(sha256sum < "$f" | cut -c1-16)";;
     esac
   done)
}

temporaries() { ls -d "$1".tmp-* "$1".old-* 2>/dev/null | wc -l; }

trial_set() { # name, command for variant 0, command for variant 1 (each ends with --out)
  local name=$1 v0=$2 v1=$3
  local D="$WORK/$name/D"
  rm -rf "$WORK/$name"; mkdir -p "$WORK/$name"
  # Reference sets and full run times.
  local t0 t1
  t0=$(date +%s.%N); $v0 "$WORK/$name/ref0" 2>/dev/null || { echo "$name: reference run 0 failed"; exit 1; }; t1=$(date +%s.%N)
  local full; full=$(echo "$t1 - $t0" | bc -l)
  $v1 "$WORK/$name/ref1" 2>/dev/null || { echo "$name: reference run 1 failed"; exit 1; }
  local ref0 ref1; ref0=$(signature "$WORK/$name/ref0"); ref1=$(signature "$WORK/$name/ref1")
  [ "$ref0" != "$ref1" ] || { echo "$name: the two variants give the same signature"; exit 1; }
  $v0 "$D" 2>/dev/null
  local prev=0 killed_alive=0 finished_first=0 as_prev=0 as_new=0 mixed=0 tmp_after_kill=0 tmp_after_next=0 next_bad=0
  for i in $(seq 1 "$TRIALS"); do
    local new=$((1 - prev)) cmd delay refp refn pid sig
    if [ $new -eq 0 ]; then cmd=$v0; else cmd=$v1; fi
    refp=$([ $prev -eq 0 ] && echo "$ref0" || echo "$ref1")
    refn=$([ $new -eq 0 ] && echo "$ref0" || echo "$ref1")
    delay=$(python3 -c "import random; print(f'{random.uniform(0, 1.2 * $full):.3f}')")
    $cmd "$D" 2>/dev/null & pid=$!
    sleep "$delay"
    if kill -0 $pid 2>/dev/null; then kill -KILL $pid; killed_alive=$((killed_alive + 1)); state=killed; else finished_first=$((finished_first + 1)); state=finished; fi
    wait $pid 2>/dev/null
    sig=$(signature "$D")
    local left; left=$(temporaries "$D"); [ "$left" -gt 0 ] && tmp_after_kill=$((tmp_after_kill + 1))
    if [ "$sig" == "$refp" ]; then as_prev=$((as_prev + 1)); verdict=previous
    elif [ "$sig" == "$refn" ]; then as_new=$((as_new + 1)); verdict=new
    else mixed=$((mixed + 1)); verdict="MIXED: $(echo $sig | tr '\n' ' ')"; fi
    # The next run: to completion, then D is the new set and no temporary remains.
    $cmd "$D" 2>/dev/null
    local after; after=$(temporaries "$D")
    [ "$after" -gt 0 ] && tmp_after_next=$((tmp_after_next + 1))
    [ "$(signature "$D")" == "$refn" ] || next_bad=$((next_bad + 1))
    printf '%s trial %2d: %s at %6.3f s of %.2f s; D = %s; temporaries after kill %d, after next run %d\n' "$name" "$i" "$state" "$delay" "$full" "$verdict" "$left" "$after"
    prev=$new
  done
  echo "$name: $TRIALS trials: $killed_alive killed while running, $finished_first finished before the kill; D held the previous set $as_prev, the new set $as_new, anything else $mixed; temporaries left by the kill $tmp_after_kill, after the next run $tmp_after_next; next run not the new set $next_bad"
  [ $mixed -eq 0 ] && [ $tmp_after_next -eq 0 ] && [ $next_bad -eq 0 ]
}

status=0
trial_set run "$CLI run $HERE/long_tran_a.cir --out" "$CLI run $HERE/long_tran_b.cir --out" || status=1
trial_set inv "$CLI inv --size 32 --analysis tran --seed 1 --out" "$CLI inv --size 32 --analysis tran --seed 2 --out" || status=1
rm -rf "$WORK"
exit $status
