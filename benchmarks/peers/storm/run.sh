#!/usr/bin/env bash
# Boot storm: CLIENTS simulated UEFI machines (default 1000) boot at once, each doing what EDK2, iPXE and the agent
# do: DHCP with PXE options, snponly.efi over TFTP (blksize 1468, windowsize 4), DHCP again as iPXE, the iPXE script,
# kernel (KERNEL_MB, default 10) and initrd (INITRD_MB, default 50) over HTTP, then the agent's first API calls. Every
# byte is checked (SHA-256). The peer runs first in the same run: dnsmasq (DHCP + TFTP) with nginx (HTTP); then the
# published host (baremetal-host). Prints the load average at the start, each side's stage percentiles, CPU and
# memory, and as its last line ours: "storm: C/N complete, F failed, T s total, p99 S s".
#
#   usage (as root, from the repository root): benchmarks/peers/storm/run.sh [CLIENTS]
#   environment: KERNEL_MB, INITRD_MB, LIMIT (seconds per side, default 900), PEER=0 (skip the peer), OURS=0 (skip ours),
#   KEEP=1 (keep the work folder), FIND_LIMIT=1 (after the run, double the count against ours until a machine fails
#   or p99 passes 60 s, and print the last count that held).
set -euo pipefail
clients=${1:-1000}
[ "$(id -u)" -eq 0 ] || { echo "run.sh: needs root (network namespaces)" >&2; exit 2; }
cd "$(dirname "$0")/../../.."
repo=$PWD
source eng/prereqs.sh
ensure_packages iproute2 dnsmasq-base nginx-light ipxe procps
ensure_dotnet

work=$(mktemp -d /tmp/bm-storm.XXXXXX)
chmod 755 "$work" # nginx workers and dnsmasq's TFTP run as unprivileged users
id=$$
ns_s=bmstorm-s-$id ns_c=bmstorm-c-$id
server=198.18.0.1
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 0.5
  for ns in "$ns_s" "$ns_c"; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  [ "${KEEP:-0}" = 1 ] && echo "work kept in $work" || rm -rf "$work"
}
trap cleanup EXIT

echo "== load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB)"
echo "== $clients machines, kernel ${KERNEL_MB:-10} MiB, initrd ${INITRD_MB:-50} MiB, work $work"

# ---- build -----------------------------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
dotnet publish samples/BareMetal.NetbootHost -c Release -o "$work/host" -nologo -v:q > "$work/publish-host.log" 2>&1 \
  || { tail -n 20 "$work/publish-host.log"; exit 1; }
dotnet publish benchmarks/peers/storm/sim -c Release -o "$work/sim" -nologo -v:q > "$work/publish-sim.log" 2>&1 \
  || { tail -n 20 "$work/publish-sim.log"; exit 1; }

# ---- the files under test ----------------------------------------------------------------------------------------
mkdir -p "$work/files" "$work/data"
cp /usr/lib/ipxe/snponly.efi "$work/files/"
head -c $(( ${KERNEL_MB:-10} * 1048576 )) /dev/urandom > "$work/files/vmlinuz"
head -c $(( ${INITRD_MB:-50} * 1048576 )) /dev/urandom > "$work/files/initrd.gz"

# ---- network: server and client namespaces joined by a veth pair; the client side treats the whole pool as its own
# (a local route), so each simulated machine's TFTP and HTTP leave from the address it was given.
ip netns add "$ns_s"; ip netns add "$ns_c"
ip link add vs netns "$ns_s" type veth peer name vc netns "$ns_c"
ip -n "$ns_s" addr add $server/16 dev vs
ip -n "$ns_c" addr add 198.18.0.2/16 dev vc
for ns in "$ns_s" "$ns_c"; do ip -n "$ns" link set lo up; done
ip -n "$ns_s" link set vs up; ip -n "$ns_c" link set vc up
ip -n "$ns_c" route add local 198.18.128.0/17 dev vc
pool_first=198.18.128.1 pool_last=198.18.255.254

cpu_of() { # summed user+system clock ticks of the given PIDs
  local total=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] || continue
    total=$(( total + $(awk '{print $14+$15}' "/proc/$p/stat") ))
  done
  echo "$total"
}
rss_of() { local total=0 p; for p in "$@"; do total=$(( total + $(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0) )); done; echo $(( total / 1024 )); }
hz=$(getconf CLK_TCK)

# storm LABEL PIDS...: runs the simulator against whatever serves now; prints its report and the servers' CPU/memory.
storm() {
  local label=$1; shift
  local before after status=0
  before=$(cpu_of "$@")
  ip netns exec "$ns_c" "$work/sim/StormSim" --interface vc --server $server --files "$work/files" \
    --clients "$clients" --label "$label" --limit "${LIMIT:-900}" --json "$work/$label.json" | tee "$work/$label.out" || status=$?
  after=$(cpu_of "$@")
  echo "storm[$label] server CPU $(awk -v t=$(( after - before )) -v hz="$hz" 'BEGIN {printf "%.1f", t / hz}') s, peak memory $(rss_of "$@") MiB (processes: $*)" | tee -a "$work/$label.out"
  return 0
}

# ---- the peer: dnsmasq (DHCP + TFTP) and nginx (HTTP), in the same namespace and with the same files ----------------
# dnsmasq is tuned for the storm: --no-ping (by default it pings each address before offering it, up to 3 s per
# DISCOVER, one at a time), --tftp-max CLIENTS (default 50 transfers at once), --dhcp-broadcast (the simulated MACs
# belong to no NIC). dnsmasq's TFTP has no windowsize, so it sends snponly.efi in lockstep.
if [ "${PEER:-1}" = 1 ]; then
  mkdir -p "$work/peer/html/images" "$work/peer/html/api"
  ln "$work/files/vmlinuz" "$work/files/initrd.gz" "$work/peer/html/images/"
  printf '#!ipxe\nkernel http://%s/images/vmlinuz initrd=initrd.gz console=ttyS0 baremetal.api=http://%s\ninitrd http://%s/images/initrd.gz\nboot\n' \
    $server $server $server > "$work/peer/html/boot.ipxe"
  echo '{"actions":[]}' > "$work/peer/html/api/workflow.json"
  cat > "$work/peer/nginx.conf" <<NGINX
worker_processes auto;
pid $work/peer/nginx.pid;
error_log $work/peer/nginx.err warn;
events { worker_connections 8192; }
http {
  access_log off;
  sendfile on; tcp_nopush on; keepalive_requests 1000;
  types { application/octet-stream efi gz; text/plain ipxe; }
  server {
    listen $server:80 backlog=4096;
    root $work/peer/html;
    location ~ ^/api/v1/machines/[^/]+/workflow\$ { default_type application/json; alias $work/peer/html/api/workflow.json; }
  }
}
NGINX
  ip netns exec "$ns_s" nginx -c "$work/peer/nginx.conf" -g 'daemon off;' &
  nginx_pid=$!
  pids+=("$nginx_pid")
  ip netns exec "$ns_s" dnsmasq --no-daemon --port=0 --interface=vs --bind-interfaces --dhcp-authoritative --no-ping \
    --dhcp-range=$pool_first,$pool_last,255.255.0.0,1h --dhcp-lease-max=70000 --dhcp-leasefile="$work/peer/leases" \
    --dhcp-broadcast --dhcp-userclass=set:ipxe,iPXE --dhcp-boot=tag:ipxe,http://$server/boot.ipxe \
    --dhcp-boot=tag:!ipxe,snponly.efi --enable-tftp --tftp-root="$work/files" --tftp-max="$clients" \
    --log-facility="$work/peer/dnsmasq.log" > /dev/null 2>&1 &
  dnsmasq_pid=$!
  pids+=("$dnsmasq_pid")
  sleep 2
  # nginx serves from its worker processes: count them, not only the master.
  peer_pids="$nginx_pid $(pgrep -d' ' -P "$nginx_pid") $dnsmasq_pid"
  storm peer $peer_pids
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  pkill -f "$work/peer/nginx.conf" 2>/dev/null || true
  pids=()
  sleep 1
fi

# ---- ours: the published host ----------------------------------------------------------------------------------
if [ "${OURS:-1}" != 1 ]; then exit 0; fi
{
  echo "profiles:"
  echo "  - name: storm"
  echo "    kernel: vmlinuz"
  echo "    initrds: [initrd.gz]"
  echo "    cmdline: console=ttyS0"
  echo "default-profile: storm"
  echo "machines:"
  # Every simulated machine is in the inventory (FIND_LIMIT needs up to 32,000).
  for i in $(seq 1 "$([ "${FIND_LIMIT:-0}" = 1 ] && echo 32000 || echo "$clients")"); do
    printf '  - mac: "02:5b:00:%02x:%02x:%02x"\n    hostname: storm-%d\n    profile: storm\n    workflow:\n      - report: booted\n' \
      $(( (i >> 16) & 255 )) $(( (i >> 8) & 255 )) $(( i & 255 )) "$i"
  done
} > "$work/inventory.yaml"
ip netns exec "$ns_s" "$work/host/baremetal-host" --interface vs --address $server/16 --dhcp-range $pool_first-$pool_last \
  --services dhcp,tftp,http --tftp-root "$work/files" --images "$work/files" --inventory "$work/inventory.yaml" \
  --data "$work/data" --log-level Warning > "$work/host.log" 2>&1 < /dev/null &
host_pid=$!
pids+=("$host_pid")
for _ in $(seq 1 120); do
  kill -0 "$host_pid" 2>/dev/null || { tail -n 20 "$work/host.log"; echo "run.sh: baremetal-host exited at start" >&2; exit 1; }
  ip netns exec "$ns_s" curl -fsS -o /dev/null "http://$server:8080/healthz" 2>/dev/null && break
  sleep 0.5
done
storm ours "$host_pid"

# ---- the host's limit: double the machines until one fails or p99 passes 60 s -------------------------------------
if [ "${FIND_LIMIT:-0}" = 1 ]; then
  held=0 count=$clients
  while [ "$count" -le 32000 ]; do
    clients=$count
    storm "limit-$count" "$host_pid"
    line=$(grep -E '^storm:' "$work/limit-$count.out" | tail -n 1)
    failed=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<< "$line")
    p99=$(sed -E 's/.*p99 ([0-9.]+) s.*/\1/' <<< "$line")
    if [ "$failed" -gt 0 ] || awk -v p="$p99" 'BEGIN {exit !(p > 60)}'; then
      echo "== limit: $count machines broke it ($line); the last count that held: $held"
      break
    fi
    held=$count
    count=$(( count * 2 ))
  done
  clients=${1:-1000}
fi

# ---- side by side ----------------------------------------------------------------------------------------------
echo "== summary (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
[ -f "$work/peer.out" ] && grep -E '^storm' "$work/peer.out" | sed 's/^/peer  /'
grep -E '^storm' "$work/ours.out" | sed 's/^/ours  /'
grep -E '^storm:' "$work/ours.out" | tail -n 1
