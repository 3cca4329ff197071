# Fetches the Debian packages the lab unpacks (never installs): one kernel image package and busybox-static.
# Sourced by run-lab.sh; needs LAB_WORK. Cached under $LAB_WORK/debs and $LAB_WORK/root-*, so a second run
# downloads nothing.

# The kernel package named by the linux-image-amd64 meta package (one flavour only: a glob would fetch
# every flavour, over a gigabyte).
lab_kernel_package() {
  if [ -n "${LAB_KERNEL_PACKAGE:-}" ]; then echo "$LAB_KERNEL_PACKAGE"; return; fi
  apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }'
}

# lab_unpack PACKAGE DEST: apt-get download + dpkg-deb -x, once.
lab_unpack() {
  local pkg=$1 dest=$2 deb
  if [ -f "$dest/.unpacked" ]; then return 0; fi
  mkdir -p "$LAB_WORK/debs"
  deb=$(ls "$LAB_WORK/debs/${pkg}"_*.deb 2>/dev/null | head -n1 || true)
  if [ -z "$deb" ]; then
    lab_log "downloading $pkg (apt-get download)"
    if ! (cd "$LAB_WORK/debs" && apt-get download -q "$pkg" >/dev/null 2>&1); then
      # The package lists may be stale or absent on a fresh machine: refresh once and retry.
      apt-get update -qq >/dev/null 2>&1 || true
      (cd "$LAB_WORK/debs" && apt-get download -q "$pkg" >/dev/null) || lab_die "apt-get download $pkg failed"
    fi
    deb=$(ls "$LAB_WORK/debs/${pkg}"_*.deb | head -n1)
  fi
  rm -rf "$dest"; mkdir -p "$dest"
  dpkg-deb -x "$deb" "$dest" || lab_die "dpkg-deb -x $deb failed"
  touch "$dest/.unpacked"
}

# Sets KERNEL_ROOT, KERNEL_VERSION, KERNEL_IMAGE, BUSYBOX.
lab_fetch_packages() {
  local pkg
  pkg=$(lab_kernel_package)
  [ -n "$pkg" ] || lab_die "apt-cache depends linux-image-amd64 names no kernel package (run apt-get update?)"
  KERNEL_ROOT="$LAB_WORK/root-kernel-$pkg"
  lab_unpack "$pkg" "$KERNEL_ROOT"
  KERNEL_VERSION=$(ls "$KERNEL_ROOT/lib/modules" | head -n1)
  KERNEL_IMAGE="$KERNEL_ROOT/boot/vmlinuz-$KERNEL_VERSION"
  [ -f "$KERNEL_IMAGE" ] || lab_die "no kernel image in $pkg ($KERNEL_IMAGE)"
  lab_unpack busybox-static "$LAB_WORK/root-busybox"
  BUSYBOX="$LAB_WORK/root-busybox/bin/busybox"
  [ -x "$BUSYBOX" ] || lab_die "busybox-static has no /bin/busybox"
  lab_log "kernel $KERNEL_VERSION ($pkg), busybox $("$BUSYBOX" 2>&1 | head -n1 | awk '{print $2}')"
}
