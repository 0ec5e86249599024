# shellcheck shell=bash
# PostgreSQL: uses the machine's Debian cluster (pg_lsclusters / pg_ctlcluster). Sourced by
# services.sh. Cluster data stays under /var/lib/postgresql (owned by user postgres), never in
# the repo, because the repo may sit in a root-only temp directory.
#
# We only ever stop a cluster that these scripts started; that fact is recorded in
# ${STATE_DIR}/postgres.started as "<version> <cluster name>".

PG_STARTED_FILE="${STATE_DIR}/postgres.started"
PG_DATABASES=(runledger runledger_test)

pg_ready() { pg_isready -q -h "${LOOPBACK}" -p "${PG_PORT}" >/dev/null 2>&1; }

pg_ensure_installed() {
  if ! command -v pg_lsclusters >/dev/null 2>&1 \
    || ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null \
    || ! command -v psql >/dev/null 2>&1; then
    apt_install postgresql postgresql-client
  fi
}

# Print "<version> <name> <status>" of the cluster configured for PG_PORT, if any.
pg_cluster_on_port() {
  pg_lsclusters -h 2>/dev/null | awk -v p="${PG_PORT}" '$3 == p { print $1, $2, $4; exit }'
}

# Run psql as the postgres superuser over the local socket. cd / first: the caller's cwd may
# be a directory user postgres cannot enter.
pg_super_psql() {
  (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "${PG_PORT}" "$@")
}

pg_start_cluster() {
  local info ver name status
  info="$(pg_cluster_on_port)"
  if [[ -z "${info}" ]]; then
    ver="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)"
    [[ -n "${ver}" ]] || die "postgres: no PostgreSQL server version under /usr/lib/postgresql"
    name=main
    if pg_lsclusters -h 2>/dev/null | awk -v v="${ver}" '$1 == v && $2 == "main" { f = 1 } END { exit !f }'; then
      name=runledger
    fi
    log "postgres: creating cluster ${ver}/${name} on port ${PG_PORT}"
    pg_createcluster "${ver}" "${name}" --port "${PG_PORT}" >>"$(log_file postgres)" 2>&1 \
      || { tail_log "$(log_file postgres)"; die "postgres: pg_createcluster failed"; }
  else
    read -r ver name status <<<"${info}"
    if [[ "${status}" == online* ]]; then
      # Online but not answering on 127.0.0.1: nothing we can safely fix.
      die "postgres: cluster ${ver}/${name} is online but pg_isready -h ${LOOPBACK} -p ${PG_PORT} fails" \
        "(check listen_addresses in /etc/postgresql/${ver}/${name}/postgresql.conf)"
    fi
  fi
  log "postgres: starting cluster ${ver}/${name}"
  pg_ctlcluster --skip-systemctl-redirect "${ver}" "${name}" start \
    >>"$(log_file postgres)" 2>&1 </dev/null 9>&- || {
    tail_log "$(log_file postgres)"
    tail_log "/var/log/postgresql/postgresql-${ver}-${name}.log"
    die "postgres: pg_ctlcluster ${ver} ${name} start failed"
  }
  printf '%s %s\n' "${ver}" "${name}" >"${PG_STARTED_FILE}"
  if ! wait_for 60 "postgres on ${LOOPBACK}:${PG_PORT}" pg_ready; then
    tail_log "/var/log/postgresql/postgresql-${ver}-${name}.log"
    die "postgres: not ready"
  fi
}

# Roles, databases and schema grants. Safe to run any number of times.
pg_provision() {
  pg_super_psql -d postgres >>"$(log_file postgres)" 2>&1 <<'SQL' || {
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'runledger_owner') THEN
    CREATE ROLE runledger_owner;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'runledger_app') THEN
    CREATE ROLE runledger_app;
  END IF;
END
$$;
ALTER ROLE runledger_owner WITH LOGIN PASSWORD 'runledger_owner'
  NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE runledger_app WITH LOGIN PASSWORD 'runledger_app'
  NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
SELECT format('CREATE DATABASE %I OWNER runledger_owner', d)
  FROM unnest(ARRAY['runledger', 'runledger_test']) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d)
\gexec
ALTER DATABASE runledger OWNER TO runledger_owner;
ALTER DATABASE runledger_test OWNER TO runledger_owner;
GRANT CONNECT, TEMPORARY ON DATABASE runledger TO runledger_app;
GRANT CONNECT, TEMPORARY ON DATABASE runledger_test TO runledger_app;
SQL
    tail_log "$(log_file postgres)" 20
    die "postgres: creating roles/databases failed"
  }
  local db
  for db in "${PG_DATABASES[@]}"; do
    pg_super_psql -d "${db}" >>"$(log_file postgres)" 2>&1 <<'SQL' || {
ALTER SCHEMA public OWNER TO runledger_owner;
GRANT USAGE, CREATE ON SCHEMA public TO runledger_owner;
GRANT USAGE ON SCHEMA public TO runledger_app;
SQL
      tail_log "$(log_file postgres)" 20
      die "postgres: schema grants in ${db} failed"
    }
  done
}

# Password login over TCP for both roles (what the app and Flyway will do).
pg_check_logins() {
  local role out
  for role in runledger_owner runledger_app; do
    if ! out="$(cd / && PGPASSWORD="${role}" PGCONNECT_TIMEOUT=5 psql -X -w -h "${LOOPBACK}" \
      -p "${PG_PORT}" -U "${role}" -d runledger -Atc 'select 1' 2>&1)" || [[ "${out}" != "1" ]]; then
      printf '%s\n' "${out}" >&2
      die "postgres: password login as ${role} over TCP ${LOOPBACK}:${PG_PORT} failed (check pg_hba.conf)"
    fi
  done
}

postgres_up() {
  pg_ensure_installed
  if ! pg_ready; then
    pg_start_cluster
  fi
  pg_provision
  pg_check_logins
  log "postgres: ready on ${LOOPBACK}:${PG_PORT} (databases: ${PG_DATABASES[*]})"
}

postgres_down() {
  if [[ ! -s "${PG_STARTED_FILE}" ]]; then
    if command -v pg_isready >/dev/null 2>&1 && pg_ready; then
      log "postgres: leaving the machine's cluster on port ${PG_PORT} running (not started by us)"
    fi
    return 0
  fi
  local ver name
  read -r ver name <"${PG_STARTED_FILE}"
  local status
  status="$(pg_lsclusters -h 2>/dev/null | awk -v v="${ver}" -v n="${name}" '$1 == v && $2 == n { print $4 }')"
  if [[ "${status}" == online* ]]; then
    log "postgres: stopping cluster ${ver}/${name} (started by these scripts)"
    pg_ctlcluster --skip-systemctl-redirect "${ver}" "${name}" stop -m fast >>"$(log_file postgres)" 2>&1 \
      || die "postgres: pg_ctlcluster ${ver} ${name} stop failed"
  fi
  rm -f "${PG_STARTED_FILE}"
}

postgres_status() {
  local who="machine's"
  [[ -s "${PG_STARTED_FILE}" ]] && who="started by us"
  if command -v pg_isready >/dev/null 2>&1 && pg_ready; then
    status_line postgres running "${PG_PORT}" "${who}"
  else
    status_line postgres stopped "${PG_PORT}"
  fi
}
