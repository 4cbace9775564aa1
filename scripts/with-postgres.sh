#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on loopback, then stops and deletes it.
#
#   scripts/with-postgres.sh CMD [ARGS…]
#
# The server lives in a fresh temporary folder, listens on a free 127.0.0.1 port only (no
# Unix socket outside that folder), trusts local connections, and is owned by the `postgres`
# user when run as root (initdb refuses root; CI runs as root). The command gets
#   LINDUNGI_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/postgres
# (an admin connection: tests create and drop their own databases through it) and its exit
# status is this script's. The server is stopped and its folder deleted however the command ends.
#
# Tests check behaviour, not what survives a power cut, so the server runs without fsync.
# LINDUNGI_PG_DURABLE=1 keeps PostgreSQL's own defaults (fsync, synchronous commit, full page
# writes), as a city's server runs: scripts/bench measures ingest that way.
set -euo pipefail

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "with-postgres: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  exit 1
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/lindungi-pg.XXXXXX")
chmod 755 "$DIR"
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$DIR"; fi

cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free port: ask the kernel for one, then let PostgreSQL bind it (a tiny race, retried).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

as_pg "$PG_BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; exit 1; }

NO_FSYNC="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
if [ "${LINDUNGI_PG_DURABLE:-}" = 1 ]; then NO_FSYNC=""; fi

started=
for _ in 1 2 3 4 5; do
  PORT=$(free_port)
  if as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
      -o "-h 127.0.0.1 -p $PORT -k $DIR $NO_FSYNC -c max_connections=300" \
      start >/dev/null 2>&1; then
    started=1
    break
  fi
done
if [ -z "$started" ]; then
  echo "with-postgres: the server did not start:" >&2
  cat "$DIR/server.log" >&2 || true
  exit 1
fi

export LINDUNGI_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT${NO_FSYNC:+ (no fsync)}" >&2
set +e
"$@"
status=$?
set -e
exit $status
