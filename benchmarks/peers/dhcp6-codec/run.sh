#!/usr/bin/env bash
# Runs the Go peer benchmark (insomniacslk/dhcp dhcpv6) on the same captured messages as
# benchmarks/BareMetal.Protocols.Benchmarks/Dhcp6, offline, from Debian's packaged Go sources.
#   needs: golang-go golang-github-insomniacslk-dhcp-dev golang-github-google-gopacket-dev (eng/prereqs.sh BENCH_PACKAGES)
#   usage: benchmarks/peers/dhcp6-codec/run.sh [extra go test flags, e.g. -count 3]
set -euo pipefail
cd "$(dirname "$0")"
export GOPATH=/usr/share/gocode GO111MODULE=off
export GOCACHE="${GOCACHE:-${TMPDIR:-/tmp}/bm-dhcp6-codec-gocache}"
go test -run 'TestPeerAgreesWithCapture' -bench . -benchmem -benchtime 2s "$@"
