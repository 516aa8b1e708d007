#!/usr/bin/env bash
# Builds the crossbar CLI for the timing scripts and prints the command that runs it (one line).
#
# Usage: benchmarks/publish_cli.sh [--aot | --r2r | --jit]
#   --aot    (default) Native AOT publish into Crossbar.Cli/bin/Release/net10.0/linux-x64/aot/:
#            one native executable, compiled ahead of time as ngspice is, so a timed run measures
#            the simulator rather than the runtime starting and the JIT warming up (ReadyToRun
#            still starts the runtime and compiles generic and vectorised code at run time: about
#            0.15-0.25 s more per process). Targets x86-64-v3 (AVX2/FMA) when this CPU has it.
#            Needs the ILCompiler packages from NuGet (restored once, then cached) and gcc or
#            clang to link; if the publish fails the script warns and falls back to --r2r.
#   --r2r    ReadyToRun publish (framework-dependent) into Crossbar.Cli/bin/Release/net10.0/linux-x64/publish/;
#            falls back to --jit if it fails.
#   --jit    plain `dotnet build -c Release`; prints `dotnet .../crossbar.dll`.
# Build output goes to stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
project="$root/Crossbar.Cli/Crossbar.Cli.csproj"
mode="${1:---aot}"

if [[ "$mode" == "--aot" ]]; then
  aot="$root/Crossbar.Cli/bin/Release/net10.0/linux-x64/aot"
  isa=()
  if grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo && grep -qw bmi2 /proc/cpuinfo; then
    isa=(-p:IlcInstructionSet=x86-64-v3)
  fi
  echo "publishing CrossbarSim CLI (Release, Native AOT, linux-x64 ${isa[*]:-baseline ISA})..." >&2
  if dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true "${isa[@]}" \
      -o "$aot" -nologo -v q >&2; then
    echo "$aot/crossbar"
    exit 0
  fi
  echo "warning: Native AOT publish failed; timing the ReadyToRun publish instead" >&2
  mode="--r2r"
fi

if [[ "$mode" == "--r2r" ]]; then
  publish="$root/Crossbar.Cli/bin/Release/net10.0/linux-x64/publish"
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
