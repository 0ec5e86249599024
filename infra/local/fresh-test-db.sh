#!/usr/bin/env bash
# Creates (or re-creates, empty) a test database of the given name, set up like runledger_test. Lets a second
# checkout run its tests side by side with the first: `infra/local/fresh-test-db.sh runledger_test_b` and then
# `RUNLEDGER_TEST_DB=runledger_test_b mvn ...`. PostgreSQL must be up (infra/local/services.sh up postgres).
set -euo pipefail
db="${1:?usage: fresh-test-db.sh <database name>}"
[[ "${db}" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "not a plain database name: ${db}" >&2; exit 2; }
psql_super() { (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "${RUNLEDGER_PG_PORT:-5432}" "$@"); }
psql_super -d postgres -c "DROP DATABASE IF EXISTS ${db} WITH (FORCE)" -c "CREATE DATABASE ${db} OWNER runledger_owner" \
  -c "GRANT CONNECT, TEMPORARY ON DATABASE ${db} TO runledger_app"
psql_super -d "${db}" -c "ALTER SCHEMA public OWNER TO runledger_owner" \
  -c "GRANT USAGE, CREATE ON SCHEMA public TO runledger_owner" -c "GRANT USAGE ON SCHEMA public TO runledger_app"
echo "fresh test database ${db}"
