#!/usr/bin/env bash
# Runs the benchmark client against an already running app (make bench starts it first; see bench/README.md).
#
#   bench/run.sh [--quick] [--profile] [--only=native-ingest,series-read-1m]
#
# Environment: BENCH_APP_DIR   the checkout whose app runs (default: this one); its .runledger/dev.json gives the
#                              base URL and API keys, its .runledger/pids/app.pid the pid (else found by port),
#                              and its HEAD the commit recorded in the results
#              BENCH_CLIENT_HEAP  the client JVM's heap (default 4g, QUICK 2g)
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "${BENCH}/.." && pwd)"
APP_DIR="${BENCH_APP_DIR:-${ROOT}}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
DEV_FILE="${APP_DIR}/.runledger/dev.json"
PID_FILE="${APP_DIR}/.runledger/pids/app.pid"

log() { printf '[bench] %s\n' "$*" >&2; }

quick=false
for a in "$@"; do [[ "${a}" == --quick ]] && quick=true; done

if [[ ! -f "${DEV_FILE}" ]]; then
  echo "No ${DEV_FILE}: start the platform first (make up), or run make bench." >&2
  exit 1
fi
base_url="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["baseUrl"])' "${DEV_FILE}")"
port="${base_url##*:}"
port="${port%%/*}"
if ! curl -sf -o /dev/null --max-time 5 "${base_url}/actuator/health/readiness"; then
  echo "The app at ${base_url} is not ready; start it with make up." >&2
  exit 1
fi

viewer="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["orgs"][0]["apiKeys"]["viewer"])' "${DEV_FILE}")"
if curl -s -D - -o /dev/null --max-time 5 -H "Authorization: Bearer ${viewer}" "${base_url}/api/v1/projects" \
    | grep -qi '^ratelimit-limit'; then
  log "WARNING: the running app enforces rate limits (it was started by make up, not make bench); throttled"
  log "requests are retried and counted, and the figures measure the limiter: infra/local/app.sh stop, then make bench"
fi

app_pid=0
if [[ -f "${PID_FILE}" ]] && [[ -r "/proc/$(cat "${PID_FILE}")/status" ]]; then
  app_pid="$(cat "${PID_FILE}")"
else
  app_pid="$(ss -ltnpH "sport = :${port}" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)"
  app_pid="${app_pid:-0}"
fi
if [[ "${app_pid}" == 0 ]]; then
  log "could not find the app's pid: peak RSS and the JFR profile will be missing"
fi

commit="$(git -C "${APP_DIR}" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "${APP_DIR}" status --porcelain --untracked-files=no -- . ':!bench' 2>/dev/null)" ]]; then
  commit="${commit}-dirty"
fi

JAR="${BENCH}/target/runledger-bench.jar"
if [[ ! -f "${JAR}" ]] || [[ -n "$(find "${BENCH}/src" "${BENCH}/pom.xml" -newer "${JAR}" -print -quit)" ]]; then
  log "building the bench client (bench/pom.xml)"
  (cd "${BENCH}" && { mvn -q -B -o package 2>/dev/null || mvn -q -B package; })
fi

# metering-overhead compares two fresh instances of the same jar on the same database, started here side by side:
# one as configured (metering on), one with metering switched off by configuration (never at runtime). Both start
# cold, so neither has a head start in JIT compilation or heap sizing; both are stopped when the bench ends.
overhead_args=()
overhead_pids=()
wants_overhead=true
for a in "$@"; do
  if [[ "${a}" == --only=* && "${a}" != *metering-overhead* ]]; then wants_overhead=false; fi
done
APP_JAR="${APP_DIR}/api/target/runledger-api.jar"
start_instance() { # port, metering enabled
  mkdir -p "${APP_DIR}/.runledger/logs"
  setsid "${JAVA_HOME}/bin/java" -Xmx1g -XX:+ExitOnOutOfMemoryError -jar "${APP_JAR}" \
    --server.port="$1" --runledger.metering.enabled="$2" \
    --runledger.demo.enabled=false --runledger.rate-limits.enabled=false \
    >>"${APP_DIR}/.runledger/logs/app-bench-$1.log" 2>&1 </dev/null &
  overhead_pids+=($!)
}
wait_ready() { # port
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$1/actuator/health/readiness" && return 0
    sleep 1
  done
  return 1
}
if [[ "${wants_overhead}" == true && -f "${APP_JAR}" ]]; then
  metered_port="${BENCH_METERED_PORT:-18082}"
  unmetered_port="${BENCH_UNMETERED_PORT:-18081}"
  log "starting two fresh instances for metering-overhead: metered on ${metered_port}, unmetered on ${unmetered_port}"
  start_instance "${metered_port}" true
  start_instance "${unmetered_port}" false
  trap 'for p in "${overhead_pids[@]}"; do kill "${p}" 2>/dev/null; done; wait 2>/dev/null || true' EXIT
  if wait_ready "${metered_port}" && wait_ready "${unmetered_port}"; then
    overhead_args=(--metered-url="http://127.0.0.1:${metered_port}" --unmetered-url="http://127.0.0.1:${unmetered_port}")
  else
    log "the metering-overhead instances did not start: metering-overhead is skipped"
  fi
fi

heap="${BENCH_CLIENT_HEAP:-$([[ "${quick}" == true ]] && echo 2g || echo 4g)}"
"${JAVA_HOME}/bin/java" -Xmx"${heap}" -XX:+UseParallelGC -jar "${JAR}" \
  --dev-file="${DEV_FILE}" --app-pid="${app_pid}" --commit="${commit}" \
  --out="${BENCH}/results" --results-md="${BENCH}/RESULTS.md" --web-dir="${ROOT}/web-frontend" "${overhead_args[@]}" "$@"
