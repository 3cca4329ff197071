#!/usr/bin/env bash
# The full comparison of docs/benchmarks/dhcp-server.md in one session: bench.sh several times back to back, with
# rates around each server's ceiling (so no run is wasted far below or above it). About 15 minutes.
#   usage: benchmarks/peers/dhcp-server/run-all.sh [SECONDS_PER_RATE]   (default 3: the largest runs still fit
#          the 131,069-address pool, warm-up included)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
s=${1:-3}
export WARMUP=${WARMUP:-0.5}
stage() { echo; echo "## $* — $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"; }

stage "load generator, Kea 2.2 memfile"
SERVERS=kea MODES="broadcast relay" DRIVER=loadgen OUTSTANDING=256 "$here/bench.sh" "$s" 4000 5000 6000 7000 8000 10000
stage "load generator, ours, durable journal"
SERVERS=ours SYNC=Durable MODES="broadcast relay" DRIVER=loadgen OUTSTANDING=256 "$here/bench.sh" "$s" 8000 12000 16000 20000 24000 28000
stage "load generator, ours, no fsync (SYNC=None)"
SERVERS=ours SYNC=None MODES="broadcast relay" DRIVER=loadgen OUTSTANDING=256 "$here/bench.sh" "$s" 16000 20000 24000 28000 32000
stage "load generator, proxy mode: ours and dnsmasq --dhcp-range=...,proxy"
SERVERS="ours dnsmasq" MODES=proxy DRIVER=loadgen OUTSTANDING=256 "$here/bench.sh" "$s" 4000 8000 16000 24000 32000 40000 50000 60000
stage "load generator, dnsmasq (addresses)"
SERVERS=dnsmasq MODES="broadcast relay" DRIVER=loadgen OUTSTANDING=64 "$here/bench.sh" "$s" 250 500 1000 2000
stage "perfdhcp, Kea and ours (durable)"
SERVERS="kea ours" MODES="broadcast relay" DRIVER=perfdhcp "$here/bench.sh" "$s" 4000 6000 8000 10000 12000
stage "perfdhcp, dnsmasq"
SERVERS=dnsmasq MODES="broadcast relay" DRIVER=perfdhcp "$here/bench.sh" "$s" 250 500 1000
stage "done"
