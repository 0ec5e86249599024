# shellcheck shell=bash
# Keycloak (Quarkus distribution from Maven Central) in dev mode on 127.0.0.1:${KC_PORT}
# (default 8180), management/health on ${KC_MGMT_PORT} (default 9180). Imports the realm in
# infra/local/keycloak/runledger-realm.json. Sourced by services.sh.
#
# The distribution is unpacked once into ${DIST_DIR}/keycloak-<version>; its data/ directory is
# a symlink to ${DATA_DIR}/keycloak (dev H2 database in h2/, realm file in import/).
# When the realm file in the repo changes, the dev database is wiped so that the new realm is
# imported (--import-realm never overwrites an existing realm).

KC_VERSION=26.4.5
KC_HOME="${DIST_DIR}/keycloak-${KC_VERSION}"
KC_DATA="${DATA_DIR}/keycloak"
KC_REALM_SRC="${LOCAL_DIR}/keycloak/runledger-realm.json"
KC_REALM=runledger
KC_REALM_HASH_FILE="${STATE_DIR}/keycloak-realm.sha256"
KC_ADMIN_USER="admin"
KC_ADMIN_PASSWORD="admin"

kc_ready() {
  curl -s -m 3 "http://${LOOPBACK}:${KC_MGMT_PORT}/health/ready" 2>/dev/null \
    | grep -Eq '"status"[[:space:]]*:[[:space:]]*"UP"'
}

kc_realm_ok() {
  [[ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' \
    "http://${LOOPBACK}:${KC_PORT}/realms/${KC_REALM}/.well-known/openid-configuration" 2>/dev/null)" == 200 ]]
}

kc_running() {
  local pid
  pid="$(read_pid keycloak)"
  [[ -n "${pid}" ]] && pid_matches "${pid}" "${KC_HOME}"
}

# Download (via Maven, so it lands in ~/.m2 too) and unpack the distribution, once.
kc_install() {
  [[ -f "${KC_HOME}/.complete" ]] && return 0
  need_cmd mvn maven
  need_cmd unzip unzip
  local artifact="org.keycloak:keycloak-quarkus-dist:${KC_VERSION}:zip"
  local dl="${DIST_DIR}/download"
  mkdir -p "${dl}"
  log "keycloak: fetching ${artifact} with Maven (about 160 MB the first time)"
  if ! (cd "${dl}" && mvn -q -B -Dstyle.color=never \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="${artifact}" -DoutputDirectory="${dl}") >>"$(log_file keycloak)" 2>&1; then
    tail_log "$(log_file keycloak)"
    die "keycloak: Maven could not fetch ${artifact}"
  fi
  local zip="${dl}/keycloak-quarkus-dist-${KC_VERSION}.zip"
  [[ -s "${zip}" ]] || die "keycloak: ${zip} missing after download"
  log "keycloak: unpacking into ${KC_HOME}"
  local tmp="${DIST_DIR}/.keycloak-unpack"
  rm -rf "${tmp}"
  mkdir -p "${tmp}"
  unzip -q "${zip}" -d "${tmp}" || die "keycloak: unzip failed"
  [[ -x "${tmp}/keycloak-${KC_VERSION}/bin/kc.sh" ]] || die "keycloak: bin/kc.sh missing in the zip"
  rm -rf "${tmp}/keycloak-${KC_VERSION}/data"
  ln -s "../../data/keycloak" "${tmp}/keycloak-${KC_VERSION}/data"
  touch "${tmp}/keycloak-${KC_VERSION}/.complete"
  rm -rf "${KC_HOME}"
  mv "${tmp}/keycloak-${KC_VERSION}" "${KC_HOME}"
  rm -rf "${tmp}" "${dl}"
}

# Copy the realm file into data/import; wipe the dev database when the realm file changed.
kc_prepare_realm() {
  [[ -s "${KC_REALM_SRC}" ]] || die "keycloak: realm file ${KC_REALM_SRC} missing"
  mkdir -p "${KC_DATA}/import"
  local want have=""
  want="$(sha256sum "${KC_REALM_SRC}" | cut -d' ' -f1)"
  [[ -s "${KC_REALM_HASH_FILE}" ]] && have="$(cat "${KC_REALM_HASH_FILE}")"
  if [[ "${want}" != "${have}" && -d "${KC_DATA}/h2" ]]; then
    log "keycloak: ${KC_REALM_SRC##*/} changed since the last import; wiping the dev database to re-import it"
    rm -rf "${KC_DATA}/h2"
  fi
  cp "${KC_REALM_SRC}" "${KC_DATA}/import/${KC_REALM}-realm.json"
  printf '%s\n' "${want}" >"${KC_REALM_HASH_FILE}"
}

keycloak_up() {
  need_cmd curl curl
  JAVA_HOME_RESOLVED="$(resolve_java_home)"
  kc_install
  stale_pid_cleanup keycloak "${KC_HOME}"
  local timeout="${RUNLEDGER_KC_TIMEOUT:-180}"
  if kc_running; then
    if kc_ready && kc_realm_ok; then
      log "keycloak: already running on ${LOOPBACK}:${KC_PORT}"
      return 0
    fi
    log "keycloak: pid $(read_pid keycloak) is up but not ready yet; waiting"
  else
    require_port_free "${KC_PORT}" keycloak
    require_port_free "${KC_MGMT_PORT}" keycloak
    kc_prepare_realm
    local expect="10-20 s"
    [[ -d "${KC_DATA}/h2" ]] || expect="up to ~1 min on a new database"
    log "keycloak: starting ${KC_VERSION} on ${LOOPBACK}:${KC_PORT} (management ${KC_MGMT_PORT}); takes ${expect}"
    spawn_detached keycloak env \
      JAVA_HOME="${JAVA_HOME_RESOLVED}" \
      KC_BOOTSTRAP_ADMIN_USERNAME="${KC_ADMIN_USER}" \
      KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_ADMIN_PASSWORD}" \
      JAVA_OPTS_APPEND="--add-opens=java.base/java.lang=ALL-UNNAMED" \
      "${KC_HOME}/bin/kc.sh" start-dev \
      --http-host="${LOOPBACK}" --http-port="${KC_PORT}" \
      --http-management-port="${KC_MGMT_PORT}" \
      --health-enabled=true --import-realm
  fi
  local started=${SECONDS} deadline=$((SECONDS + timeout))
  until kc_ready; do
    if ! kc_running; then
      tail_log "$(log_file keycloak)"
      die "keycloak: exited during startup"
    fi
    if ((SECONDS >= deadline)); then
      tail_log "$(log_file keycloak)"
      keycloak_down
      die "keycloak: not ready after ${timeout}s (http://${LOOPBACK}:${KC_MGMT_PORT}/health/ready); stopped it"
    fi
    sleep 1
  done
  if ! wait_for 30 "realm ${KC_REALM}" kc_realm_ok; then
    tail_log "$(log_file keycloak)"
    keycloak_down
    die "keycloak: realm '${KC_REALM}' was not imported (well-known endpoint does not answer 200); stopped it"
  fi
  log "keycloak: ready on http://${LOOPBACK}:${KC_PORT} after $((SECONDS - started))s (pid $(read_pid keycloak), realm ${KC_REALM})"
}

# kc.sh is a wrapper that runs java as a child: stop the whole process group.
keycloak_down() { stop_group_service keycloak "${KC_HOME}" 45; }

keycloak_status() {
  if kc_running; then
    if kc_ready; then
      status_line keycloak running "${KC_PORT}" "pid $(read_pid keycloak), management ${KC_MGMT_PORT}"
    else
      status_line keycloak starting "${KC_PORT}" "pid $(read_pid keycloak), not ready yet"
    fi
  else
    status_line keycloak stopped "${KC_PORT}"
  fi
}
