#!/usr/bin/env bash
# `make test`: starts the real local services (remembering which were already running), runs every Java and
# front-end test against them, then the browser tests against an app of their own (a fresh database, port 18080,
# state under .runledger/e2e; never the demo a developer runs on 8080), and stops what it started. A missing service fails the run; nothing is skipped.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "${ROOT}"
SERVICES=infra/local/services.sh

already_running=$(${SERVICES} status 2>/dev/null | awk '$2 == "running" {print $1}' | tr '\n' ' ')
E2E_PORT="${RUNLEDGER_E2E_PORT:-18080}"
E2E_HOME="${ROOT}/.runledger/e2e"
e2e_app() { RUNLEDGER_HOME="${E2E_HOME}" RUNLEDGER_PORT="${E2E_PORT}" RUNLEDGER_DB=runledger_e2e infra/local/app.sh "$@"; }
stop_started() {
  local status=$?
  e2e_app stop >/dev/null 2>&1 || true
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

echo "== Browser tests (Playwright driving Debian's chromium against the app, real Keycloak sign-in)"
# Their own app on a database seeded from empty: the tests change data (bulk tags, deletes, renames), and they must
# neither depend on nor disturb what an earlier make run left in the dev database (whose artifact files live in the
# object store of the checkout that seeded it).
e2e_app stop >/dev/null 2>&1 || true
infra/local/fresh-test-db.sh runledger_e2e >/dev/null
rm -f "${E2E_HOME}/dev.json"
e2e_app start
# Keycloak's e-mails (sign-up verification) land in the services' mail sink; asked here, from the checkout's root.
mail_dir="$(eval "$(${SERVICES} env)"; echo "${RUNLEDGER_MAIL_DIR}")"
(cd web-frontend && RUNLEDGER_URL="http://127.0.0.1:${E2E_PORT}" RUNLEDGER_HOME="${E2E_HOME}" \
  RUNLEDGER_MAIL_DIR="${mail_dir}" npm run --silent test:browser)
echo "Screenshots of every view (light and dark, 1440x900 and 1280x720): web-frontend/test-results/screenshots/"
