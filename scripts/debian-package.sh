#!/usr/bin/env bash
# Usage: scripts/debian-package.sh PACKAGE PROBE
# Installs a Debian package some tests need (PostgreSQL, tmux) when PROBE (a shell test, e.g.
# 'command -v tmux') fails. Exits 0 either way: without the package those tests are skipped
# with the reason, never failed.
set -uo pipefail
package="$1"
probe="$2"
say() { echo "debian-package.sh ($package): $*"; }

if eval "$probe" >/dev/null 2>&1; then
  say "present"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  say "no apt-get here; the tests that need it will be skipped"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
  else
    say "not root and no sudo; the tests that need it will be skipped"
    exit 0
  fi
fi

say "installing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q --no-install-recommends "$package" >/dev/null 2>&1 \
  || { $sudo apt-get update -q >/dev/null 2>&1 && $sudo apt-get install -y -q --no-install-recommends "$package" >/dev/null 2>&1; }

if eval "$probe" >/dev/null 2>&1; then
  say "installed"
else
  say "installation failed; the tests that need it will be skipped"
fi
exit 0
