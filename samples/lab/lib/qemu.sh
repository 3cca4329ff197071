# Starts the lab's QEMU machines (software emulation: no KVM needed) inside the namespace.
#   bios: SeaBIOS, e1000 NIC whose option ROM is iPXE (Debian's ipxe-qemu), so it DHCPs as iPXE at once.
#   uefi: OVMF, virtio-net with an empty romfile= so EDK2's own PXE runs and fetches snponly.efi by TFTP.
# Both have a virtio disk and boot the NIC first, so every boot asks the host (LAB_UEFI_BOOT_ORDER=network-first,
# the default). An installed machine's script boots its disk:
#   bios: "sanboot --no-describe --drive 0x80" (the MBR runs).
#   uefi: "chain file://BAREMETAL/EFI/BOOT/BOOTX64.EFI || ...; exit 1": iPXE loads the installed loader from the
#         EFI System partition with that label and starts it. (A bare "exit" would not do on OVMF: iPXE returns
#         EFI_SUCCESS and the boot manager then shows its menu instead of trying the disk, UEFI 2.10 §3.1.1.)
# LAB_UEFI_BOOT_ORDER=disk-first puts the UEFI machine's disk first instead: an empty disk falls through to
# PXE, an installed one boots without asking the host.
# Sourced by run-lab.sh; needs LAB_NS, LAB_WORK.

OVMF_CODE=${OVMF_CODE:-/usr/share/OVMF/OVMF_CODE_4M.fd}
OVMF_VARS=${OVMF_VARS:-/usr/share/OVMF/OVMF_VARS_4M.fd}

# lab_machine_disk NAME: a fresh, empty 64 MiB disk (and a fresh UEFI variable store) for a machine.
lab_machine_disk() {
  local name=$1
  rm -f "$LAB_WORK/machines/$name.qcow2" "$LAB_WORK/machines/$name.vars.fd"
  mkdir -p "$LAB_WORK/machines"
  qemu-img create -q -f qcow2 "$LAB_WORK/machines/$name.qcow2" 64M
  cp "$OVMF_VARS" "$LAB_WORK/machines/$name.vars.fd"
}

# lab_qemu_start NAME FIRMWARE MAC TAP SERIAL: start a machine in the background (a child of the calling
# shell, so it can be waited for); sets LAB_QEMU_PID.
lab_qemu_start() {
  local name=$1 firmware=$2 mac=$3 tap=$4 serial=$5 args
  args=(
    -name "$name" -m 512 -smp 1 -accel tcg
    -display none -monitor none -no-reboot -serial "file:$serial"
    -netdev "tap,id=n0,ifname=$tap,script=no,downscript=no"
    -drive "file=$LAB_WORK/machines/$name.qcow2,format=qcow2,if=none,id=d0"
  )
  local nic_index=1 disk_index=2
  if [ "$firmware" = uefi ] && [ "${LAB_UEFI_BOOT_ORDER:-network-first}" = disk-first ]; then
    nic_index=2 disk_index=1
  fi
  args+=(-device "virtio-blk-pci,drive=d0,bootindex=$disk_index")
  case "$firmware" in
    bios)
      args+=(-device "e1000,netdev=n0,mac=$mac,bootindex=$nic_index") ;;
    uefi)
      args+=(
        -drive "if=pflash,format=raw,readonly=on,file=$OVMF_CODE"
        -drive "if=pflash,format=raw,file=$LAB_WORK/machines/$name.vars.fd"
        -device "virtio-net-pci,netdev=n0,mac=$mac,romfile=,bootindex=$nic_index"
        # Only IPv4 PXE: the IPv6 attempt would wait for a DHCPv6 answer that never comes before the
        # firmware moves on to the disk.
        -fw_cfg name=opt/org.tianocore/IPv6PXESupport,string=n
      ) ;;
    *) lab_die "unknown firmware '$firmware' (use bios or uefi)" ;;
  esac
  : > "$serial"
  ip netns exec "$LAB_NS" qemu-system-x86_64 "${args[@]}" >"$serial.qemu.log" 2>&1 </dev/null &
  LAB_QEMU_PID=$!
}
