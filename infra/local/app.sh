#!/usr/bin/env bash
# The Runledger application process (the api module's Spring Boot jar), on loopback.
#
#   app.sh build    build the jar and the web UI (web-frontend/dist) if any of their sources changed since the last build
#   app.sh start    start in the background (seeding the demo) and wait until ready; no-op when the latest build is
#                   already up, a restart when an older one is
#   app.sh run      start, print the logins, and stay in the foreground until Ctrl-C (which stops the app)
#   app.sh stop     stop the app by pid, leaving nothing behind
#   app.sh status   running or stopped
#   app.sh info     print the URL and the demo logins
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNLEDGER_HOME="${RUNLEDGER_HOME:-${ROOT}/.runledger}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PORT="${RUNLEDGER_PORT:-8080}"
BASE_URL="http://127.0.0.1:${PORT}"
JAR="${ROOT}/api/target/runledger-api.jar"
# The app runs from a copy: Spring Boot loads classes from its jar lazily, so a build (make test, make bench) that
# rewrote the jar under a running app made its next new class fail to load (NoClassDefFoundError) and that request
# hang without an answer.
RUN_JAR="${RUNLEDGER_HOME}/run/runledger-api.jar"
WEB="${ROOT}/web-frontend"
WEB_DIST="${WEB}/dist"
PID_FILE="${RUNLEDGER_HOME}/pids/app.pid"
LOG_FILE="${RUNLEDGER_HOME}/logs/app.log"
DEV_FILE="${RUNLEDGER_HOME}/dev.json"
HEAP="${RUNLEDGER_HEAP:-1g}"

log() { printf '[app] %s\n' "$*" >&2; }

# A process killed with -9 lingers as a zombie until init reaps it; kill -0 would still call it alive.
alive() {
  local state
  [[ -r "/proc/$1/stat" ]] || return 1
  state="$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)"
  [[ -n "${state}" && "${state}" != Z ]]
}

pid_alive() {
  [[ -f "${PID_FILE}" ]] && alive "$(cat "${PID_FILE}")"
}

ready() {
  curl -sf -o /dev/null --max-time 2 "${BASE_URL}/actuator/health/readiness"
}

build() {
  if [[ -f "${JAR}" ]] && [[ -z "$(find "${ROOT}" -path "${ROOT}/web-frontend" -prune -o -path "${ROOT}/.runledger" -prune \
      -o -path "${ROOT}/bench" -prune -o -name target -prune \
      -o \( -name 'pom.xml' -o -path '*/src/main/*' \) -newer "${JAR}" -print -quit)" ]]; then
    return 0
  fi
  # package in the reactor, never install: ~/.m2 may be shared by several checkouts, and an installed half-done module
  # would be what the others build against.
  log "building (mvn package -DskipTests)"
  (cd "${ROOT}" && JAVA_HOME="${JAVA_HOME}" mvn -B -q -DskipTests -pl api -am package)
}

# The web UI the app serves from ${WEB_DIST} (see RUNLEDGER_WEB_DIST below), rebuilt like the jar: only when a source,
# the lockfile or a build setting is newer than the last bundle. npm ci runs only when the lockfile changed.
build_web() {
  if [[ -f "${WEB_DIST}/index.html" ]] && [[ -z "$(find "${WEB}/src" "${WEB}/openapi" "${WEB}/index.html" "${WEB}/package.json" \
      "${WEB}/package-lock.json" "${WEB}/vite.config.ts" "${WEB}/tsconfig.json" -newer "${WEB_DIST}/index.html" \
      -print -quit)" ]]; then
    return 0
  fi
  if [[ ! -f "${WEB}/node_modules/.package-lock.json" || "${WEB}/package-lock.json" -nt "${WEB}/node_modules/.package-lock.json" ]]; then
    log "installing the web UI's packages (npm ci)"
    (cd "${WEB}" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  log "building the web UI (npm run build)"
  (cd "${WEB}" && npm run --silent build)
}

start() {
  if pid_alive && ! cmp -s "${JAR}" "${RUN_JAR}"; then
    log "the running app is not the latest build; restarting it"
    stop
  fi
  if pid_alive; then
    if ready; then
      log "already running (pid $(cat "${PID_FILE}"))"
      return 0
    fi
  else
    mkdir -p "$(dirname "${PID_FILE}")" "$(dirname "${LOG_FILE}")"
    if ready; then
      echo "Something else already answers on ${BASE_URL}; stop it or set RUNLEDGER_PORT." >&2
      exit 1
    fi
    log "starting on ${BASE_URL} (log: ${LOG_FILE})"
    mkdir -p "$(dirname "${RUN_JAR}")"
    cp "${JAR}" "${RUN_JAR}.tmp" && mv "${RUN_JAR}.tmp" "${RUN_JAR}"
    # The whole heap committed and touched at start: a million-point chart read allocates ~35 MB of arrays, and
    # while the heap still grew (or shrank after a collection), page faults on fresh memory added 3-4 ms to its p50.
    RUNLEDGER_WEB_DIST="${WEB_DIST}" setsid "${JAVA_HOME}/bin/java" -Xms"${HEAP}" -Xmx"${HEAP}" -XX:+AlwaysPreTouch \
      -XX:+ExitOnOutOfMemoryError -jar "${RUN_JAR}" \
      --runledger.demo.enabled=true \
      --runledger.demo.dev-file="${DEV_FILE}" \
      --runledger.demo.base-url="${BASE_URL}" \
      >>"${LOG_FILE}" 2>&1 </dev/null &
    echo $! >"${PID_FILE}"
  fi
  local deadline=$((SECONDS + 180))
  until ready; do
    if ! pid_alive; then
      echo "The application exited while starting. Last lines of ${LOG_FILE}:" >&2
      tail -n 40 "${LOG_FILE}" >&2
      exit 1
    fi
    if ((SECONDS > deadline)); then
      echo "The application did not become ready within 180 s. Last lines of ${LOG_FILE}:" >&2
      tail -n 40 "${LOG_FILE}" >&2
      exit 1
    fi
    sleep 1
  done
  # The demo seed runs before readiness, so the dev file is current once we are ready.
  log "ready"
}

stop() {
  if ! pid_alive; then
    rm -f "${PID_FILE}"
    return 0
  fi
  local pid
  pid="$(cat "${PID_FILE}")"
  log "stopping (pid ${pid})"
  kill -TERM "${pid}" 2>/dev/null || true
  for _ in $(seq 1 60); do
    alive "${pid}" || break
    sleep 0.5
  done
  kill -KILL "${pid}" 2>/dev/null || true
  rm -f "${PID_FILE}"
}

status() {
  if pid_alive; then echo "app       running  ${BASE_URL} (pid $(cat "${PID_FILE}"))"; else echo "app       stopped"; fi
}

info() {
  cat <<TXT

Runledger is up: ${BASE_URL}
  Web UI:              ${BASE_URL}/  sign in with a login below; project "vision" holds the demo sweep (one run is live)
                       reports at ${BASE_URL}/reports/<report id>, share links at ${BASE_URL}/shared/<token>
  API docs (OpenAPI):  ${BASE_URL}/v3/api-docs   Swagger UI: ${BASE_URL}/swagger-ui.html
  Health:              ${BASE_URL}/actuator/health/readiness
  Demo logins:         ${DEV_FILE}
TXT
  if command -v python3 >/dev/null 2>&1 && [[ -f "${DEV_FILE}" ]]; then
    python3 - "${DEV_FILE}" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for org in doc["orgs"]:
    print(f"  {org['slug']} (project: {', '.join(org['projects'])})")
    for role, key in org["apiKeys"].items():
        print(f"    {role:<7} API key {key}")
    for user in org.get("users", []):
        if isinstance(user, dict):
            print(f"    {user['role'].lower():<7} SSO login {user['email']} / {user['password']}")
tour = doc.get("tour")
if tour:
    print()
    print("  Where to look (sign in as any acme login above):")
    print(f"    the seeded sweep     {tour['sweep']}")
    if tour.get("run"):
        print(f"    a run page           {tour['run']}   (lineage, artifacts, host/command/git)")
    print(f"    compare              {tour['compare']}")
    print(f"    the report           {tour['report']}")
    print(f"    its share link       {tour['shareLink']}   (no sign-in)")
print()
print("  Try:  curl -H \"Authorization: Bearer <viewer key>\" " + doc["baseUrl"] + "/api/v1/projects")
PY
  fi
}

run() {
  start
  info
  echo "Runledger runs in the foreground; Ctrl-C stops the app (make down also stops the services)."
  trap 'stop; exit 0' INT TERM
  local pid
  pid="$(cat "${PID_FILE}")"
  while pid_alive; do sleep 1; done
  echo "The application exited; see ${LOG_FILE}" >&2
  exit 1
}

case "${1:-}" in
  build) build && build_web ;;
  start) build && build_web && start ;;
  run) build && build_web && run ;;
  stop) stop ;;
  status) status ;;
  info) info ;;
  *) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
