# shellcheck shell=bash
# S3-compatible object store: S3Proxy (org.gaul:s3proxy, from Maven Central) backed by the
# filesystem under ${DATA_DIR}/s3, on 127.0.0.1:${S3_PORT} (default 19000). Sourced by
# services.sh. Creates no bucket: the application creates its own.

S3PROXY_VERSION=4.1.0
S3PROXY_HOME="${DIST_DIR}/s3proxy-${S3PROXY_VERSION}"
S3PROXY_CONF="${CONF_DIR}/s3proxy.properties"
S3PROXY_LOGBACK="${CONF_DIR}/s3proxy-logback.xml"
S3PROXY_MAIN=org.gaul.s3proxy.Main
S3_IDENTITY=runledger
S3_CREDENTIAL=runledger-dev-secret

s3_answers() { http_answers "http://${LOOPBACK}:${S3_PORT}/"; }

s3_running() {
  local pid
  pid="$(read_pid s3)"
  [[ -n "${pid}" ]] && pid_matches "${pid}" "${S3PROXY_MAIN}"
}

# Resolve S3Proxy and its runtime dependencies into ${S3PROXY_HOME}/lib, once (again only
# when infra/local/s3proxy/pom.xml changes: .complete holds the pom's hash).
s3_install() {
  local pom_hash
  pom_hash="$(sha256sum "${LOCAL_DIR}/s3proxy/pom.xml" | cut -d' ' -f1)"
  if [[ -f "${S3PROXY_HOME}/.complete" && "$(cat "${S3PROXY_HOME}/.complete")" == "${pom_hash}" ]]; then
    return 0
  fi
  need_cmd mvn maven
  log "s3: resolving org.gaul:s3proxy:${S3PROXY_VERSION} and dependencies with Maven"
  local tmp="${S3PROXY_HOME}.tmp"
  rm -rf "${tmp}"
  mkdir -p "${tmp}/lib"
  if ! (cd "${LOCAL_DIR}/s3proxy" && mvn -q -B -Dstyle.color=never \
    -f "${LOCAL_DIR}/s3proxy/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="${tmp}/lib") >>"$(log_file s3)" 2>&1; then
    tail_log "$(log_file s3)"
    die "s3: Maven could not resolve S3Proxy"
  fi
  compgen -G "${tmp}/lib/s3proxy-${S3PROXY_VERSION}.jar" >/dev/null || die "s3: s3proxy jar missing after resolve"
  printf '%s\n' "${pom_hash}" >"${tmp}/.complete"
  rm -rf "${S3PROXY_HOME}"
  mv "${tmp}" "${S3PROXY_HOME}"
}

s3_write_config() {
  mkdir -p "${DATA_DIR}/s3"
  cat >"${S3PROXY_CONF}" <<EOF
# Written by infra/local/s3proxy.sh on every start; edit the script, not this file.
# Development credentials only.
s3proxy.endpoint=http://${LOOPBACK}:${S3_PORT}
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=${S3_IDENTITY}
s3proxy.credential=${S3_CREDENTIAL}
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=${DATA_DIR}/s3
EOF
  cat >"${S3PROXY_LOGBACK}" <<'EOF'
<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder>
      <pattern>%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n</pattern>
    </encoder>
  </appender>
  <logger name="org.gaul.s3proxy" level="INFO"/>
  <logger name="org.jclouds" level="WARN"/>
  <logger name="org.eclipse.jetty" level="WARN"/>
  <logger name="org.gaul.shaded" level="WARN"/>
  <root level="WARN">
    <appender-ref ref="STDOUT"/>
  </root>
</configuration>
EOF
}

s3_up() {
  need_cmd curl curl
  JAVA_HOME_RESOLVED="$(resolve_java_home)"
  s3_install
  stale_pid_cleanup s3 "${S3PROXY_MAIN}"
  if s3_running; then
    if wait_for 20 "s3proxy on ${LOOPBACK}:${S3_PORT}" s3_answers; then
      log "s3: already running on ${LOOPBACK}:${S3_PORT}"
      return 0
    fi
    tail_log "$(log_file s3)"
    die "s3: pid $(read_pid s3) is alive but http://${LOOPBACK}:${S3_PORT}/ does not answer"
  fi
  require_port_free "${S3_PORT}" s3
  s3_write_config
  log "s3: starting S3Proxy ${S3PROXY_VERSION} on ${LOOPBACK}:${S3_PORT}"
  spawn_detached s3 "${JAVA_HOME_RESOLVED}/bin/java" -Xms32m -Xmx256m \
    -Dlogback.configurationFile="${S3PROXY_LOGBACK}" \
    -cp "${S3PROXY_HOME}/lib/*" "${S3PROXY_MAIN}" --properties "${S3PROXY_CONF}"
  local deadline=$((SECONDS + ${RUNLEDGER_S3_TIMEOUT:-60}))
  until s3_answers; do
    if ! s3_running; then
      tail_log "$(log_file s3)"
      die "s3: S3Proxy exited during startup"
    fi
    if ((SECONDS >= deadline)); then
      tail_log "$(log_file s3)"
      s3_down
      die "s3: S3Proxy did not answer on ${LOOPBACK}:${S3_PORT} in time; stopped it"
    fi
    sleep 0.5
  done
  log "s3: ready on http://${LOOPBACK}:${S3_PORT} (pid $(read_pid s3))"
}

s3_down() { stop_group_service s3 "${S3PROXY_MAIN}" 20; }

s3_status() {
  if s3_running; then
    status_line s3 running "${S3_PORT}" "pid $(read_pid s3)"
  else
    status_line s3 stopped "${S3_PORT}"
  fi
}
