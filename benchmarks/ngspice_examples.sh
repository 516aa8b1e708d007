#!/usr/bin/env bash
# Qualification of ngspice's own decks: every deck under tests/ and examples/ of the ngspice 39.3 Debian source
# package is read by CrossbarSim's reader; those it accepts are run by ngspice (batch mode) and by CrossbarSim and
# compared vector by vector as the netlists/ cross-check does (OP/DC 1e-6 relative with ngspice at reltol 1e-9,
# transients 1% of each signal's range). A deck QUALIFIES when our reader takes it and ngspice runs it to a plot;
# it AGREES when every vector present in both matches.
#
# Usage: benchmarks/ngspice_examples.sh [--source DIR] [--out FILE.csv]
#   --source DIR   an unpacked ngspice source tree (default: fetched with `apt-get source ngspice` into
#                  $TMPDIR/ngspice-src; as root the script adds a deb-src line for bookworm when apt has none)
#   --out FILE     the per-deck table (default ngspice-examples.csv in the current folder): deck, stage
#                  (reader | ngspice | ours | compared), qualifies, agrees, vectors, reason
# Prints "N found, Q qualify, A agree" and the most frequent reasons our reader refused a deck.
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=""
out="$PWD/ngspice-examples.csv"
while [ $# -gt 0 ]; do
  case "$1" in
    --source) source_dir="$2"; shift 2 ;;
    --out) out="$(realpath -m "$2")"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

command -v ngspice >/dev/null || { echo "ngspice is not on PATH (apt-get install -y ngspice)" >&2; exit 1; }
if [ -z "$source_dir" ]; then
  work="${TMPDIR:-/tmp}/ngspice-src"
  mkdir -p "$work"
  if ! ls -d "$work"/*/examples >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && ! grep -rqs '^Types: deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
      printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        > /etc/apt/sources.list.d/crossbar-deb-src.sources
      apt-get update -qq
    fi
    (cd "$work" && apt-get source --download-only ngspice >/dev/null 2>&1) \
      || { echo "apt-get source ngspice failed: add a deb-src line, or pass --source DIR" >&2; exit 1; }
    tar -xzf "$work"/ngspice_*.orig.tar.gz -C "$work"
  fi
  source_dir="$(dirname "$(ls -d "$work"/*/examples | head -1)")"
fi

echo "ngspice source: $source_dir"
dotnet build tests/Crossbar.Circuit.Tests -c Release -v q -nologo >/dev/null
CROSSBAR_NGSPICE_SOURCE="$source_dir" CROSSBAR_QUALIFICATION_CSV="$out" \
  dotnet test tests/Crossbar.Circuit.Tests -c Release --no-build \
  --filter "FullyQualifiedName~ExampleDeckQualificationTests" --logger "console;verbosity=detailed" \
  | grep -E '^ *(ngspice example decks|refused)' || true
echo "table: $out"
