#!/usr/bin/env bash
# One entry point for people and CI.
#   ./build.sh test    install prerequisites, build with warnings as errors, run every test with coverage
#   ./build.sh lab     install prerequisites and run the netboot lab (QEMU BIOS + UEFI machines)
#   ./build.sh pack    build the NuGet packages into artifacts/packages
#   ./build.sh bench   run the BenchmarkDotNet suite (extra arguments go to BenchmarkDotNet)
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
source eng/prereqs.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

cmd=${1:-test}; shift || true
case "$cmd" in
  test)
    ensure_packages "${TEST_PACKAGES[@]}" "${LAB_PACKAGES[@]}"
    ensure_dotnet
    dotnet restore BareMetal.Protocols.sln
    dotnet build BareMetal.Protocols.sln -c Release --no-restore -warnaserror
    results="$root/artifacts/test-results"
    rm -rf "$results"; mkdir -p "$results"
    set +e
    dotnet test BareMetal.Protocols.sln -c Release --no-build \
      --results-directory "$results" --collect "XPlat Code Coverage" \
      --blame-hang-timeout 15m "$@" 2>&1 | tee "$results/console.log"
    status=${PIPESTATUS[0]}
    set -e
    python3 eng/test-summary.py "$results" || status=1
    exit "$status"
    ;;
  lab)
    ensure_packages "${LAB_PACKAGES[@]}"
    ensure_dotnet
    exec bash samples/lab/run-lab.sh "$@"
    ;;
  pack)
    ensure_dotnet
    dotnet pack BareMetal.Protocols.sln -c Release -o "$root/artifacts/packages" "$@"
    ;;
  bench)
    ensure_dotnet
    dotnet run -c Release --project benchmarks/BareMetal.Protocols.Benchmarks -- "$@"
    ;;
  *)
    echo "usage: ./build.sh test|lab|pack|bench" >&2; exit 2;;
esac
