# shellcheck shell=bash
# Shared helpers for infra/local/*.sh. Sourced, never executed.
#
# Everything here works on plain Debian 12 with bash, coreutils, util-linux and curl.
# Process handling reads /proc directly so that procps (ps/pgrep) is not required.

# --- locations -------------------------------------------------------------------------------

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${LOCAL_DIR}/../.." && pwd)"

RUNLEDGER_HOME="${RUNLEDGER_HOME:-${REPO_ROOT}/.runledger}"
mkdir -p "${RUNLEDGER_HOME}"
RUNLEDGER_HOME="$(cd "${RUNLEDGER_HOME}" && pwd)"

LOG_DIR="${RUNLEDGER_HOME}/logs"
PID_DIR="${RUNLEDGER_HOME}/pids"
DATA_DIR="${RUNLEDGER_HOME}/data"
DIST_DIR="${RUNLEDGER_HOME}/dist"
CONF_DIR="${RUNLEDGER_HOME}/conf"
STATE_DIR="${RUNLEDGER_HOME}/state"
mkdir -p "${LOG_DIR}" "${PID_DIR}" "${DATA_DIR}" "${DIST_DIR}" "${CONF_DIR}" "${STATE_DIR}"

# --- ports (all services bind 127.0.0.1 only) -----------------------------------------------

# shellcheck disable=SC2034 # used by the service files that source this one
{
  LOOPBACK=127.0.0.1
  PG_PORT="${RUNLEDGER_PG_PORT:-5432}"
  REDIS_PORT="${RUNLEDGER_REDIS_PORT:-16379}"
  S3_PORT="${RUNLEDGER_S3_PORT:-19000}"
  KC_PORT="${RUNLEDGER_KC_PORT:-8180}"
  KC_MGMT_PORT="${RUNLEDGER_KC_MGMT_PORT:-9180}"
  # The realm's SMTP server (infra/local/keycloak/runledger-realm.json) names this port too.
  MAIL_PORT="${RUNLEDGER_MAIL_PORT:-11025}"
}

# --- logging ---------------------------------------------------------------------------------

log() { printf '[services %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
warn() { printf '[services %s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  printf '[services %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2
  exit 1
}

# Print the last lines of a log file to stderr (used when a service fails to come up).
tail_log() {
  local file="$1" lines="${2:-60}"
  if [[ -f "${file}" ]]; then
    printf -- '----- last %s lines of %s -----\n' "${lines}" "${file}" >&2
    tail -n "${lines}" "${file}" >&2 || true
    printf -- '----- end of %s -----\n' "${file}" >&2
  else
    printf -- '(no log file at %s)\n' "${file}" >&2
  fi
}

# --- tools -----------------------------------------------------------------------------------

# Java used for S3Proxy and Keycloak: Temurin 25 unless RUNLEDGER_JAVA_HOME says otherwise.
resolve_java_home() {
  local candidate="${RUNLEDGER_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
  if [[ -x "${candidate}/bin/java" ]]; then
    printf '%s\n' "${candidate}"
    return 0
  fi
  local d
  for d in /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/temurin-21* /usr/lib/jvm/java-21*; do
    if [[ -x "${d}/bin/java" ]]; then
      warn "Temurin 25 not found at ${candidate}; using ${d}"
      printf '%s\n' "${d}"
      return 0
    fi
  done
  die "no JDK 21+ found (looked at ${candidate} and /usr/lib/jvm/*); set RUNLEDGER_JAVA_HOME"
}

APT_UPDATED=0
# apt_install PKG... : install Debian packages (runs `apt-get update` at most once per invocation).
apt_install() {
  [[ $# -gt 0 ]] || return 0
  [[ "$(id -u)" -eq 0 ]] || die "need root to apt-get install $*"
  export DEBIAN_FRONTEND=noninteractive
  # Output goes to a log file, never to our caller's stdout/stderr: package scripts may start
  # daemons that would otherwise keep the caller's pipe open. fd 9 (our lock) is closed too.
  local apt_log="${LOG_DIR}/apt.log"
  if [[ "${APT_UPDATED}" -eq 0 ]]; then
    log "apt-get update"
    apt-get -o DPkg::Lock::Timeout=300 update >>"${apt_log}" 2>&1 </dev/null 9>&- || {
      tail_log "${apt_log}" 20
      die "apt-get update failed"
    }
    APT_UPDATED=1
  fi
  log "apt-get install -y $* (log: ${apt_log})"
  apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "$@" \
    >>"${apt_log}" 2>&1 </dev/null 9>&- || {
    tail_log "${apt_log}" 30
    die "apt-get install $* failed"
  }
}

# need_cmd CMD PACKAGE : make sure CMD exists, installing PACKAGE if it does not.
need_cmd() {
  local cmd="$1" pkg="$2"
  command -v "${cmd}" >/dev/null 2>&1 || apt_install "${pkg}"
  command -v "${cmd}" >/dev/null 2>&1 || die "${cmd} still missing after installing ${pkg}"
}

# --- waiting ---------------------------------------------------------------------------------

# wait_for TIMEOUT_SECONDS DESCRIPTION CMD... : poll CMD every 0.5 s until it succeeds.
wait_for() {
  local timeout="$1" desc="$2"
  shift 2
  local deadline=$((SECONDS + timeout))
  while ! "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      warn "timed out after ${timeout}s waiting for ${desc}"
      return 1
    fi
    sleep 0.5
  done
}

# port_open PORT : something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/${LOOPBACK}/$1") 2>/dev/null
}

# http_answers URL : the URL answers with any HTTP status.
http_answers() {
  local code
  code="$(curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || true)"
  [[ -n "${code}" && "${code}" != "000" ]]
}

# --- processes and pid files -----------------------------------------------------------------

pid_file() { printf '%s/%s.pid\n' "${PID_DIR}" "$1"; }
log_file() { printf '%s/%s.log\n' "${LOG_DIR}" "$1"; }

# read_pid SVC : print the pid recorded for SVC (nothing if none).
read_pid() {
  local f
  f="$(pid_file "$1")"
  [[ -s "${f}" ]] || return 0
  local pid
  pid="$(tr -dc '0-9' <"${f}")"
  [[ -n "${pid}" ]] && printf '%s\n' "${pid}"
  return 0
}

pid_alive() {
  [[ -n "${1:-}" && -d "/proc/$1" ]] || return 1
  # A zombie is dead for our purposes.
  local state
  state="$(proc_stat_field "$1" 1)"
  [[ -n "${state}" && "${state}" != "Z" && "${state}" != "X" ]]
}

# proc_stat_field PID N : field N after the command name in /proc/PID/stat
# (1 = state, 2 = ppid, 3 = pgrp, 4 = session).
proc_stat_field() {
  local line rest
  { read -r line <"/proc/$1/stat"; } 2>/dev/null || return 0
  rest="${line##*) }"
  local -a f
  read -r -a f <<<"${rest}"
  printf '%s\n' "${f[$(($2 - 1))]:-}"
}

# pid_matches PID MARKER : PID is alive and its command line contains MARKER
# (guards against a recycled pid after a reboot).
pid_matches() {
  pid_alive "$1" || return 1
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true)"
  [[ "${cmdline}" == *"$2"* ]]
}

# group_members PGID : pids of live processes in process group PGID.
group_members() {
  local pgid="$1" stat pid line
  local -a f
  for stat in /proc/[0-9]*/stat; do
    { read -r line <"${stat}"; } 2>/dev/null || continue
    read -r -a f <<<"${line##*) }"
    # f[0] = state, f[2] = process group
    if [[ "${f[2]:-}" == "${pgid}" && "${f[0]:-}" != Z && "${f[0]:-}" != X ]]; then
      pid="${stat#/proc/}"
      printf '%s\n' "${pid%/stat}"
    fi
  done
}

group_alive() { [[ -n "$(group_members "$1")" ]]; }

# group_matches PGID MARKER : some live member of process group PGID has MARKER in its command
# line (so a recycled pid/pgid of an unrelated program is never signalled).
group_matches() {
  local pid
  for pid in $(group_members "$1"); do
    pid_matches "${pid}" "$2" && return 0
  done
  return 1
}

# kill_group PGID [TIMEOUT] : TERM the whole process group, KILL it after TIMEOUT seconds,
# and return only when no member is left.
kill_group() {
  local pgid="$1" timeout="${2:-30}"
  group_alive "${pgid}" || return 0
  kill -TERM -- "-${pgid}" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while group_alive "${pgid}"; do
    if ((SECONDS >= deadline)); then
      warn "process group ${pgid} ignored TERM for ${timeout}s; sending KILL"
      kill -KILL -- "-${pgid}" 2>/dev/null || true
      sleep 0.5
      deadline=$((SECONDS + 10))
      while group_alive "${pgid}"; do
        ((SECONDS < deadline)) || die "process group ${pgid} survived KILL"
        sleep 0.2
      done
      return 0
    fi
    sleep 0.3
  done
}

# kill_pid PID [TIMEOUT] : TERM one process, KILL it after TIMEOUT seconds, wait until gone.
kill_pid() {
  local pid="$1" timeout="${2:-30}"
  pid_alive "${pid}" || return 0
  kill -TERM "${pid}" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while pid_alive "${pid}"; do
    if ((SECONDS >= deadline)); then
      warn "pid ${pid} ignored TERM for ${timeout}s; sending KILL"
      kill -KILL "${pid}" 2>/dev/null || true
      deadline=$((SECONDS + 10))
      while pid_alive "${pid}"; do
        ((SECONDS < deadline)) || die "pid ${pid} survived KILL"
        sleep 0.2
      done
      return 0
    fi
    sleep 0.2
  done
}

# spawn_detached SVC CMD... : run CMD in the background in a new session (its own process
# group), stdout/stderr appended to the service log, pid (= pgid) written to the pid file.
# Environment for CMD is whatever the caller exported.
spawn_detached() {
  local svc="$1"
  shift
  local pidf logf
  pidf="$(pid_file "${svc}")"
  logf="$(log_file "${svc}")"
  rm -f "${pidf}"
  printf '\n===== %s starting %s =====\n' "$(date -Is)" "${svc}" >>"${logf}"
  # setsid execs bash (forking first only if we happen to be a group leader); bash records
  # its own pid, which is the new session/group leader, then execs the real command.
  # shellcheck disable=SC2016 # $$ and $1 are meant for the inner bash
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' spawn "${pidf}" "$@" \
    >>"${logf}" 2>&1 </dev/null 9>&- &
  disown 2>/dev/null || true
  wait_for 10 "${svc} pid file" test -s "${pidf}" || die "${svc} did not record its pid"
}

# stale_pid_cleanup SVC MARKER : a pid file whose process is gone (or is now some unrelated
# program) -> kill leftover members of its process group that are ours (e.g. the java child of
# a killed wrapper script) and remove the pid file.
stale_pid_cleanup() {
  local svc="$1" marker="$2" pid
  pid="$(read_pid "${svc}")"
  [[ -n "${pid}" ]] || return 0
  if ! pid_matches "${pid}" "${marker}"; then
    log "${svc}: process ${pid} from the pid file is gone; cleaning up (data kept)"
    if group_matches "${pid}" "${marker}"; then
      kill_group "${pid}" 20
    fi
    rm -f "$(pid_file "${svc}")"
  fi
}

# stop_group_service SVC MARKER : stop the process group recorded for SVC, if it is ours.
stop_group_service() {
  local svc="$1" marker="$2" pid
  pid="$(read_pid "${svc}")"
  if [[ -n "${pid}" ]] && group_matches "${pid}" "${marker}"; then
    log "${svc}: stopping process group ${pid}"
    kill_group "${pid}" "${3:-30}"
  fi
  rm -f "$(pid_file "${svc}")"
}

# require_port_free PORT SVC : fail clearly if somebody else already listens on PORT.
require_port_free() {
  port_open "$1" || return 0
  local holder="" pid
  if command -v ss >/dev/null 2>&1; then
    pid="$(ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true)"
    if [[ -n "${pid}" ]]; then
      holder="pid ${pid}: $(tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null | cut -c1-200)"
    fi
  fi
  warn "$2: ${LOOPBACK}:$1 is held by a process not recorded in ${PID_DIR}${holder:+ (${holder})}"
  die "$2: port $1 busy. If another checkout started it, run its 'infra/local/services.sh down';" \
    "or choose another port (RUNLEDGER_*_PORT)."
}

# status_line SVC STATE PORT [DETAIL]
status_line() {
  printf '%-9s %-8s %s:%s%s\n' "$1" "$2" "${LOOPBACK}" "$3" "${4:+  ($4)}"
}
