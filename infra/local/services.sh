#!/usr/bin/env bash
# Runledger local services on loopback, without Docker.
#
#   services.sh up     [all|postgres|redis|s3|mail|keycloak ...]   install if missing, start, wait for health
#   services.sh down   [all|postgres|redis|s3|mail|keycloak ...]   stop what these scripts started
#   services.sh status [all|postgres|redis|s3|mail|keycloak ...]   one line per service
#   services.sh env                                                print connection settings (shell syntax)
#
# "all" (the default) = postgres redis s3 mail keycloak; RUNLEDGER_SKIP_KEYCLOAK=1 leaves keycloak out
# of "all" for `up` (`down all` and `status` always include it, so nothing is left behind).
# State lives in $RUNLEDGER_HOME (default <repo>/.runledger). See infra/local/README.md.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=SCRIPTDIR/postgres.sh
source "${LOCAL_DIR}/postgres.sh"
# shellcheck source=SCRIPTDIR/redis.sh
source "${LOCAL_DIR}/redis.sh"
# shellcheck source=SCRIPTDIR/s3proxy.sh
source "${LOCAL_DIR}/s3proxy.sh"
# shellcheck source=SCRIPTDIR/mail.sh
source "${LOCAL_DIR}/mail.sh"
# shellcheck source=SCRIPTDIR/keycloak.sh
source "${LOCAL_DIR}/keycloak.sh"

ALL_SERVICES=(postgres redis s3 mail keycloak)

usage() {
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# select_services CMD ARGS... : print the chosen services, one a line, in start order.
select_services() {
  local cmd="$1"
  shift
  local -a wanted=("$@")
  [[ ${#wanted[@]} -gt 0 ]] || wanted=(all)
  local -A pick=()
  local w s
  for w in "${wanted[@]}"; do
    case "${w}" in
      all)
        for s in "${ALL_SERVICES[@]}"; do
          if [[ "${s}" == keycloak && "${cmd}" == up && "${RUNLEDGER_SKIP_KEYCLOAK:-0}" == 1 ]]; then
            continue
          fi
          pick[${s}]=1
        done
        ;;
      postgres | pg | postgresql) pick[postgres]=1 ;;
      redis) pick[redis]=1 ;;
      s3 | s3proxy) pick[s3]=1 ;;
      mail | smtp) pick[mail]=1 ;;
      keycloak | kc) pick[keycloak]=1 ;;
      *) die "unknown service '${w}' (expected: all postgres redis s3 mail keycloak)" ;;
    esac
  done
  for s in "${ALL_SERVICES[@]}"; do
    if [[ -n "${pick[${s}]:-}" ]]; then printf '%s\n' "${s}"; fi
  done
}

print_env() {
  cat <<EOF
# Runledger local services (development credentials only)
export RUNLEDGER_PG_HOST=${LOOPBACK}
export RUNLEDGER_PG_PORT=${PG_PORT}
export RUNLEDGER_PG_DB=runledger
export RUNLEDGER_PG_TEST_DB=runledger_test
export RUNLEDGER_PG_OWNER_USER=runledger_owner
export RUNLEDGER_PG_OWNER_PASSWORD=runledger_owner
export RUNLEDGER_PG_APP_USER=runledger_app
export RUNLEDGER_PG_APP_PASSWORD=runledger_app
export RUNLEDGER_REDIS_URL=redis://${LOOPBACK}:${REDIS_PORT}
export RUNLEDGER_S3_ENDPOINT=http://${LOOPBACK}:${S3_PORT}
export RUNLEDGER_S3_ACCESS_KEY=${S3_IDENTITY}
export RUNLEDGER_S3_SECRET_KEY=${S3_CREDENTIAL}
export RUNLEDGER_MAIL_SMTP=${LOOPBACK}:${MAIL_PORT}
export RUNLEDGER_MAIL_DIR=${MAIL_DIR}
export RUNLEDGER_KC_URL=http://${LOOPBACK}:${KC_PORT}
export RUNLEDGER_KC_ISSUER=http://${LOOPBACK}:${KC_PORT}/realms/${KC_REALM}
export RUNLEDGER_KC_ADMIN_USER=${KC_ADMIN_USER}
export RUNLEDGER_KC_ADMIN_PASSWORD=${KC_ADMIN_PASSWORD}
EOF
}

# One `up`/`down` at a time per state directory (fd 9; closed for every daemon we start).
take_lock() {
  exec 9>"${RUNLEDGER_HOME}/services.lock"
  if ! flock -w 900 9; then
    die "another services.sh is still running on ${RUNLEDGER_HOME} (waited 900s)"
  fi
}

# pick_services CMD ARGS... : fill the global array SVCS (exits on an unknown name).
pick_services() {
  local list
  list="$(select_services "$@")" || exit 2
  mapfile -t SVCS < <(printf '%s\n' "${list}" | grep -v '^$' || true)
}

main() {
  local cmd="${1:-help}"
  [[ $# -gt 0 ]] && shift
  local s
  SVCS=()
  case "${cmd}" in
    up)
      pick_services up "$@"
      take_lock
      local t0=${SECONDS}
      for s in "${SVCS[@]}"; do
        "${s}_up"
      done
      log "up done in $((SECONDS - t0))s: ${SVCS[*]:-nothing}"
      ;;
    down)
      pick_services down "$@"
      take_lock
      local i
      for ((i = ${#SVCS[@]} - 1; i >= 0; i--)); do
        "${SVCS[i]}_down"
      done
      ;;
    status)
      pick_services status "$@"
      for s in "${SVCS[@]}"; do
        "${s}_status"
      done
      ;;
    env) print_env ;;
    help | -h | --help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
