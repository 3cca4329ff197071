#!/usr/bin/env bash
# Re-creates the DHCPv6 captures under tests/TestData/captures (run as root; a few minutes for "ovmf").
#   eng/capture-dhcp6.sh kea  OUTDIR   dhclient -6 -P -N and perfdhcp -6 (direct and -A1 relayed) against Kea 2.2
#   eng/capture-dhcp6.sh ovmf OUTDIR   OVMF UEFI PXE over IPv6 (radvd managed flag + Kea + tftpd-hpa), iPXE EFI, then
#                                      UEFI HTTP boot over IPv6 (Kea answers vendor class HTTPClient with an http:// URL)
# Namespaces are named bm24*; addresses are from 2001:db8:24::/48. The full captures are written to OUTDIR; the
# committed files are slices of them (frame numbers in tests/TestData/captures/README.md).
set -euo pipefail
mode=${1:?usage: capture-dhcp6.sh kea|ovmf OUTDIR}; out=$(realpath "${2:?OUTDIR}"); mkdir -p "$out/run"
# Boot File URLs come from client classes on the vendor class (subnet options would override class options in Kea).
kea_config() { # $1 interface, $2 subnet prefix (2001:db8:24:N), $3 file
  cat >"$3" <<JSON
{ "Dhcp6": {
  "interfaces-config": { "interfaces": [ "$1" ] },
  "lease-database": { "type": "memfile", "persist": false },
  "server-id": { "type": "LL", "htype": 1, "identifier": "02000024000${4:-2}", "persist": false },
  "client-classes": [ { "name": "PXEClient", "test": "substring(option[16].hex,6,9) == 'PXEClient'",
      "option-data": [ { "name": "bootfile-url", "data": "tftp://[$2::1]/snponly.efi" } ] },
    { "name": "HTTPClient", "test": "substring(option[16].hex,6,10) == 'HTTPClient'",
      "option-data": [ { "name": "bootfile-url", "data": "http://[$2::1]/ipxe.efi" },
                       { "code": 16, "name": "vendor-class", "csv-format": false, "data": "00000157000A48545450436C69656E74" } ] } ],
  "preferred-lifetime": 3000, "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
  "option-data": [ { "name": "dns-servers", "data": "$2::1" }, { "name": "domain-search", "data": "lab.example, example.org" } ],
  "subnet6": [ { "id": 1, "subnet": "$2::/64", "interface": "$1",
      "pools": [ { "pool": "$2::100-$2::1ff" } ],
      "pd-pools": [ { "prefix": "2001:db8:24:100::", "prefix-len": 56, "delegated-len": 64 } ] },
    { "id": 2, "subnet": "2001:db8:24:2::/64", "relay": { "ip-addresses": [ "2001:db8:24:2::1" ] },
      "pools": [ { "pool": "2001:db8:24:2::100-2001:db8:24:2::1ff" } ] } ],
  "loggers": [ { "name": "kea-dhcp6", "output_options": [ { "output": "$out/run/kea.log" } ], "severity": "INFO" } ] } }
JSON
}
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 1; for ns in bm24s bm24c bm24lab; do ip netns del $ns 2>/dev/null || true; done; }
trap cleanup EXIT
export KEA_PIDFILE_DIR=$out/run KEA_LOCKFILE_DIR=$out/run

if [ "$mode" = kea ]; then
  ip netns add bm24s; ip netns add bm24c
  for ns in bm24s bm24c; do ip netns exec $ns sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0; ip netns exec $ns ip link set lo up; done
  ip link add bm24s0 netns bm24s type veth peer name bm24c0 netns bm24c
  ip netns exec bm24s ip link set bm24s0 up
  ip netns exec bm24c ip link set bm24c0 address 52:54:00:24:00:0c up
  ip netns exec bm24s ip addr add 2001:db8:24:1::1/64 dev bm24s0
  ip netns exec bm24c ip addr add 2001:db8:24:2::1/64 dev bm24c0   # perfdhcp -A1 relays from this address
  ip netns exec bm24s ip -6 route add 2001:db8:24:2::/64 dev bm24s0
  kea_config bm24s0 2001:db8:24:1 "$out/kea6.json"
  sleep 1
  ip netns exec bm24s tcpdump -i bm24s0 -s 0 -U -w "$out/kea-all.pcap" 'udp port 546 or udp port 547' 2>/dev/null & pids+=($!)
  ip netns exec bm24s kea-dhcp6 -c "$out/kea6.json" >"$out/run/kea.out" 2>&1 & pids+=($!)
  sleep 2
  c="ip netns exec bm24c"
  $c timeout 20 dhclient -6 -P -N -1 -sf /bin/true -lf "$out/run/d.leases" -pf "$out/run/d.pid" bm24c0
  $c timeout 10 dhclient -6 -P -N -r -sf /bin/true -lf "$out/run/d.leases" -pf "$out/run/d.pid" bm24c0
  $c timeout 20 perfdhcp -6 -l bm24c0 -r 2 -n 2 -R 2 >/dev/null || true
  $c timeout 20 perfdhcp -6 -l bm24c0 -A1 -r 2 -n 2 -R 2 >/dev/null || true
  sleep 1
elif [ "$mode" = ovmf ]; then
  ip netns add bm24lab
  n="ip netns exec bm24lab"
  $n ip link set lo up
  $n ip tuntap add dev bm24tap0 mode tap
  $n ip link set bm24tap0 up
  $n ip addr add 2001:db8:24::1/64 dev bm24tap0 nodad
  mkdir -p "$out/tftp"; cp /usr/lib/ipxe/snponly.efi "$out/tftp/"; cp /usr/share/OVMF/OVMF_VARS_4M.fd "$out/vars.fd"
  kea_config bm24tap0 2001:db8:24 "$out/kea6.json" 1
  printf 'interface bm24tap0 {\n AdvSendAdvert on; AdvManagedFlag on; AdvOtherConfigFlag on;\n MinRtrAdvInterval 3; MaxRtrAdvInterval 10;\n prefix 2001:db8:24::/64 { AdvOnLink on; AdvAutonomous off; };\n};\n' >"$out/radvd.conf"
  $n tcpdump -i bm24tap0 -s 0 -U -w "$out/ovmf-all.pcap" 'udp port 546 or udp port 547 or udp port 67 or udp port 68' 2>/dev/null & pids+=($!)
  $n in.tftpd -L -a '[2001:db8:24::1]:69' -s "$out/tftp" & pids+=($!)
  # The tap has no carrier until QEMU opens it, and Kea opens no socket on an interface that is not running:
  # start QEMU first, then radvd and Kea.
  $n timeout 330 qemu-system-x86_64 -m 512 -display none -serial "file:$out/run/serial.log" -no-reboot \
    -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd -drive "if=pflash,format=raw,file=$out/vars.fd" \
    -netdev tap,id=n0,ifname=bm24tap0,script=no,downscript=no -device virtio-net-pci,netdev=n0,mac=52:54:00:24:00:07,romfile= & q=$!
  sleep 3
  $n radvd -n -C "$out/radvd.conf" -p "$out/run/radvd.pid" -m stderr 2>"$out/run/radvd.log" & pids+=($!)
  $n kea-dhcp6 -c "$out/kea6.json" >"$out/run/kea.out" 2>&1 & pids+=($!)
  wait $q || true
else
  echo "unknown mode $mode" >&2; exit 2
fi
