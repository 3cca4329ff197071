#!/bin/sh
# The chassis-control program of ipmi_sim for the lab's IPMI machine: ipmi_sim → this script → the lab BMC's
# control socket → QEMU (through QMP), so the IPMI driver is proved on a machine that really boots.
#
# In ipmi_sim's lan.conf:   chassis_control "/path/ipmi-chassis-control.sh /path/control.sock MACHINE-ID"
# ipmi_sim appends:         get PARM...            → prints "PARM:VALUE" per parameter
#                           set PARM VALUE...      → prints nothing on success
# Parameters (OpenIPMI lanserv): power 0|1, reset 1 (a pulse), boot none|pxe|default.
set -eu
[ $# -ge 3 ] || { echo "usage: $0 SOCKET MACHINE get|set PARM [VALUE]..."; exit 1; }
socket=$1 machine=$2 op=$3
shift 3
base="http://lab-bmc/control/$machine"

api() {
  curl --silent --show-error --fail --max-time 60 --unix-socket "$socket" "$@"
}

case $op in
  get)
    for parm in "$@"; do
      case $parm in
        power) echo "power:$(api "$base/power")" ;;
        boot) echo "boot:$(api "$base/boot")" ;;
        *) echo "unsupported parameter: $parm"; exit 1 ;;
      esac
    done
    ;;
  set)
    while [ $# -ge 2 ]; do
      case $1 in
        power) api -X POST "$base/power/$2" >/dev/null ;;
        reset) if [ "$2" = 1 ]; then api -X POST "$base/reset" >/dev/null; fi ;;
        boot) api -X POST "$base/boot/$2" >/dev/null ;;
        *) echo "unsupported parameter: $1"; exit 1 ;;
      esac
      shift 2
    done
    ;;
  *) echo "unknown operation: $op"; exit 1 ;;
esac
