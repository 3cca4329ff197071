#!/usr/bin/env bash
# One session, both sides: BareMetal.Dhcp's BenchmarkDotNet classes, then the Go peers (run.sh), on the same first
# DISCOVER of tests/TestData/captures/netboot-bios-ipxe-dhcp.pcap. Prints the load average around each side, since
# on a shared 2-core machine the ratios are what carries over.
#   usage: benchmarks/peers/dhcp-codec/compare.sh [output directory, default /tmp/bmdc-compare]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
out="${1:-/tmp/bmdc-compare}"
mkdir -p "$out"
cd "$repo"
export MSBUILDDISABLENODEREUSE=1
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(dotnet --version) SDK, $(go version)"
echo "load before .NET: $(cut -d' ' -f1-3 /proc/loadavg)"
# In-process toolchain: on a busy machine BenchmarkDotNet's generated-project build can exceed its 2-minute timeout.
dotnet run -c Release --project benchmarks/BareMetal.Protocols.Benchmarks -- \
  --filter '*Dhcp*Benchmark*' --inProcess --launchCount 1 --warmupCount 5 --iterationCount 15 \
  --artifacts "$out/dotnet" > "$out/dotnet.log" 2>&1
grep -h -E '^\|' "$out"/dotnet/results/*Dhcp*-report-github.md
echo "load before Go: $(cut -d' ' -f1-3 /proc/loadavg)"
benchmarks/peers/dhcp-codec/run.sh -count 3 | tee "$out/go.log" | grep -E '^Benchmark'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
