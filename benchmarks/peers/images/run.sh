#!/usr/bin/env bash
# Image server vs nginx (sendfile on) across a veth pair between two network namespaces, plus the streaming
# client's zstd write speed vs `zstd -d`. Run as root from the repository root:
#   benchmarks/peers/images/run.sh            (WORK=/tmp/bmim-bench, RUNS=10, CLIENTS=1000, ZRUNS=5 by default)
#   SECTIONS="zstd" benchmarks/peers/images/run.sh    runs only some of: curl servercpu storm zstd stages
#   HOLD=1 ...   leaves both servers and namespaces up after the sections (Ctrl-C ends), for paired experiments
# Prints a markdown report on stdout; docs/benchmarks/images.md holds the measured results.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../../.." && pwd)
WORK=${WORK:-/tmp/bmim-bench}
RUNS=${RUNS:-10}
CLIENTS=${CLIENTS:-1000}
SECTIONS=${SECTIONS:-curl servercpu storm zstd stages}
want() { [[ " $SECTIONS " == *" $1 "* ]]; }
NS_S=bmim-srv NS_C=bmim-cli
SRV=198.18.0.1 CLI=198.18.0.2
OURS_PORT=8080 NGINX_PORT=8081
PIDS=()

cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  ip netns del "$NS_S" 2>/dev/null || true
  ip netns del "$NS_C" 2>/dev/null || true
}
trap cleanup EXIT

[ "$(id -u)" -eq 0 ] || { echo "run as root (network namespaces)" >&2; exit 1; }
mkdir -p "$WORK/www/images" "$WORK/nginx"

echo "==> building the image server host and the AOT streaming client" >&2
dotnet build "$REPO/benchmarks/peers/images/host" -c Release -o "$WORK/host" -v q -nologo >&2
dotnet publish "$REPO/benchmarks/peers/images/client" -c Release -r linux-x64 -o "$WORK/client" -v q -nologo >&2

echo "==> test data" >&2
IMG=$WORK/www/images
[ -f "$IMG/big.raw" ] || head -c $((100 * 1024 * 1024)) /dev/urandom > "$IMG/big.raw"
[ -f "$IMG/initrd.img" ] || head -c $((10 * 1024 * 1024)) /dev/urandom > "$IMG/initrd.img"
if [ ! -f "$IMG/disk.raw.zst" ]; then
  # A disk-like 1 GiB image: real files (a tar of /usr) padded with zeros, zstd level 3.
  { tar cf - /usr 2>/dev/null || true; } | head -c $((768 * 1024 * 1024)) > "$WORK/disk.raw"
  truncate -s 1G "$WORK/disk.raw"
  zstd -q -3 -T0 -f "$WORK/disk.raw" -o "$IMG/disk.raw.zst"
fi
DISK_SHA=$(zstd -d -c "$IMG/disk.raw.zst" | sha256sum | cut -d' ' -f1)
DISK_ZST_SHA=$(sha256sum < "$IMG/disk.raw.zst" | cut -d' ' -f1)
INITRD_SHA=$(sha256sum < "$IMG/initrd.img" | cut -d' ' -f1)
BIG_SHA=$(sha256sum < "$IMG/big.raw" | cut -d' ' -f1)

echo "==> namespaces $NS_S ($SRV) and $NS_C ($CLI)" >&2
ip netns add "$NS_S"; ip netns add "$NS_C"
ip link add bmim-s0 type veth peer name bmim-c0
ip link set bmim-s0 netns "$NS_S"; ip link set bmim-c0 netns "$NS_C"
ip -n "$NS_S" addr add "$SRV/24" dev bmim-s0; ip -n "$NS_C" addr add "$CLI/24" dev bmim-c0
for ns in "$NS_S" "$NS_C"; do ip -n "$ns" link set lo up; done
ip -n "$NS_S" link set bmim-s0 up; ip -n "$NS_C" link set bmim-c0 up

cat > "$WORK/nginx/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    sendfile on;
    tcp_nopush on;
    server { listen $SRV:$NGINX_PORT backlog=4096; root $WORK/www; }
}
CONF
ip netns exec "$NS_S" nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -e "$WORK/nginx/error.log" & PIDS+=($!)
ip netns exec "$NS_S" dotnet "$WORK/host/ImagesBenchHost.dll" "$IMG" "$SRV" "$OURS_PORT" & PIDS+=($!)

OURS=http://$SRV:$OURS_PORT/images
NGINX=http://$SRV:$NGINX_PORT/images
for url in "$OURS/initrd.img" "$NGINX/initrd.img"; do
  for _ in $(seq 100); do ip netns exec "$NS_C" curl -sf -o /dev/null "$url" && break; sleep 0.1; done
done
# Warm up: JIT, page cache, digests.
for _ in 1 2 3; do
  ip netns exec "$NS_C" curl -sf -o /dev/null "$OURS/big.raw"; ip netns exec "$NS_C" curl -sf -o /dev/null "$NGINX/big.raw"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "## Run on $(date -u "+%Y-%m-%d %H:%M UTC"), $(nproc) cores, kernel $(uname -r), load average $(cut -d" " -f1-3 /proc/loadavg)"
echo
if want curl; then
  echo "### 100 MiB with curl across the veth pair ($RUNS runs each, interleaved; seconds, time_total)"
  : > "$WORK/t.ours"; : > "$WORK/t.nginx"
  for _ in $(seq "$RUNS"); do
    ip netns exec "$NS_C" curl -sf -o /dev/null -w '%{time_total}\n' "$OURS/big.raw" >> "$WORK/t.ours"
    ip netns exec "$NS_C" curl -sf -o /dev/null -w '%{time_total}\n' "$NGINX/big.raw" >> "$WORK/t.nginx"
  done
  M_OURS=$(median < "$WORK/t.ours"); M_NGINX=$(median < "$WORK/t.nginx")
  echo "| server | median s | min s | max s |"
  echo "| --- | --- | --- | --- |"
  echo "| BareMetal.Images (Kestrel) | $M_OURS | $(sort -n "$WORK/t.ours" | head -1) | $(sort -n "$WORK/t.ours" | tail -1) |"
  echo "| nginx $(nginx -v 2>&1 | cut -d/ -f2) sendfile on | $M_NGINX | $(sort -n "$WORK/t.nginx" | head -1) | $(sort -n "$WORK/t.nginx" | tail -1) |"
  echo
  echo "ratio ours/nginx: $(awk -v a="$M_OURS" -v b="$M_NGINX" 'BEGIN {printf "%.2f", a/b}')"
  check_big=$(ip netns exec "$NS_C" curl -sf "$OURS/big.raw" | sha256sum | cut -d' ' -f1)
  echo "100 MiB body sha256 from ours matches: $([ "$check_big" = "$BIG_SHA" ] && echo yes || echo NO)"
  echo
fi

if want servercpu; then
  # CPU time of each server process (all threads, user + system, from /proc/PID/task/*/stat) per 100 MiB transfer.
  echo "### Server CPU per 100 MiB transfer ($RUNS transfers each, after the warm-up)"
  task_cpu() {
    local ticks=0
    for pid in "$@"; do
      for stat in /proc/"$pid"/task/*/stat; do
        # Field 2 (comm) may hold spaces: count from the closing parenthesis (utime and stime are fields 14 and 15).
        ticks=$((ticks + $(sed 's/.*) //' "$stat" 2>/dev/null | awk '{print $12 + $13}')))
      done
    done
    echo "$ticks"
  }
  OURS_PIDS=$(pgrep -f "ImagesBenchHost.dll $IMG" | tr '\n' ' ')
  NGINX_PIDS=$(pgrep -f "nginx: worker" | tr '\n' ' ')
  for name in ours nginx; do
    url=$OURS/big.raw pids=$OURS_PIDS; [ "$name" = nginx ] && { url=$NGINX/big.raw; pids=$NGINX_PIDS; }
    before=$(task_cpu $pids)
    for _ in $(seq "$RUNS"); do ip netns exec "$NS_C" curl -sf -o /dev/null "$url"; done
    after=$(task_cpu $pids)
    echo "- $name: $(awk -v t=$((after - before)) -v n="$RUNS" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.0f", t * 1000 / hz / n}') ms of CPU per transfer"
  done
  echo
fi

if want storm; then
  echo "### $CLIENTS concurrent curl clients, 10 MiB initrd each, every body hashed"
  for name in ours nginx; do
    url=$OURS/initrd.img; [ "$name" = nginx ] && url=$NGINX/initrd.img
    start=$(date +%s.%N)
    ip netns exec "$NS_C" bash -c "seq $CLIENTS | xargs -P $CLIENTS -I{} sh -c 'curl -s --max-time 120 $url | sha256sum'" > "$WORK/sums.$name" || true
    end=$(date +%s.%N)
    good=$(grep -c "^$INITRD_SHA" "$WORK/sums.$name" || true)
    echo "- $name: $good/$CLIENTS correct bodies in $(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.2f", e-s}') s"
  done
  echo
fi

if want zstd; then
  echo "### Streaming client: 1 GiB zstd image (level 3, $(stat -c %s "$IMG/disk.raw.zst") bytes) written to $WORK"
  # wall seconds, then CPU seconds (user+sys), measured with /usr/bin/time; every run writes a real file, which is
  # deleted before the next run. The client's CPU is its own only; curl | zstd counts both processes; the server's
  # CPU (Kestrel or nginx, same machine) is in nobody's column but competes for the same cores in every client run.
  timed() {
    /usr/bin/time -f '%e %U %S' -o "$WORK/time.txt" "$@" > /dev/null || true
    if grep -q 'non-zero' "$WORK/time.txt"; then echo "FAILED"; else awk '{printf "%.2f / %.2f", $1, $2 + $3}' "$WORK/time.txt"; fi
  }
  # Writing 1 GiB into memory the VM never touched costs several times more kernel time than reusing freed page
  # cache: cycle 2 GiB through the page cache first so that every run below starts from the same state.
  for _ in 1 2; do head -c $((2048 * 1024 * 1024)) /dev/zero > "$WORK/warm.bin"; rm -f "$WORK/warm.bin"; done
  timed sh -c "zstd -q -d -c '$IMG/disk.raw.zst' > '$WORK/out.zstd'" > /dev/null; rm -f "$WORK/out.zstd"
  CLIENT=$WORK/client/ImagesBenchClient
  ZRUNS=${ZRUNS:-5}
  echo "| run | zstd -d > /dev/null | zstd -d > file | curl ours \| zstd -d > file | client ours (libzstd) | client ours (libzstd, download digest) | client ours (libzstd, O_DIRECT) | client ours (managed) | client nginx (libzstd) | client nginx (libzstd, download digest) |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for i in $(seq "$ZRUNS"); do
    zn=$(timed sh -c "zstd -q -d -c '$IMG/disk.raw.zst' > /dev/null")
    zw=$(timed sh -c "zstd -q -d -c '$IMG/disk.raw.zst' > '$WORK/out.zstd'"); rm -f "$WORK/out.zstd"
    cz=$(timed ip netns exec "$NS_C" sh -c "curl -sf '$OURS/disk.raw.zst' | zstd -q -d > '$WORK/out.curl'"); rm -f "$WORK/out.curl"
    co=$(timed ip netns exec "$NS_C" "$CLIENT" "$OURS/disk.raw.zst" "$WORK/out.client" "$DISK_SHA"); rm -f "$WORK/out.client"
    cg=$(timed ip netns exec "$NS_C" "$CLIENT" "$OURS/disk.raw.zst" "$WORK/out.client" --download-sha256 "$DISK_ZST_SHA"); rm -f "$WORK/out.client"
    cd=$(timed ip netns exec "$NS_C" "$CLIENT" "$OURS/disk.raw.zst" "$WORK/out.client" "$DISK_SHA" --direct); rm -f "$WORK/out.client"
    cm=$(timed ip netns exec "$NS_C" "$CLIENT" "$OURS/disk.raw.zst" "$WORK/out.client" "$DISK_SHA" --managed-zstd); rm -f "$WORK/out.client"
    cn=$(timed ip netns exec "$NS_C" "$CLIENT" "$NGINX/disk.raw.zst" "$WORK/out.client" "$DISK_SHA"); rm -f "$WORK/out.client"
    cng=$(timed ip netns exec "$NS_C" "$CLIENT" "$NGINX/disk.raw.zst" "$WORK/out.client" --download-sha256 "$DISK_ZST_SHA"); rm -f "$WORK/out.client"
    echo "| $i | $zn | $zw | $cz | $co | $cg | $cd | $cm | $cn | $cng |"
  done
  echo
  echo "(wall s / CPU s. client: Native AOT ImagesBenchClient, exit 0 only when the SHA-256 of the 1 GiB written equals $DISK_SHA (output digest);"
  echo "download digest: exit 0 only when the SHA-256 of the bytes received equals sha256sum of disk.raw.zst, $DISK_ZST_SHA, and the zstd frame checksum holds; FlushToDisk off like zstd)"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

if want stages; then
  # Where the client's time goes, one stage at a time (the decoder and SHA-256 stages alone are the
  # BenchmarkDotNet classes ZstdDecodeBenchmark and ImageHashBenchmark). wall s / CPU s, 3 runs each.
  echo "### Client stages alone, 1 GiB (wall s / CPU s)"
  echo "| run | body alone: curl ours > /dev/null | decode alone: zstd -d > /dev/null | write 4 MiB pwrites (dd bs=4M) | write 128 KiB (dd bs=128K) | write O_DIRECT 4 MiB (dd oflag=direct) |"
  echo "| --- | --- | --- | --- | --- | --- |"
  stage() { /usr/bin/time -f '%e %U %S' -o "$WORK/time.txt" "$@" > /dev/null 2>&1 || true; awk '{printf "%.2f / %.2f", $1, $2 + $3}' "$WORK/time.txt"; }
  for i in 1 2 3; do
    sb=$(stage ip netns exec "$NS_C" curl -sf -o /dev/null "$OURS/disk.raw.zst")
    sd=$(stage sh -c "zstd -q -d -c '$IMG/disk.raw.zst' > /dev/null")
    w4=$(stage dd if=/dev/zero of="$WORK/w.out" bs=4M count=256 status=none); rm -f "$WORK/w.out"
    w1=$(stage dd if=/dev/zero of="$WORK/w.out" bs=128K count=8192 status=none); rm -f "$WORK/w.out"
    wd=$(stage dd if=/dev/zero of="$WORK/w.out" bs=4M count=256 oflag=direct status=none); rm -f "$WORK/w.out"
    echo "| $i | $sb | $sd | $w4 | $w1 | $wd |"
  done
  echo
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

if [ -n "${HOLD:-}" ]; then
  echo "servers up: ours $OURS, nginx $NGINX, client namespace $NS_C; Ctrl-C ends" >&2
  sleep infinity
fi
