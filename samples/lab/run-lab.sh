#!/usr/bin/env bash
# The netboot lab (docs/lab.md): two QEMU machines, one BIOS (SeaBIOS + iPXE ROM, e1000) and one UEFI
# (OVMF's own PXE, virtio-net), boot from nothing but baremetal-host in a private network namespace,
# install a disk image with the Native AOT agent, report back, power off, boot again and prove they
# start from their installed disk. Prints a table and exits non-zero if either machine failed.
#
#   sudo bash samples/lab/run-lab.sh            (./build.sh lab installs the prerequisites first)
#
# Environment: LAB_WORK (work folder, default samples/lab/work; downloads are cached there),
# LAB_INSTALL_TIMEOUT / LAB_DISK_TIMEOUT (seconds per boot round, default 900 / 420),
# LAB_SKIP_BUILD=1 (reuse the last published host and agent), LAB_HOST_DLL (run this built
# baremetal-host.dll with dotnet instead of publishing the host), LAB_KERNEL_PACKAGE (default: the
# package linux-image-amd64 depends on), LAB_UEFI_BOOT_ORDER (disk-first, the default, or network-first;
# lib/qemu.sh explains why).
set -euo pipefail

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$LAB_DIR/../.." && pwd)
LAB_WORK=${LAB_WORK:-$LAB_DIR/work}
LAB_INSTALL_TIMEOUT=${LAB_INSTALL_TIMEOUT:-900}
LAB_DISK_TIMEOUT=${LAB_DISK_TIMEOUT:-420}
LAB_NS=bmlab-$$
LAB_HTTP_PORT=8080
RUN=$LAB_WORK/run

for lib in common fetch initramfs disks netns qemu inventory; do
  # shellcheck source=/dev/null
  source "$LAB_DIR/lib/$lib.sh"
done

# name firmware mac tap reserved-ip image
MACHINES=(
  "node-bios bios 52:54:00:00:b1:05 tap0 192.0.2.50 disk-bios.raw.gz"
  "node-uefi uefi 52:54:00:00:0e:f1 tap1 192.0.2.51 disk-uefi.raw.gz"
)

[ "$(id -u)" -eq 0 ] || lab_die "the lab creates a network namespace and tap devices: run it as root"
lab_need ip qemu-system-x86_64 qemu-img cpio gzip sfdisk mkfs.vfat mcopy mmd syslinux grub-mkstandalone apt-get dpkg-deb curl python3 dotnet ldd
[ -r /usr/lib/ipxe/undionly.kpxe ] || lab_die "/usr/lib/ipxe/undionly.kpxe is missing (Debian package ipxe)"
[ -r "$OVMF_CODE" ] || lab_die "$OVMF_CODE is missing (Debian package ovmf)"

# ---- cleanup: every process this run started, and its namespace, also on Ctrl-C ----------------------
PIDS=()
cleanup() {
  local status=$? pid
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  lab_netns_down
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  exit "$status"
}
trap cleanup EXIT
trap 'lab_log "interrupted, cleaning up"; exit 130' INT TERM

rm -rf "$RUN"
mkdir -p "$RUN" "$RUN/images" "$RUN/tftp" "$RUN/data"

# ---- 1. packages, programs, initramfs, disk images ------------------------------------------------------
lab_fetch_packages

export LAB_UEFI_BOOT_ORDER=${LAB_UEFI_BOOT_ORDER:-network-first}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
if [ "${LAB_SKIP_BUILD:-0}" != 1 ] || [ ! -x "$LAB_WORK/agent/baremetal-agent" ]; then
  lab_log "publishing the agent (Native AOT, linux-x64)"
  dotnet publish "$LAB_DIR/agent/BareMetal.LabAgent/BareMetal.LabAgent.csproj" -c Release -r linux-x64 \
    -p:PublishAot=true -o "$LAB_WORK/agent" -nologo -v:q > "$RUN/publish-agent.log" 2>&1 \
    || { tail -n 30 "$RUN/publish-agent.log"; lab_die "publishing the agent failed (log: $RUN/publish-agent.log)"; }
fi
# LAB_HOST_DLL: run an already built host (the test suite passes the solution build's output).
if [ -n "${LAB_HOST_DLL:-}" ]; then
  [ -f "$LAB_HOST_DLL" ] || lab_die "LAB_HOST_DLL=$LAB_HOST_DLL does not exist"
  HOST_CMD=(dotnet "$LAB_HOST_DLL")
else
  if [ "${LAB_SKIP_BUILD:-0}" != 1 ] || [ ! -x "$LAB_WORK/host/baremetal-host" ]; then
    lab_log "publishing the host"
    dotnet publish "$REPO/samples/BareMetal.NetbootHost/BareMetal.NetbootHost.csproj" -c Release \
      -o "$LAB_WORK/host" -nologo -v:q > "$RUN/publish-host.log" 2>&1 \
      || { tail -n 30 "$RUN/publish-host.log"; lab_die "publishing the host failed (log: $RUN/publish-host.log)"; }
  fi
  HOST_CMD=("$LAB_WORK/host/baremetal-host")
fi
lab_log "agent $(du -h "$LAB_WORK/agent/baremetal-agent" | cut -f1) (links: $(ldd "$LAB_WORK/agent/baremetal-agent" | awk '/=>|ld-linux/ {print $1}' | xargs))"

cp "$KERNEL_IMAGE" "$RUN/images/vmlinuz"
lab_build_agent_initramfs "$LAB_WORK/agent/baremetal-agent" "$RUN/images/initrd.gz"
lab_build_installed_initrd "$LAB_WORK/initrd-installed.gz"
lab_log "install initramfs $(du -h "$RUN/images/initrd.gz" | cut -f1), installed initrd $(du -h "$LAB_WORK/initrd-installed.gz" | cut -f1)"

inventory_lines=""
for m in "${MACHINES[@]}"; do
  read -r name firmware mac tap ip image <<< "$m"
  "lab_build_${firmware}_disk" "$name" "$LAB_WORK/initrd-installed.gz" "$LAB_WORK/$name.raw"
  sha=$(lab_publish_image "$LAB_WORK/$name.raw" "$image" "$RUN/images")
  inventory_lines+="$name $mac $ip $image $sha"$'\n'
  lab_log "disk image $image for $name ($firmware): $(du -h "$RUN/images/$image" | cut -f1) compressed, sha256 ${sha:0:16}..."
done
lab_write_inventory "$RUN/inventory.yaml" <<< "$inventory_lines"
cp /usr/lib/ipxe/undionly.kpxe /usr/lib/ipxe/snponly.efi /usr/lib/ipxe/ipxe.efi "$RUN/tftp/"

# ---- 2. network and host ---------------------------------------------------------------------------------
taps=()
for m in "${MACHINES[@]}"; do read -r _ _ _ tap _ <<< "$m"; taps+=("$tap"); done
lab_netns_up "${taps[@]}"
lab_log "namespace $LAB_NS: bridge $LAB_BRIDGE $LAB_SERVER_IP/$LAB_PREFIX, taps ${taps[*]}"

ADMIN_TOKEN=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
lab_ns "${HOST_CMD[@]}" --interface "$LAB_BRIDGE" --address "$LAB_SERVER_IP" \
  --dhcp-range 192.0.2.100-192.0.2.150 --services dhcp,tftp,http --tftp-root "$RUN/tftp" \
  --images "$RUN/images" --http-port "$LAB_HTTP_PORT" --inventory "$RUN/inventory.yaml" \
  --data "$RUN/data" --admin-token "$ADMIN_TOKEN" > "$RUN/host.log" 2>&1 < /dev/null &
HOST_PID=$!
PIDS+=("$HOST_PID")
API="http://$LAB_SERVER_IP:$LAB_HTTP_PORT"
for _ in $(seq 1 120); do
  kill -0 "$HOST_PID" 2>/dev/null || { tail -n 30 "$RUN/host.log"; lab_die "baremetal-host exited at start (log: $RUN/host.log)"; }
  lab_ns curl -fsS -o /dev/null "$API/healthz" 2>/dev/null && break
  sleep 0.5
done
lab_ns curl -fsS -o /dev/null "$API/healthz" || lab_die "baremetal-host did not answer $API/healthz within 60 s (log: $RUN/host.log)"
lab_log "baremetal-host ready at $API (log: $RUN/host.log)"

api_get() { lab_ns curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" "$API$1"; }
machine_state() { api_get "/api/v1/machines/$1?events=0" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])' 2>/dev/null || echo unknown; }

# ---- 3. boot rounds: install, then boot from disk --------------------------------------------------------
declare -A T_START T_END MAC_OF
for m in "${MACHINES[@]}"; do read -r name _ mac _ <<< "$m"; MAC_OF[$name]=$mac; done
# boot_round ROUND TIMEOUT: start every machine at once, wait for each to power off (bounded).
boot_round() {
  local round=$1 timeout=$2 m name firmware mac tap pid deadline left
  local -A pid_of=()
  for m in "${MACHINES[@]}"; do
    read -r name firmware mac tap _ <<< "$m"
    T_START[$round.$name]=$(lab_now)
    lab_qemu_start "$name" "$firmware" "$mac" "$tap" "$RUN/$name-$round.serial"
    pid_of[$name]=$LAB_QEMU_PID
    PIDS+=("$LAB_QEMU_PID")
    lab_log "$round: started $name ($firmware, $mac), serial log $RUN/$name-$round.serial"
  done
  deadline=$(( $(date +%s) + timeout ))
  left=${#pid_of[@]}
  while [ "$left" -gt 0 ]; do
    left=0
    for name in "${!pid_of[@]}"; do
      pid=${pid_of[$name]}
      [ -n "$pid" ] || continue
      if kill -0 "$pid" 2>/dev/null; then
        if [ "$(date +%s)" -ge "$deadline" ]; then
          lab_log "$round: $name did not power off within $timeout s, stopping it"
          kill "$pid" 2>/dev/null || true
          wait "$pid" 2>/dev/null || true
          T_END[$round.$name]=$(lab_now); pid_of[$name]=
        else
          left=$((left + 1))
        fi
      else
        wait "$pid" 2>/dev/null || true
        T_END[$round.$name]=$(lab_now); pid_of[$name]=
        lab_log "$round: $name powered off after $(awk -v a="${T_START[$round.$name]}" -v b="${T_END[$round.$name]}" 'BEGIN{printf "%.1f", b-a}') s; host state: $(machine_state "${MAC_OF[$name]}")"
      fi
    done
    [ "$left" -eq 0 ] || sleep 1
  done
}

for m in "${MACHINES[@]}"; do read -r name _ _ _ _ <<< "$m"; lab_machine_disk "$name"; done
lab_log "install: booting ${#MACHINES[@]} machines from the network (software emulation: about a minute each)"
boot_round install "$LAB_INSTALL_TIMEOUT"
lab_log "disk: booting again (the host now sends each machine to its local disk; UEFI boot order: $LAB_UEFI_BOOT_ORDER)"
boot_round disk "$LAB_DISK_TIMEOUT"

# ---- 4. results --------------------------------------------------------------------------------------------
: > "$RUN/machines.tsv"
for m in "${MACHINES[@]}"; do
  read -r name firmware mac _ <<< "$m"
  api_get "/api/v1/machines/$mac?events=1000" > "$RUN/api-$name.json" 2>/dev/null || echo '{}' > "$RUN/api-$name.json"
  printf '%s %s %s %s %s %s %s\n' "$name" "$firmware" "$mac" "${T_START[install.$name]}" "${T_END[install.$name]}" \
    "${T_START[disk.$name]}" "${T_END[disk.$name]}" >> "$RUN/machines.tsv"
done
set +e
python3 "$LAB_DIR/lib/report.py" "$RUN"
status=$?
set -e
lab_log "logs, serial consoles and the host's data are in $RUN"
exit "$status"
