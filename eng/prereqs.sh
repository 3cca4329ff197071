#!/usr/bin/env bash
# Installs what the tests and the lab need from Debian's packages, idempotently (nothing is installed
# twice, and apt-get update runs only when something is missing). Sourced by build.sh.

# Real peers and tools the test suite drives (interop tests run them inside network namespaces).
TEST_PACKAGES=(
  iproute2 iptables procps psmisc curl ca-certificates python3 zstd gzip xz-utils
  isc-dhcp-client udhcpc nmap kea-dhcp4-server kea-admin dnsmasq-base
  atftp tftp-hpa tftpd-hpa nginx-light chromium
  openipmi ipmitool qemu-system-x86 ovmf
  grub-common grub-emu isc-dhcp-relay
  liblzma5 fdisk gdisk e2fsprogs dosfstools mtools util-linux
)
# The agent's oci action tests also fetch Debian's busybox-static with `apt-get download` (not installed: its
# static binary becomes the test image's entrypoint), so apt's package lists must be present.
# Everything the netboot lab needs: firmware, QEMU, initramfs and disk-image tools.
LAB_PACKAGES=(
  iproute2 iptables procps psmisc curl ca-certificates python3 zstd gzip cpio
  qemu-system-x86 qemu-utils ovmf ipxe ipxe-qemu
  syslinux syslinux-common mtools dosfstools fdisk grub-efi-amd64-bin binutils clang zlib1g-dev liblzma5
  radvd tcpdump kea-dhcp6-server
)
# Peer benchmarks only (Go peers built from Debian's packaged sources).
BENCH_PACKAGES=(
  golang-go golang-github-insomniacslk-dhcp-dev golang-github-google-gopacket-dev golang-github-pin-tftp-dev time
  kea-dhcp6-server
)

ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: missing Debian packages: ${missing[*]}; run as root or install them first." >&2
    return 1
  fi
  echo "==> installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_dotnet() {
  if command -v dotnet >/dev/null 2>&1; then return 0; fi
  if [ -x "$HOME/.dotnet/dotnet" ]; then export PATH="$HOME/.dotnet:$PATH"; return 0; fi
  echo "==> the .NET 10 SDK is not installed; installing it with Microsoft's dotnet-install script"
  ensure_packages curl ca-certificates libicu72
  curl -fsSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
  bash /tmp/dotnet-install.sh --channel 10.0 --install-dir "$HOME/.dotnet"
  export PATH="$HOME/.dotnet:$PATH"
}
