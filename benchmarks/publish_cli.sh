#!/usr/bin/env bash
# Builds the crossbar CLI for the timing scripts and prints the command that runs it (one line).
#
# Usage: benchmarks/publish_cli.sh [--jit]
#   default  ReadyToRun publish (framework-dependent, linux-x64) into
#            Crossbar.Cli/bin/Release/net10.0/linux-x64/publish/; prints the path of its `crossbar`
#            executable. The methods are compiled ahead of time, as ngspice is, so a timed run
#            measures the simulator rather than the JIT warming up (about 0.1-0.2 s per process).
#            Needs the Microsoft.NETCore.App.Crossgen2 pack from NuGet (restored once, then cached);
#            if the publish fails the script warns and falls back to --jit.
#   --jit    plain `dotnet build -c Release`; prints `dotnet .../crossbar.dll`.
# Build output goes to stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
project="$root/Crossbar.Cli/Crossbar.Cli.csproj"
publish="$root/Crossbar.Cli/bin/Release/net10.0/linux-x64/publish"

if [[ "${1:-}" != "--jit" ]]; then
  echo "publishing CrossbarSim CLI (Release, ReadyToRun, linux-x64)..." >&2
  if dotnet publish "$project" -c Release -p:PublishReadyToRun=true -r linux-x64 --self-contained false \
      -o "$publish" -nologo -v q >&2; then
    echo "$publish/crossbar"
    exit 0
  fi
  echo "warning: ReadyToRun publish failed; timing the JIT build instead" >&2
fi

echo "building CrossbarSim CLI (Release)..." >&2
dotnet build -c Release "$project" -nologo -v q >&2
echo "dotnet $root/Crossbar.Cli/bin/Release/net10.0/crossbar.dll"
