#!/usr/bin/env bash
# Playwright drives Debian's Chromium (no browser download is possible here). Install it when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "[test] Debian's chromium is missing: installing it with apt-get (about 30 s)…"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "[test] Cannot install chromium without root. Run: sudo apt-get install -y chromium" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
test -x /usr/bin/chromium
