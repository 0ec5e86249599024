# shellcheck shell=bash
# Redis: our own instance on 127.0.0.1:${REDIS_PORT} (default 16379), separate from any
# machine-wide Redis on 6379. Data (AOF) in ${DATA_DIR}/redis. Sourced by services.sh.

REDIS_MARKER=":${REDIS_PORT}"

redis_ping() { [[ "$(redis-cli -h "${LOOPBACK}" -p "${REDIS_PORT}" ping 2>/dev/null)" == "PONG" ]]; }

redis_running() {
  local pid
  pid="$(read_pid redis)"
  [[ -n "${pid}" ]] && pid_matches "${pid}" "${REDIS_MARKER}"
}

redis_up() {
  need_cmd redis-server redis-server
  need_cmd redis-cli redis-tools
  stale_pid_cleanup redis "${REDIS_MARKER}"
  if redis_running && redis_ping; then
    log "redis: already running on ${LOOPBACK}:${REDIS_PORT}"
    return 0
  fi
  if redis_running; then
    # Alive but not answering (still loading the AOF?): give it a moment.
    wait_for 30 "redis ping" redis_ping && return 0
    tail_log "$(log_file redis)"
    die "redis: pid $(read_pid redis) is alive but does not answer PING"
  fi
  rm -f "$(pid_file redis)"
  require_port_free "${REDIS_PORT}" redis
  mkdir -p "${DATA_DIR}/redis"
  log "redis: starting on ${LOOPBACK}:${REDIS_PORT}"
  local logf startlog
  logf="$(log_file redis)"
  startlog="$(log_file redis-launch)"
  printf '\n===== %s starting redis =====\n' "$(date -Is)" >>"${logf}"
  # Redis writes to --logfile itself once daemonized; the launcher's own output (argument
  # errors) goes to a separate file.
  redis-server --bind "${LOOPBACK}" --port "${REDIS_PORT}" --protected-mode yes \
    --daemonize yes --pidfile "$(pid_file redis)" --logfile "${logf}" \
    --dir "${DATA_DIR}/redis" --appendonly yes --save "" >"${startlog}" 2>&1 </dev/null 9>&- || {
    tail_log "${startlog}"
    die "redis: redis-server failed to start"
  }
  if ! wait_for 30 "redis on ${LOOPBACK}:${REDIS_PORT}" redis_ping; then
    tail_log "$(log_file redis)"
    die "redis: not answering PING"
  fi
  wait_for 5 "redis pid file" test -s "$(pid_file redis)" || die "redis: no pid file"
  log "redis: ready on ${LOOPBACK}:${REDIS_PORT} (pid $(read_pid redis))"
}

redis_down() {
  local pid
  pid="$(read_pid redis)"
  if [[ -n "${pid}" ]] && pid_matches "${pid}" "${REDIS_MARKER}"; then
    log "redis: stopping pid ${pid}"
    # SIGTERM = graceful SHUTDOWN (AOF is flushed; no RDB because save is off).
    kill_pid "${pid}" 20
  fi
  rm -f "$(pid_file redis)"
}

redis_status() {
  if redis_running; then
    if redis_ping; then
      status_line redis running "${REDIS_PORT}" "pid $(read_pid redis)"
    else
      status_line redis starting "${REDIS_PORT}" "pid $(read_pid redis), no PONG yet"
    fi
  else
    status_line redis stopped "${REDIS_PORT}"
  fi
}
