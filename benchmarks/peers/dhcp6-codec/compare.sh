#!/usr/bin/env bash
# One session, both sides: BareMetal.Dhcp6's BenchmarkDotNet classes, then the Go peer (run.sh), on the same
# captured Solicit (and relayed Request). Prints the load average around each side: on a shared machine the
# ratios are what carries over.
#   usage: benchmarks/peers/dhcp6-codec/compare.sh [output directory, default /tmp/bmd6-compare]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
out="${1:-/tmp/bmd6-compare}"
mkdir -p "$out"
cd "$repo"
export MSBUILDDISABLENODEREUSE=1
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(dotnet --version) SDK, $(go version)"
echo "load before .NET: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet run -c Release --project benchmarks/BareMetal.Protocols.Benchmarks -- \
  --filter '*Dhcp6*Benchmark*' --inProcess --launchCount 1 --warmupCount 5 --iterationCount 15 \
  --artifacts "$out/dotnet" > "$out/dotnet.log" 2>&1
grep -h -E '^\|' "$out"/dotnet/results/*Dhcp6*-report-github.md
echo "load before Go: $(cut -d' ' -f1-3 /proc/loadavg)"
benchmarks/peers/dhcp6-codec/run.sh -count 3 | tee "$out/go.log" | grep -E '^Benchmark'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
