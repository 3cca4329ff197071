#!/usr/bin/env bash
# TFTP peer benchmark: our server against atftpd, tftpd-hpa, dnsmasq and pin/tftp, all measured in the same
# run, over a veth pair between two network namespaces (server 192.0.2.1, client 192.0.2.2).
#   1. 100 MiB fetched with atftp: lockstep (blksize 1468) and windowed (blksize 1468, windowsize 16)
#   2. 10 MiB with 5% random loss of the server's packets (iptables statistic in the server namespace)
#   3. 500 simultaneous transfers of a 1 MiB file with our client against our server, each checked
# Every transfer's bytes are checked by SHA-256. Run as root from the repository root:
#   benchmarks/peers/tftp/run-bench.sh [RUNS] [SIZE_MIB]
# atftpd conflicts with tftpd-hpa (both ship in.tftpd): it is unpacked from its Debian package into the
# scratch folder with apt-get download + dpkg-deb -x, never installed or committed.
set -euo pipefail
RUNS=${1:-3}
SIZE_MIB=${2:-100}
LOSS_TIMEOUT=${LOSS_TIMEOUT:-30}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
id=$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')
sns=bmtf-bs-$id
cns=bmtf-bc-$id
work=$(mktemp -d /tmp/bmtf-bench.XXXXXX)
chmod 755 "$work"
root=$work/root
server_pid=

cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  ip netns del "$sns" 2>/dev/null || true
  ip netns del "$cns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r), dotnet $(dotnet --version)"
echo "== building peers into $work"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$here/bench-host" -c Release -o "$work/host" -v q -nologo >/dev/null
(cd "$here/pin-tftp-server" && GOPATH=/usr/share/gocode GO111MODULE=off GOCACHE=$work/gocache go build -o "$work/pin-tftp-server" .)
(cd "$work" && apt-get download atftpd >/dev/null 2>&1 && dpkg-deb -x atftpd_*.deb atftpd-root)
atftpd=$work/atftpd-root/usr/sbin/atftpd

echo "== namespaces $sns / $cns"
ip netns add "$sns"; ip netns add "$cns"
ip link add "bmtfbs$id" type veth peer name "bmtfbc$id"
ip link set "bmtfbs$id" netns "$sns"; ip link set "bmtfbc$id" netns "$cns"
ip -n "$sns" addr add 192.0.2.1/24 dev "bmtfbs$id"; ip -n "$cns" addr add 192.0.2.2/24 dev "bmtfbc$id"
for ns in "$sns" "$cns"; do ip -n "$ns" link set lo up; done
ip -n "$sns" link set "bmtfbs$id" up; ip -n "$cns" link set "bmtfbc$id" up

mkdir -p "$root"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom > "$root/big.bin"
head -c $((10 * 1024 * 1024)) /dev/urandom > "$root/10m.bin"
head -c $((1024 * 1024)) /dev/urandom > "$root/1m.bin"
chmod -R a+rX "$root"
sha() { sha256sum "$1" | cut -d' ' -f1; }
big_sha=$(sha "$root/big.bin"); ten_sha=$(sha "$root/10m.bin"); one_sha=$(sha "$root/1m.bin")

start_server() {
  case "$1" in
    ours)      ip netns exec "$sns" dotnet "$work/host/BareMetal.Tftp.BenchHost.dll" server 192.0.2.1 "$root" >/dev/null & ;;
    atftpd)    ip netns exec "$sns" "$atftpd" --daemon --no-fork --logfile /dev/null --bind-address 192.0.2.1 --port 69 --user root.root --maxthread 1000 "$root" & ;;
    tftpd-hpa) ip netns exec "$sns" in.tftpd -L -a 192.0.2.1:69 -s "$root" & ;;
    dnsmasq)   ip netns exec "$sns" dnsmasq --no-daemon --conf-file=/dev/null --port=0 --enable-tftp --tftp-root="$root" --listen-address=192.0.2.1 --bind-interfaces --user=root --pid-file="$work/dnsmasq.pid" --log-facility=/dev/null --tftp-max=1000 2>/dev/null & ;;
    pin)       ip netns exec "$sns" "$work/pin-tftp-server" -addr 192.0.2.1:69 -root "$root" 2>/dev/null & ;;
  esac
  server_pid=$!
  for _ in $(seq 200); do ip netns exec "$sns" ss -lunH 'sport = :69' | grep -q . && return 0; sleep 0.05; done
  echo "server $1 did not start" >&2; return 1
}
stop_server() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=; }

# One timed fetch: prints seconds, or "fail(reason)". $1 timeout, $2 expected sha, $3 file, rest: client command.
fetch() {
  local limit=$1 expected=$2 file=$3; shift 3
  rm -f "$work/out"
  local start end
  start=$(date +%s.%N)
  if ! timeout "$limit" ip netns exec "$cns" "$@" >"$work/client.log" 2>&1; then echo "fail(exit/timeout ${limit}s)"; return; fi
  end=$(date +%s.%N)
  if [ -f "$work/out" ] && [ "$(sha "$work/out")" != "$expected" ]; then echo "fail(sha256)"; return; fi
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", e - s }'
}
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else print a[int((NR+1)/2)]}'; }

echo
echo "== 1. ${SIZE_MIB} MiB with atftp, $RUNS runs each (seconds; median last)"
printf '%-10s %-30s %-30s\n' server "lockstep (blksize 1468)" "windowed (blksize 1468, windowsize 16)"
for server in ours atftpd tftpd-hpa dnsmasq pin; do
  start_server "$server"
  lock=(); win=()
  for _ in $(seq "$RUNS"); do
    lock+=("$(fetch 120 "$big_sha" big.bin atftp -g -r big.bin -l "$work/out" --option "blksize 1468" 192.0.2.1 69)")
    win+=("$(fetch 120 "$big_sha" big.bin atftp -g -r big.bin -l "$work/out" --option "blksize 1468" --option "windowsize 16" 192.0.2.1 69)")
  done
  stop_server
  printf '%-10s %-30s %-30s\n' "$server" "${lock[*]} | $(echo "${lock[*]}" | median)" "${win[*]} | $(echo "${win[*]}" | median)"
done

echo
echo "== 2. 10 MiB with 5% loss of the server's packets (limit ${LOSS_TIMEOUT} s)"
ip netns exec "$sns" iptables -A OUTPUT -p udp -m statistic --mode random --probability 0.05 -j DROP
for server in ours atftpd tftpd-hpa dnsmasq pin; do
  start_server "$server"
  a=$(fetch "$LOSS_TIMEOUT" "$ten_sha" 10m.bin atftp -g -r 10m.bin -l "$work/out" --option "blksize 1468" 192.0.2.1 69)
  w=$(fetch "$LOSS_TIMEOUT" "$ten_sha" 10m.bin atftp -g -r 10m.bin -l "$work/out" --option "blksize 1468" --option "windowsize 16" 192.0.2.1 69)
  c=$(fetch "$LOSS_TIMEOUT" "$ten_sha" 10m.bin curl -sS --tftp-blksize 1468 -o "$work/out" tftp://192.0.2.1/10m.bin)
  o=$(fetch "$LOSS_TIMEOUT" "$ten_sha" 10m.bin dotnet "$work/host/BareMetal.Tftp.BenchHost.dll" get 192.0.2.1 10m.bin "$ten_sha" 1468 16)
  stop_server
  printf '%-10s atftp lockstep %-22s atftp windowed %-22s curl %-22s our client windowed %s\n' "$server" "$a" "$w" "$c" "$o"
done
ip netns exec "$sns" iptables -F OUTPUT

echo
echo "== 3. 500 simultaneous 1 MiB transfers (our client, blksize 1468, each checked by SHA-256)"
start_server ours
ip netns exec "$cns" dotnet "$work/host/BareMetal.Tftp.BenchHost.dll" storm 192.0.2.1 1m.bin 500 "$one_sha" 1468 || true
ip netns exec "$cns" dotnet "$work/host/BareMetal.Tftp.BenchHost.dll" storm 192.0.2.1 1m.bin 500 "$one_sha" 1468 16 || true
stop_server
