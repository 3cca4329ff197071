# Writes the host's inventory (YAML, the format of docs/host-api.md / issue 8): one profile that boots the
# install initramfs, and one machine per lab machine with its reserved address, its disk image and a
# two-step workflow (stream the image to /dev/vda, then report "installed"), and how its installed disk boots
# on EFI (local-boot: iPXE chains /EFI/BOOT/BOOTX64.EFI from the FAT volume labelled LAB_ESP_LABEL).
# Sourced by run-lab.sh.

# lab_write_inventory FILE, then one "NAME MAC IP IMAGE SHA256" line per machine on stdin.
lab_write_inventory() {
  local file=$1 name mac ip image sha
  {
    echo "# Written by samples/lab/run-lab.sh for one lab run."
    echo "profiles:"
    echo "  - name: lab-install"
    echo "    kernel: vmlinuz"
    echo "    initrds: [initrd.gz]"
    # panic=10 with QEMU's -no-reboot turns a kernel panic into a prompt exit instead of a hang.
    echo "    cmdline: console=ttyS0,115200 panic=10"
    echo "machines:"
    while read -r name mac ip image sha; do
      [ -n "$name" ] || continue
      echo "  - mac: $mac"
      echo "    hostname: $name"
      echo "    ip: $ip"
      echo "    profile: lab-install"
      echo "    workflow:"
      echo "      - stream-image: { image: $image, target: /dev/vda, sha256: $sha }"
      echo "      - report: installed"
      echo "    local-boot: { efi-volume: $LAB_ESP_LABEL }"
    done
  } > "$file.tmp"
  mv "$file.tmp" "$file"
}
