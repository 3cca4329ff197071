#!/usr/bin/env bash
# perfdhcp against our server (durable journal), Kea 2.2 (memfile) and dnsmasq, one after another, over a veth pair
# between two namespaces (bmds-b*), in broadcast mode (-l IFACE) and relay mode (-l ADDRESS: giaddr set, port 67).
# For each server, mode and rate it prints the achieved 4-way exchange rate and the drop ratios; the highest offered
# rate with under 1% drops in both exchanges is the result.
#   usage: benchmarks/peers/dhcp-server/bench.sh [SECONDS_PER_RATE] [RATE...]
#   env:   SERVERS="ours kea dnsmasq"  MODES="broadcast relay"  SYNC=Durable|Interval|None
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
seconds=${1:-5}; shift || true
rates=("$@"); [ ${#rates[@]} -gt 0 ] || rates=(500 1000 2000 4000 8000)
servers=${SERVERS:-ours kea dnsmasq}
modes=${MODES:-broadcast relay}
sync=${SYNC:-Durable}

id=$(printf '%04x' $((RANDOM)))
S=bmds-b$id-s; C=bmds-b$id-c; IS=bmdsb${id}s; IC=bmdsb${id}c
work=$(mktemp -d /tmp/bmds-bench-XXXX)
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
ip link add "$IS" netns "$S" type veth peer name "$IC" netns "$C"
ip -n "$S" addr add 198.18.0.1/15 dev "$IS"; ip -n "$C" addr add 198.18.0.2/15 dev "$IC"
ip -n "$S" link set "$IS" up; ip -n "$C" link set "$IC" up; ip -n "$S" link set lo up; ip -n "$C" link set lo up

start_server() {
  local name=$1 dir="$work/$1-$2"; mkdir -p "$dir"
  case $name in
    ours)
      ip netns exec "$S" dotnet "$work/runner/DhcpServerRunner.dll" "$IS" 198.18.0.1 198.18.0.0/15 198.18.0.10-198.19.255.250 "$dir" "$sync" >"$dir/log" 2>&1 &
      ;;
    kea)
      cat >"$dir/kea.json" <<JSON
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [ "$IS" ], "dhcp-socket-type": "raw" },
  "lease-database": { "type": "memfile", "persist": true, "name": "$dir/kea-leases4.csv", "lfc-interval": 0 },
  "valid-lifetime": 3600,
  "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15", "pools": [ { "pool": "198.18.0.10 - 198.19.255.250" } ] } ],
  "loggers": [ { "name": "kea-dhcp4", "severity": "WARN", "output_options": [ { "output": "stdout" } ] } ] } }
JSON
      KEA_PIDFILE_DIR=$dir KEA_LOCKFILE_DIR=$dir ip netns exec "$S" kea-dhcp4 -c "$dir/kea.json" >"$dir/log" 2>&1 &
      ;;
    dnsmasq)
      ip netns exec "$S" dnsmasq --no-daemon --conf-file=/dev/null --port=0 --user=root --interface="$IS" --bind-interfaces \
        --dhcp-range=198.18.0.10,198.19.255.250,255.254.0.0,1h --dhcp-lease-max=500000 --no-ping \
        --dhcp-leasefile="$dir/dnsmasq.leases" --pid-file="$dir/dnsmasq.pid" >"$dir/log" 2>&1 &
      ;;
  esac
  server_pid=$!
  sleep 3
}

stop_server() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

printf '%-8s %-9s %6s %10s %9s %9s\n' server mode rate achieved drop-DO% drop-RA%
for server in $servers; do
  for mode in $modes; do
    start_server "$server" "$mode"
    target=$IC; [ "$mode" = relay ] && target=198.18.0.2
    for rate in "${rates[@]}"; do
      out=$(ip netns exec "$C" perfdhcp -4 -l "$target" -r "$rate" -R 1000000 -p "$seconds" -W 1000000 198.18.0.1 2>&1 || true)
      achieved=$(sed -n 's/^Rate: \([0-9.]*\) 4-way.*/\1/p' <<<"$out" | head -1)
      drops=($(sed -n 's/^drops ratio: \([0-9.]*\).*/\1/p' <<<"$out"))
      printf '%-8s %-9s %6s %10s %9s %9s\n' "$server" "$mode" "$rate" "${achieved:-?}" "${drops[0]:-?}" "${drops[1]:-?}"
    done
    stop_server
  done
done
