# Logging and small helpers shared by the lab scripts. Sourced; sets nothing global but LAB_T0.
LAB_T0=${LAB_T0:-$(date +%s.%N)}

# Elapsed seconds since the lab started, one decimal.
lab_elapsed() { awk -v t0="$LAB_T0" -v t1="$(date +%s.%N)" 'BEGIN { printf "%6.1f", t1 - t0 }'; }
lab_log() { printf '[%s s] %s\n' "$(lab_elapsed)" "$*"; }
lab_die() { printf '[%s s] error: %s\n' "$(lab_elapsed)" "$*" >&2; exit 1; }
lab_need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || lab_die "'$tool' is not installed; run ./build.sh lab (it installs LAB_PACKAGES from eng/prereqs.sh)"
  done
}
# Unix time with nanoseconds, for timings.
lab_now() { date +%s.%N; }
