#!/usr/bin/env bash
# `make test`: starts the real local services (remembering which were already running), runs every Java and
# front-end test against them, then the browser tests against the running app (started here unless it already ran),
# and stops what it started. A missing service fails the run; nothing is skipped.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "${ROOT}"
SERVICES=infra/local/services.sh

already_running=$(${SERVICES} status 2>/dev/null | awk '$2 == "running" {print $1}' | tr '\n' ' ')
app_started=false
stop_started() {
  local status=$?
  if [[ "${app_started}" == true ]]; then
    infra/local/app.sh stop >/dev/null 2>&1 || true
  fi
  local started=()
  for service in postgres redis s3 keycloak; do
    [[ " ${already_running} " == *" ${service} "* ]] || started+=("${service}")
  done
  if ((${#started[@]} > 0)); then
    ${SERVICES} down "${started[@]}" >/dev/null 2>&1 || true
  fi
  exit "${status}"
}
trap stop_started EXIT

${SERVICES} up

# Every run starts from an empty test database, so no state from an earlier run (or another checkout on this
# machine) can make tests pass or fail.
(cd / && runuser -u postgres -- psql -X -q -p "${RUNLEDGER_PG_PORT:-5432}" -d postgres \
  -c "DROP DATABASE IF EXISTS runledger_test WITH (FORCE)")
${SERVICES} up postgres

echo "== Java tests (all modules, real PostgreSQL, Redis, S3Proxy, Keycloak)"
mvn -B -ntp install

echo "== Fault suite (private PostgreSQL, Redis and S3Proxy stopped and restarted under writers; see fault-test.sh)"
infra/local/fault-test.sh

echo "== Front-end tests"
(cd web-frontend && npm ci --no-audit --no-fund --loglevel=error && npm test)

echo "== Browser tests (Playwright driving Debian's chromium against the running app, real Keycloak sign-in)"
if ! infra/local/app.sh status | grep -q running; then
  app_started=true
fi
infra/local/app.sh start
(cd web-frontend && npm run --silent test:browser)
echo "Screenshots of every view (light and dark, 1440x900 and 1280x720): web-frontend/test-results/screenshots/"
