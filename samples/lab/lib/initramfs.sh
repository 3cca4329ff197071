# Builds the two initramfs flavours the lab needs, from the unpacked busybox-static and kernel package:
#   - the install initramfs: busybox, the NIC and disk modules, the agent and the glibc files it links,
#     and an /init that loads the modules, gets an address with udhcpc, runs the agent and powers off;
#   - the "installed" initramfs that goes onto the disk images: busybox and an /init that prints
#     "BAREMETAL-INSTALLED <hostname>" on the serial console and powers off.
# Sourced by run-lab.sh; needs LAB_DIR, LAB_WORK, BUSYBOX, KERNEL_ROOT, KERNEL_VERSION.

# Load order matters: insmod does not resolve dependencies. e1000 stands alone; virtio-net and virtio-blk
# need the virtio transport chain first.
LAB_MODULES=(
  e1000
  virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci
  failover net_failover virtio_net virtio_blk
)

# Creates the skeleton every initramfs shares: busybox, directories, /dev/console for the kernel's first
# open of the console.
lab_initramfs_skeleton() {
  local root=$1
  rm -rf "$root"; mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,run,etc,lib/modules,usr/bin,usr/sbin}
  cp "$BUSYBOX" "$root/bin/busybox"
  ln -s busybox "$root/bin/sh"
  mknod -m 600 "$root/dev/console" c 5 1
  mknod -m 666 "$root/dev/null" c 1 3
}

# lab_pack_initramfs ROOT OUT: newc cpio, gzip-compressed (the kernel has CONFIG_RD_GZIP).
lab_pack_initramfs() {
  local root=$1 out=$2
  (cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) | gzip -9 -n > "$out.tmp"
  mv "$out.tmp" "$out"
}

# lab_build_installed_initrd OUT: the tiny initrd that proves an installed disk booted.
lab_build_installed_initrd() {
  local out=$1 root="$LAB_WORK/initrd-installed"
  lab_initramfs_skeleton "$root"
  cp "$LAB_DIR/initramfs/installed-init" "$root/init"
  chmod 755 "$root/init"
  lab_pack_initramfs "$root" "$out"
}

# lab_build_agent_initramfs AGENT OUT: the install initramfs around the published agent binary.
lab_build_agent_initramfs() {
  local agent=$1 out=$2 root="$LAB_WORK/initrd-agent" m f lib
  lab_initramfs_skeleton "$root"
  cp "$LAB_DIR/initramfs/agent-init" "$root/init"
  cp "$LAB_DIR/initramfs/udhcpc.script" "$root/etc/udhcpc.script"
  chmod 755 "$root/init" "$root/etc/udhcpc.script"
  : > "$root/etc/modules"
  for m in "${LAB_MODULES[@]}"; do
    f=$(find "$KERNEL_ROOT/lib/modules/$KERNEL_VERSION/kernel" -name "$m.ko" -print -quit)
    [ -n "$f" ] || lab_die "module $m.ko is not in the kernel package"
    cp "$f" "$root/lib/modules/"
    echo "$m" >> "$root/etc/modules"
  done
  cp "$agent" "$root/bin/baremetal-agent"
  chmod 755 "$root/bin/baremetal-agent"
  # Native AOT links only glibc (libc, libm, ld-linux): copy exactly what ldd names, at the same paths,
  # so the dynamic loader finds them. .NET's SHA-256 and HTTP stack load OpenSSL at run time with dlopen
  # (ldd cannot see that; without it the agent aborts with "No usable version of libssl was found"), so
  # libssl and libcrypto and what they link come too. liblzma is loaded the same way by the image client for
  # .xz images (BareMetal.Images' LzmaNative; Debian package liblzma5).
  local -a files=("$agent")
  for lib in libssl.so.3 libcrypto.so.3 liblzma.so.5; do
    f=$(ldconfig -p | awk -v n="$lib" '$1 == n && /x86-64/ { print $NF; exit }')
    [ -n "$f" ] || lab_die "$lib is not installed (Debian packages libssl3, liblzma5); the agent loads it at run time"
    files+=("$f")
    mkdir -p "$root$(dirname "$f")"
    cp -L "$f" "$root$f"
  done
  while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done < <(ldd "${files[@]}" | grep -o '/[^ ]*' | grep -v ':$' | sort -u)
  lab_pack_initramfs "$root" "$out"
}
