#!/usr/bin/env bash
# Our server (durable journal by default), Kea 2.2 (memfile) and dnsmasq, one after another, over a veth pair between
# two namespaces (bmds-b*), driven by perfdhcp or by our load generator (loadgen/), in broadcast mode (clients on the
# link), relay mode (giaddr set, port 67) and, with the load generator, proxy mode (PXE DISCOVER -> proxy OFFER).
# Each server is started afresh for every rate (new lease file), so every run hands out new addresses.
# For each server, mode and rate it prints the achieved exchange rate (4-way; 2-way in proxy mode) and the drop
# ratios; the highest offered rate with under 1% drops in both exchanges is the result.
#   usage: benchmarks/peers/dhcp-server/bench.sh [SECONDS_PER_RATE] [RATE...]
#   env:   SERVERS="ours kea dnsmasq"  MODES="broadcast relay proxy"  SYNC=Durable|Interval|None
#          DRIVER=perfdhcp|loadgen  OUTSTANDING="64 256" (loadgen only: closed-loop runs after the open-loop rates)
#          WARMUP=1 (loadgen only: seconds of the same load, other clients, before the measured run)
#          KEEP=1 keeps the work folder (server logs, load generator reports)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-5}; shift || true
rates=("$@"); [ ${#rates[@]} -gt 0 ] || rates=(500 1000 2000 4000 8000)
servers=${SERVERS:-ours kea dnsmasq}
modes=${MODES:-broadcast relay}
sync=${SYNC:-Durable}
driver=${DRIVER:-perfdhcp}
outstanding=(${OUTSTANDING:-})

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

echo "# building the runner (and the load generator with DRIVER=loadgen)"
dotnet build "$here/runner" -c Release -o "$work/runner" >/dev/null
[ "$driver" = loadgen ] && dotnet build "$here/loadgen" -c Release -o "$work/loadgen" >/dev/null

ip netns add "$S"; ip netns add "$C"
ip link add "$IS" netns "$S" type veth peer name "$IC" netns "$C"
ip -n "$S" addr add 198.18.0.1/15 dev "$IS"; ip -n "$C" addr add 198.18.0.2/15 dev "$IC"
ip -n "$S" link set "$IS" up; ip -n "$C" link set "$IC" up; ip -n "$S" link set lo up; ip -n "$C" link set lo up

# Starts a server with an empty lease file of its own (even when a rate repeats) and waits (at most 10 s) until it
# listens on port 67.
runs=0
start_server() {
  runs=$((runs + 1))
  local name=$1 mode=$2 dir="$work/$1-$2-$3-$runs"; mkdir -p "$dir"
  case $name in
    ours)
      local kind=full; [ "$mode" = proxy ] && kind=proxy
      ip netns exec "$S" dotnet "$work/runner/DhcpServerRunner.dll" "$IS" 198.18.0.1 198.18.0.0/15 198.18.0.10-198.19.255.250 "$dir" "$sync" "$kind" >"$dir/log" 2>&1 &
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
      local range=(--dhcp-range=198.18.0.10,198.19.255.250,255.254.0.0,1h)
      # proxyDHCP: addresses come from elsewhere; answer PXE clients with a boot file only.
      [ "$mode" = proxy ] && range=(--dhcp-range=198.18.0.1,proxy --pxe-service=X86-64_EFI,"Network boot",snponly.efi)
      ip netns exec "$S" dnsmasq --no-daemon --conf-file=/dev/null --port=0 --user=root --interface="$IS" --bind-interfaces \
        "${range[@]}" --dhcp-lease-max=500000 --no-ping \
        --dhcp-leasefile="$dir/dnsmasq.leases" --pid-file="$dir/dnsmasq.pid" >"$dir/log" 2>&1 &
      ;;
  esac
  server_pid=$!
  for _ in $(seq 100); do
    ip netns exec "$S" ss -lnu 2>/dev/null | grep -q ':67 ' && break
    sleep 0.1
  done
  sleep 0.5
}

stop_server() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

# run_driver MODE RATE|cK  -> prints "achieved drop-DO% drop-RA% p50 p99"
run_driver() {
  local mode=$1 load=$2 out
  if [ "$driver" = perfdhcp ]; then
    local target=$IC; [ "$mode" = relay ] && target=198.18.0.2
    out=$(ip netns exec "$C" perfdhcp -4 -l "$target" -r "$load" -R 1000000 -p "$seconds" -W 1000000 198.18.0.1 2>&1 || true)
    local achieved drops
    achieved=$(sed -n 's/^Rate: \([0-9.]*\) 4-way.*/\1/p' <<<"$out" | head -1)
    drops=($(sed -n 's/^drops ratio: \([0-9.]*\).*/\1/p' <<<"$out"))
    echo "${achieved:-?} ${drops[0]:-?} ${drops[1]:-?} - -"
  else
    local how=(--rate "$load"); [[ $load == c* ]] && how=(--outstanding "${load#c}")
    local where=(--interface "$IC"); [ "$mode" = relay ] && where=(--local 198.18.0.2 --server 198.18.0.1)
    out=$(ip netns exec "$C" dotnet "$work/loadgen/DhcpLoadGen.dll" --mode "$mode" "${where[@]}" "${how[@]}" --seconds "$seconds" --warmup "${WARMUP:-1}" 2>&1 || true)
    echo "$out" >>"$work/loadgen.txt"
    local r; r=$(grep '^RESULT' <<<"$out" || true)
    v() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$r"; }
    [ "$mode" = proxy ] && echo "$(v achieved) $(v drop_do) - $(v p50_us) $(v p99_us)" || echo "$(v achieved) $(v drop_do) $(v drop_ra) $(v p50_us) $(v p99_us)"
  fi
}

echo "# driver $driver, $seconds s per rate, journal $sync (ours), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-9s %7s %10s %9s %9s %8s %8s\n' server mode offered achieved drop-DO% drop-RA% p50-us p99-us
loads=("${rates[@]}"); [ "$driver" = loadgen ] && for k in "${outstanding[@]}"; do loads+=("c$k"); done
for server in $servers; do
  for mode in $modes; do
    if [ "$mode" = proxy ] && { [ "$server" = kea ] || [ "$driver" = perfdhcp ]; }; then
      printf '%-8s %-9s %s\n' "$server" "$mode" "(no proxy mode in ${server/kea/Kea}${driver/loadgen/}; skipped)"; continue
    fi
    for load in "${loads[@]}"; do
      start_server "$server" "$mode" "$load"
      printf '%-8s %-9s %7s %10s %9s %9s %8s %8s\n' "$server" "$mode" "$load" $(run_driver "$mode" "$load")
      stop_server
    done
  done
done
[ "$driver" = loadgen ] && [ -n "${KEEP:-}" ] && echo "load generator reports: $work/loadgen.txt"
true
