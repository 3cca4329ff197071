# Builds the small disk images the machines install, without mounting anything (mtools writes into the
# FAT file system inside the image file). Each image boots the kernel and the tiny "installed" initrd,
# which prints "BAREMETAL-INSTALLED <hostname>" on the serial console and powers off.
#   BIOS: MBR (syslinux mbr.bin) + one bootable FAT partition with SYSLINUX.
#   UEFI: GPT + one EFI System partition holding the kernel, the initrd and, at the removable-media path
#         /EFI/BOOT/BOOTX64.EFI, a standalone GRUB (grub-mkstandalone, Debian grub-efi-amd64-bin) whose
#         embedded grub.cfg finds the partition by its label and boots the kernel with the command line.
#         GRUB, like an installed distribution's shim + GRUB, ignores the load options iPXE passes when the
#         host chains it (a systemd-stub unified kernel image would take them as its command line instead).
# Both file systems carry the volume label LAB_ESP_LABEL, which the inventory's local-boot entry names.
# Sourced by run-lab.sh; needs LAB_WORK, KERNEL_IMAGE.

LAB_DISK_MIB=${LAB_DISK_MIB:-32}
LAB_PART_START=2048   # sectors: the partition starts at 1 MiB
LAB_ESP_LABEL=BAREMETAL

# lab_fat_partition IMG: format the partition at 1 MiB as FAT (size in KiB blocks for mkfs.vfat).
lab_fat_partition() {
  local img=$1 blocks=$(( (LAB_DISK_MIB - 1) * 1024 ))
  mkfs.vfat --offset "$LAB_PART_START" -n "$LAB_ESP_LABEL" "$img" "$blocks" >/dev/null
}

# lab_build_bios_disk HOSTNAME INITRD OUT
lab_build_bios_disk() {
  local host=$1 initrd=$2 out=$3 img="$3.tmp" cfg="$LAB_WORK/syslinux-$1.cfg"
  rm -f "$img"; truncate -s "${LAB_DISK_MIB}M" "$img"
  printf 'label: dos\nstart=%s, type=c, bootable\n' "$LAB_PART_START" | sfdisk -q "$img"
  lab_fat_partition "$img"
  cat > "$cfg" <<CFG
SERIAL 0 115200
DEFAULT installed
PROMPT 0
TIMEOUT 0
LABEL installed
  KERNEL vmlinuz
  INITRD initrd.gz
  APPEND console=ttyS0,115200 panic=5 baremetal.installed=$host
CFG
  mcopy -o -i "$img@@1M" "$KERNEL_IMAGE" ::vmlinuz
  mcopy -o -i "$img@@1M" "$initrd" ::initrd.gz
  mcopy -o -i "$img@@1M" "$cfg" ::syslinux.cfg
  syslinux --offset $((LAB_PART_START * 512)) --install "$img"
  # The MBR boot code (first 440 bytes) chains to the active partition's SYSLINUX boot sector.
  dd if=/usr/lib/syslinux/mbr/mbr.bin of="$img" bs=440 count=1 conv=notrunc status=none
  mv "$img" "$out"
}

# lab_build_uefi_disk HOSTNAME INITRD OUT
lab_build_uefi_disk() {
  local host=$1 initrd=$2 out=$3 img="$3.tmp" cfg="$LAB_WORK/grub-$1.cfg" loader="$LAB_WORK/grub-$1.efi"
  cat > "$cfg" <<CFG
set timeout=0
set gfxpayload=text
search --no-floppy --label $LAB_ESP_LABEL --set=root
echo "GRUB: booting the installed system from (\$root)"
linux /vmlinuz console=ttyS0,115200 panic=5 baremetal.installed=$host
initrd /initrd.gz
boot
CFG
  grub-mkstandalone -O x86_64-efi --locales= --themes= --fonts= \
    --install-modules="part_gpt fat search search_label linux echo normal configfile test" \
    --modules="part_gpt fat search search_label linux echo" \
    -o "$loader" "boot/grub/grub.cfg=$cfg"
  rm -f "$img"; truncate -s "${LAB_DISK_MIB}M" "$img"
  printf 'label: gpt\nstart=%s, type=uefi, name="EFI System"\n' "$LAB_PART_START" | sfdisk -q "$img"
  lab_fat_partition "$img"
  mmd -i "$img@@1M" ::/EFI ::/EFI/BOOT
  mcopy -o -i "$img@@1M" "$loader" ::/EFI/BOOT/BOOTX64.EFI
  mcopy -o -i "$img@@1M" "$KERNEL_IMAGE" ::vmlinuz
  mcopy -o -i "$img@@1M" "$initrd" ::initrd.gz
  mv "$img" "$out"
}

# lab_publish_image RAW NAME IMAGES_DIR: gzip the raw image into the images folder and write its
# SHA-256 (of the raw bytes, which is what the agent verifies after decompression) next to it.
lab_publish_image() {
  local raw=$1 name=$2 dir=$3 sum
  gzip -9 -n -c "$raw" > "$dir/$name.tmp" && mv "$dir/$name.tmp" "$dir/$name"
  sum=$(sha256sum "$raw" | awk '{print $1}')
  printf '%s  %s\n' "$sum" "${name%.gz}" > "$dir/$name.sha256"
  echo "$sum"
}
