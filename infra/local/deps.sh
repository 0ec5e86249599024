#!/usr/bin/env bash
# Installs the build tools the project needs when they are missing (Debian): Maven, Node.js/npm, curl, unzip, and
# chromium for the browser tests (Playwright drives Debian's chromium; it never downloads browsers).
# The Temurin 25 JDK is part of the machine image; we say so clearly when it is not there.
set -euo pipefail
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

if [[ ! -x "${JAVA_HOME}/bin/java" ]]; then
  echo "No JDK at ${JAVA_HOME}. Runledger builds and runs with Temurin 25; install it there or set JAVA_HOME." >&2
  exit 1
fi

missing=()
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
if ((${#missing[@]} > 0)); then
  echo "[deps] installing: ${missing[*]}" >&2
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  ${SUDO} apt-get update -qq
  DEBIAN_FRONTEND=noninteractive ${SUDO} apt-get install -y -qq "${missing[@]}" >/dev/null
fi
