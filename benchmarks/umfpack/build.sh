#!/usr/bin/env bash
# Builds umfpack_time (UMFPACK's int interface) and umfpack_time_long (SuiteSparse_long interface) beside this
# script with gcc -O2, when SuiteSparse's UMFPACK headers and library are installed.
# Exit 0 built; 3 UMFPACK not installed (the message says how to install it); 4 no C compiler; other codes: compiler
# errors.
# Prints the path of umfpack_time on stdout; messages go to stderr.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
include=""
for dir in /usr/include/suitesparse /usr/local/include/suitesparse /usr/include /usr/local/include; do
  if [[ -f "$dir/umfpack.h" ]]; then include="$dir"; break; fi
done
cc="${CC:-gcc}"
if ! command -v "$cc" > /dev/null; then
  echo "no C compiler '$cc': install gcc (apt-get install -y gcc) or set CC" >&2
  exit 4
fi
if [[ -z "$include" ]]; then
  echo "UMFPACK is not installed (no umfpack.h under /usr/include/suitesparse, /usr/local/include/...): install SuiteSparse with" >&2
  echo "    sudo apt-get install -y libsuitesparse-dev     # Debian/Ubuntu (as root: apt-get install -y libsuitesparse-dev)" >&2
  exit 3
fi
libs=(-lumfpack -lamd -lsuitesparseconfig -lm)
if ! echo 'int main(void){return 0;}' | "$cc" -x c - -o /dev/null "${libs[@]}" 2> /dev/null; then
  echo "found $include/umfpack.h but cannot link -lumfpack -lamd -lsuitesparseconfig: install the libraries with" >&2
  echo "    sudo apt-get install -y libsuitesparse-dev" >&2
  exit 3
fi
"$cc" -O2 -Wall -Wextra -o "$here/umfpack_time" "$here/umfpack_time.c" -I"$include" "${libs[@]}"
"$cc" -O2 -Wall -Wextra -DUMF_LONG -o "$here/umfpack_time_long" "$here/umfpack_time.c" -I"$include" "${libs[@]}"
echo "built $here/umfpack_time and $here/umfpack_time_long (headers $include)" >&2
echo "$here/umfpack_time"
