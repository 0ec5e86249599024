#!/usr/bin/env bash
# The fault suite: api's tests under io.runledger.api.faults (classes named *Faults, which the ordinary surefire run
# never picks up) stop and restart PostgreSQL, Redis and S3Proxy while writers are mid-stream. They must never touch
# the shared services on the default ports, so this script starts private instances of all three on free ports in
# a temporary state directory, runs just those tests against them, and removes everything again.
#
#   infra/local/fault-test.sh                       run the suite (private services up, tests, everything removed)
#   infra/local/fault-test.sh ctl ACTION SERVICE    what the tests call: ACTION stop|kill|start, SERVICE postgres|redis|s3
#
# ctl only works inside a run (it reads RUNLEDGER_FAULT_HOME and the ports from the environment this script exported).
# Redis and S3Proxy are started and stopped by the same functions as the shared ones (redis.sh, s3proxy.sh), pointed
# at the private state directory and ports; PostgreSQL is a cluster of its own (initdb + pg_ctl as user postgres),
# with the roles and grants of postgres.sh, so row-level security applies exactly as in production.
set -euo pipefail

LOCAL_DIR_="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# free_port TAKEN... : a TCP port on 127.0.0.1 that nothing listens on and that is not among TAKEN (bash only, like
# lib.sh; lib.sh itself is sourced only once the ports are known, because it reads them when sourced).
free_port() {
  local port attempt
  for attempt in $(seq 1 100); do
    port=$((20000 + RANDOM % 30000))
    [[ " $* " == *" ${port} "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
      printf '%s\n' "${port}"
      return 0
    fi
  done
  echo "fault-test.sh: no free port found" >&2
  return 1
}

if [[ "${1:-}" != ctl ]]; then
  RUNLEDGER_FAULT_HOME="$(mktemp -d /tmp/runledger-faults.XXXXXX)"
  # User postgres must reach its data directory below this one.
  chmod 755 "${RUNLEDGER_FAULT_HOME}"
  RUNLEDGER_PG_PORT="$(free_port)"
  RUNLEDGER_REDIS_PORT="$(free_port "${RUNLEDGER_PG_PORT}")"
  RUNLEDGER_S3_PORT="$(free_port "${RUNLEDGER_PG_PORT}" "${RUNLEDGER_REDIS_PORT}")"
  export RUNLEDGER_FAULT_HOME RUNLEDGER_PG_PORT RUNLEDGER_REDIS_PORT RUNLEDGER_S3_PORT
  export RUNLEDGER_FAULT_SCRIPT="${LOCAL_DIR_}/fault-test.sh"
fi
[[ -n "${RUNLEDGER_FAULT_HOME:-}" && -d "${RUNLEDGER_FAULT_HOME}" ]] \
  || { echo "fault-test.sh ctl: no RUNLEDGER_FAULT_HOME; only the fault suite started by fault-test.sh may call it" >&2; exit 2; }
export RUNLEDGER_HOME="${RUNLEDGER_FAULT_HOME}"

# shellcheck source=SCRIPTDIR/lib.sh
source "${LOCAL_DIR_}/lib.sh"
# shellcheck source=SCRIPTDIR/postgres.sh
source "${LOCAL_DIR}/postgres.sh"
# shellcheck source=SCRIPTDIR/redis.sh
source "${LOCAL_DIR}/redis.sh"
# shellcheck source=SCRIPTDIR/s3proxy.sh
source "${LOCAL_DIR}/s3proxy.sh"

# S3Proxy's jars are shared with the checkout's own services (resolved once by s3_install); only data, config, pid
# and log live in the private state directory.
S3PROXY_HOME="${REPO_ROOT}/.runledger/dist/s3proxy-${S3PROXY_VERSION}"

PG_VERSION="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
PG_BIN="/usr/lib/postgresql/${PG_VERSION}/bin"
PG_DATA="${DATA_DIR}/postgres"
PG_LOG="${DATA_DIR}/postgres.log"

pg_as_postgres() { (cd / && runuser -u postgres -- "$@"); }

fault_pg_init() {
  pg_ensure_installed
  [[ -x "${PG_BIN}/initdb" ]] || die "postgres: no initdb under ${PG_BIN}"
  chmod 755 "${DATA_DIR}"
  install -d -o postgres -g postgres -m 700 "${PG_DATA}"
  install -o postgres -g postgres -m 600 /dev/null "${PG_LOG}"
  pg_as_postgres "${PG_BIN}/initdb" -D "${PG_DATA}" --auth-local=peer --auth-host=scram-sha-256 -U postgres \
    >>"${PG_LOG}" 2>&1 || { tail_log "${PG_LOG}"; die "postgres: initdb failed"; }
}

# The socket goes where psql looks by default (/var/run/postgresql, named after the port, so it clashes with no
# other cluster): pg_provision and pg_check_logins from postgres.sh then work unchanged.
fault_pg_start() {
  pg_ready && return 0
  pg_as_postgres "${PG_BIN}/pg_ctl" -D "${PG_DATA}" -l "${PG_LOG}" -w -t 60 -o "-p ${PG_PORT} \
    -c listen_addresses=${LOOPBACK} -c unix_socket_directories=/var/run/postgresql -c shared_buffers=32MB \
    -c max_connections=60" start >/dev/null || { tail_log "${PG_LOG}"; die "postgres: pg_ctl start failed"; }
  wait_for 30 "postgres on ${LOOPBACK}:${PG_PORT}" pg_ready || die "postgres: not ready"
}

# fault_pg_stop MODE : fast = clean shutdown that cuts every session; immediate = like a crash (recovery on start).
fault_pg_stop() {
  [[ -f "${PG_DATA}/postmaster.pid" ]] || return 0
  pg_as_postgres "${PG_BIN}/pg_ctl" -D "${PG_DATA}" -w -t 60 -m "$1" stop >/dev/null
}

ctl() {
  local action="$1" service="$2"
  case "${service}:${action}" in
    postgres:stop) fault_pg_stop fast ;;
    postgres:kill) fault_pg_stop immediate ;;
    postgres:start) fault_pg_start ;;
    redis:stop) redis_down ;;
    redis:kill)
      local pid
      pid="$(read_pid redis)"
      [[ -n "${pid}" ]] && pid_matches "${pid}" "${REDIS_MARKER}" && kill -KILL "${pid}"
      wait_for 10 "redis to die" bash -c "! (exec 3<>/dev/tcp/${LOOPBACK}/${REDIS_PORT}) 2>/dev/null"
      ;;
    redis:start) redis_up ;;
    s3:stop | s3:kill) s3_down ;;
    s3:start) s3_up ;;
    *) die "fault-test.sh ctl: unknown action '${action}' for service '${service}'" ;;
  esac
}

if [[ "${1:-}" == ctl ]]; then
  [[ $# -eq 3 ]] || die "usage: fault-test.sh ctl stop|kill|start postgres|redis|s3"
  ctl "$2" "$3"
  exit 0
fi

cleanup() {
  local status=$?
  fault_pg_stop immediate >/dev/null 2>&1 || true
  redis_down >/dev/null 2>&1 || true
  s3_down >/dev/null 2>&1 || true
  if ((status != 0)); then
    tail_log "${PG_LOG}" 30
  fi
  rm -rf "${RUNLEDGER_FAULT_HOME}"
  exit "${status}"
}
trap cleanup EXIT

log "fault suite: private services in ${RUNLEDGER_FAULT_HOME}" \
  "(postgres ${PG_PORT}, redis ${REDIS_PORT}, s3 ${S3_PORT})"
fault_pg_init
fault_pg_start
pg_provision
pg_check_logins
redis_up
s3_up

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export RUNLEDGER_TEST_DB=runledger_test
cd "${REPO_ROOT}"
# -am builds the modules api depends on in the reactor (nothing is installed into ~/.m2); -Dtest selects only the
# fault classes there, which no module but api has.
mvn -B -ntp ${RUNLEDGER_FAULT_MVN_OPTS:-} -pl api -am test -Dtest="${RUNLEDGER_FAULT_TESTS:-io.runledger.api.faults.*Faults}" \
  -Dsurefire.failIfNoSpecifiedTests=false
