# The lab's private network: one namespace holding a bridge (the host's interface, 192.0.2.1/24, a
# documentation range that never leaves the namespace) and one tap device per QEMU machine on it.
# Sourced by run-lab.sh; needs LAB_NS (a name starting with bmlab-).

LAB_BRIDGE=br0
LAB_SERVER_IP=192.0.2.1
LAB_PREFIX=24

# lab_netns_up TAP...: create the namespace, the bridge and the taps.
lab_netns_up() {
  local tap
  ip netns add "$LAB_NS" || lab_die "ip netns add $LAB_NS failed (are you root?)"
  ip -n "$LAB_NS" link set lo up
  ip -n "$LAB_NS" link add "$LAB_BRIDGE" type bridge forward_delay 0 stp_state 0
  ip -n "$LAB_NS" addr add "$LAB_SERVER_IP/$LAB_PREFIX" dev "$LAB_BRIDGE"
  ip -n "$LAB_NS" link set "$LAB_BRIDGE" up
  for tap in "$@"; do
    ip -n "$LAB_NS" tuntap add dev "$tap" mode tap
    ip -n "$LAB_NS" link set "$tap" master "$LAB_BRIDGE" up
  done
}

# lab_netns_down: end every process still inside the namespace, then remove it (idempotent).
lab_netns_down() {
  local pids
  ip netns list 2>/dev/null | grep -qw "$LAB_NS" || return 0
  pids=$(ip netns pids "$LAB_NS" 2>/dev/null || true)
  if [ -n "$pids" ]; then
    kill $pids 2>/dev/null || true
    sleep 1
    pids=$(ip netns pids "$LAB_NS" 2>/dev/null || true)
    [ -z "$pids" ] || kill -9 $pids 2>/dev/null || true
  fi
  ip netns del "$LAB_NS" 2>/dev/null || true
}

# lab_ns CMD...: run a command inside the namespace.
lab_ns() { ip netns exec "$LAB_NS" "$@"; }
