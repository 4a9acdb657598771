#!/usr/bin/env bash
# Installs the PostgreSQL server binaries (Debian package) when they are missing, so the
# PostgreSQL journal tests and benchmarks can start their own throwaway server on a loopback
# port. The tests never need a running system service. Exits 0 either way: without PostgreSQL
# those tests are skipped with the reason.
set -uo pipefail

have_postgres() { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }

if have_postgres; then
  echo "postgres.sh: PostgreSQL binaries found: $(compgen -G '/usr/lib/postgresql/*/bin' | tr '\n' ' ')"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "postgres.sh: no apt-get here; PostgreSQL tests will be skipped"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
  else
    echo "postgres.sh: not root and no sudo; PostgreSQL tests will be skipped"
    exit 0
  fi
fi

echo "postgres.sh: installing the postgresql package"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q --no-install-recommends postgresql >/dev/null 2>&1 \
  || { $sudo apt-get update -q >/dev/null 2>&1 && $sudo apt-get install -y -q --no-install-recommends postgresql >/dev/null 2>&1; }

if have_postgres; then
  echo "postgres.sh: installed"
else
  echo "postgres.sh: installation failed; PostgreSQL tests will be skipped"
fi
exit 0
