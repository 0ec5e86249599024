#!/usr/bin/env bash
# `make test`: starts the real local services (remembering which were already running), runs every Java and
# front-end test against them, then stops what it started. A missing service fails the run; nothing is skipped.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "${ROOT}"
SERVICES=infra/local/services.sh

already_running=$(${SERVICES} status 2>/dev/null | awk '$2 == "running" {print $1}' | tr '\n' ' ')
stop_started() {
  local status=$?
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

echo "== Java tests (all modules, real PostgreSQL, Redis, S3Proxy, Keycloak)"
mvn -B -ntp install

echo "== Front-end tests"
(cd web-frontend && npm ci --no-audit --no-fund --loglevel=error && npm test)
