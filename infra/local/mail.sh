# shellcheck shell=bash
# Mail: a local SMTP sink (infra/local/mailsink.py, Python's standard library) on 127.0.0.1:${MAIL_PORT}
# (default 11025). Keycloak's realm sends its e-mails here (address verification on sign-up, organisation
# invitations); each message lands as a file (.eml) in ${DATA_DIR}/mail. Sourced by services.sh.

MAIL_MARKER="mailsink.py"
MAIL_DIR="${DATA_DIR}/mail"

mail_answers() { port_open "${MAIL_PORT}"; }

mail_running() {
  local pid
  pid="$(read_pid mail)"
  [[ -n "${pid}" ]] && pid_matches "${pid}" "${MAIL_MARKER}"
}

mail_up() {
  need_cmd python3 python3
  stale_pid_cleanup mail "${MAIL_MARKER}"
  if mail_running && mail_answers; then
    log "mail: already running on ${LOOPBACK}:${MAIL_PORT}"
    return 0
  fi
  require_port_free "${MAIL_PORT}" mail
  mkdir -p "${MAIL_DIR}"
  log "mail: starting the SMTP sink on ${LOOPBACK}:${MAIL_PORT} (messages in ${MAIL_DIR})"
  spawn_detached mail python3 "${LOCAL_DIR}/${MAIL_MARKER}" --host "${LOOPBACK}" --port "${MAIL_PORT}" --dir "${MAIL_DIR}"
  if ! wait_for 20 "mail sink on ${LOOPBACK}:${MAIL_PORT}" mail_answers; then
    tail_log "$(log_file mail)"
    mail_down
    die "mail: the SMTP sink did not listen on ${LOOPBACK}:${MAIL_PORT}"
  fi
  log "mail: ready on ${LOOPBACK}:${MAIL_PORT} (pid $(read_pid mail))"
}

mail_down() { stop_group_service mail "${MAIL_MARKER}" 10; }

mail_status() {
  if mail_running; then
    status_line mail running "${MAIL_PORT}" "pid $(read_pid mail), messages in ${MAIL_DIR}"
  else
    status_line mail stopped "${MAIL_PORT}"
  fi
}
