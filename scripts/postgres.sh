#!/usr/bin/env bash
# Usage: scripts/postgres.sh start DIR | stop DIR
# A throwaway PostgreSQL server for several coordinators on one machine (./start.sh --nodes N),
# made as tests/P2C2R.Testing/LocalPostgres.cs makes one: initdb in DIR/data (user p2c2r, trust
# authentication, no fsync: the data is thrown away), listening on 127.0.0.1 only, on the first
# free port from 55432, run as the postgres user when root (the server refuses root; DIR must then
# be reachable by that user, as a fresh `mktemp -d` is). The binaries are installed with
# scripts/debian-package.sh where they are missing.
# start prints the Npgsql connection string (also kept in DIR/connection); stop stops the server
# and deletes DIR.
set -euo pipefail
command="${1:-}"
dir="${2:-}"
if [[ ! "$command" =~ ^(start|stop)$ ]] || [ -z "$dir" ]; then
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
fi

# The newest PostgreSQL installed, as Debian lays it out.
binaries() { for bin in /usr/lib/postgresql/*/bin; do [ -x "$bin/initdb" ] && echo "$bin"; done | sort -V | tail -n 1; }
as_server() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "$command" = stop ]; then
  [ -f "$dir/connection" ] || { echo "postgres.sh: $dir holds no server started by this script" >&2; exit 1; }
  as_server "$(binaries)/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null || true
  rm -rf "$dir"
  exit 0
fi

[ -n "$(binaries)" ] || "$(dirname "$0")/debian-package.sh" postgresql 'compgen -G "/usr/lib/postgresql/*/bin/initdb"' >&2
bin="$(binaries)"
[ -n "$bin" ] || { echo "postgres.sh: PostgreSQL is not installed and could not be" >&2; exit 1; }

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
cd "$dir"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
as_server test -w "$dir" || { echo "postgres.sh: the postgres user cannot write to $dir (or reach it)" >&2; exit 1; }

port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
as_server "$bin/initdb" -D "$dir/data" -U p2c2r -A trust --no-sync -E UTF8 > "$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

echo "Host=127.0.0.1;Port=$port;Username=p2c2r;Database=postgres;Pooling=true;Timeout=30;Command Timeout=60" | tee "$dir/connection"
