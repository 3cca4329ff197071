#!/usr/bin/env bash
# Runs the Go peer benchmarks (insomniacslk/dhcp, gopacket) on the first DISCOVER of
# tests/TestData/captures/netboot-bios-ipxe-dhcp.pcap, offline, from Debian's packaged Go sources.
#   needs: golang-go golang-github-insomniacslk-dhcp-dev golang-github-google-gopacket-dev (eng/prereqs.sh BENCH_PACKAGES)
#   usage: benchmarks/peers/dhcp-codec/run.sh [extra go test flags, e.g. -count 3]
set -euo pipefail
cd "$(dirname "$0")"
export GOPATH=/usr/share/gocode GO111MODULE=off
export GOCACHE="${GOCACHE:-${TMPDIR:-/tmp}/bm-dhcp-codec-gocache}"
go test -run 'TestPeersAgreeWithTshark' -bench . -benchmem -benchtime 2s "$@"
