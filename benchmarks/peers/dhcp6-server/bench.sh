#!/usr/bin/env bash
# Our DHCPv6 server (durable journal: each Reply waits for its fsync) and Kea 2.2's kea-dhcp6 (memfile), one after
# another, over a veth pair between two namespaces (bm24-b*), driven by perfdhcp -6 (Debian kea-admin): four-message
# exchanges (Solicit/Advertise/Request/Reply) from clients on the link. Each server starts afresh for every rate.
# For each server and rate it prints the achieved exchange rate and the drop ratios of both exchanges; the highest
# offered rate with under 1% drops in both is the result.
#   usage: benchmarks/peers/dhcp6-server/bench.sh [SECONDS_PER_RATE] [RATE...]
#   env:   SERVERS="ours kea"  KEEP=1 keeps the work folder
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-5}; shift || true
rates=("$@"); [ ${#rates[@]} -gt 0 ] || rates=(500 1000 2000 4000 8000)
servers=${SERVERS:-ours kea}

id=$(printf '%04x' $((RANDOM)))
S=bm24-b$id-s; C=bm24-b$id-c; IS=bm24b${id}s; IC=bm24b${id}c
work=$(mktemp -d /tmp/bm24-bench-XXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  for p in $(ip netns pids "$S" 2>/dev/null) $(ip netns pids "$C" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
  ip netns del "$S" 2>/dev/null || true; ip netns del "$C" 2>/dev/null || true
  [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

echo "# building the runner"
dotnet build "$here/runner" -c Release -o "$work/runner" >/dev/null

ip netns add "$S"; ip netns add "$C"
for ns in "$S" "$C"; do ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0; ip -n "$ns" link set lo up; done
ip link add "$IS" netns "$S" type veth peer name "$IC" netns "$C"
ip -n "$S" addr add 2001:db8:24::1/64 dev "$IS" nodad
ip -n "$S" link set "$IS" up; ip -n "$C" link set "$IC" up
sleep 1

start_server() {
  local name=$1 dir="$work/$1-$2"; mkdir -p "$dir"
  case $name in
    ours)
      ip netns exec "$S" dotnet "$work/runner/Dhcp6ServerRunner.dll" "$IS" 2001:db8:24::1/64 2001:db8:24::1:0-2001:db8:24::ff:ffff "$dir" >"$dir/log" 2>&1 &
      ;;
    kea)
      cat >"$dir/kea.json" <<JSON
{ "Dhcp6": {
  "interfaces-config": { "interfaces": [ "$IS" ] },
  "lease-database": { "type": "memfile", "persist": true, "name": "$dir/kea-leases6.csv", "lfc-interval": 0 },
  "preferred-lifetime": 3000, "valid-lifetime": 4000,
  "subnet6": [ { "id": 1, "subnet": "2001:db8:24::/64", "interface": "$IS", "pools": [ { "pool": "2001:db8:24::1:0 - 2001:db8:24::ff:ffff" } ] } ],
  "loggers": [ { "name": "kea-dhcp6", "severity": "WARN", "output_options": [ { "output": "stdout" } ] } ] } }
JSON
      KEA_PIDFILE_DIR=$dir KEA_LOCKFILE_DIR=$dir ip netns exec "$S" kea-dhcp6 -c "$dir/kea.json" >"$dir/log" 2>&1 &
      ;;
  esac
  server_pid=$!
  for _ in $(seq 100); do
    ip netns exec "$S" ss -lnu 2>/dev/null | grep -q ':547 ' && break
    sleep 0.1
  done
  sleep 0.5
}

stop_server() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

echo "# perfdhcp -6, $seconds s per rate, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %7s %10s %9s %9s\n' server offered achieved drop-SA% drop-RR%
for server in $servers; do
  for rate in "${rates[@]}"; do
    start_server "$server" "$rate"
    out=$(ip netns exec "$C" perfdhcp -6 -l "$IC" -r "$rate" -R 1000000 -p "$seconds" -W 1000000 2>&1 || true)
    achieved=$(sed -n 's/^Rate: \([0-9.]*\) 4-way.*/\1/p' <<<"$out" | head -1)
    drops=($(sed -n 's/^drops ratio: \([0-9.]*\).*/\1/p' <<<"$out"))
    printf '%-6s %7s %10s %9s %9s\n' "$server" "$rate" "${achieved:-?}" "${drops[0]:-?}" "${drops[1]:-?}"
    stop_server
  done
done
