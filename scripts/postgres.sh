#!/bin/sh
# Start a throwaway PostgreSQL server on 127.0.0.1 for the tests (installing it
# with apt-get when the machine has none) and print its URL. Idempotent: a
# server already answering on the port is reused.
set -e
PORT=${NEWSGRAPH_PG_PORT:-55432}
DIR=${NEWSGRAPH_PG_DIR:-/tmp/newsgraph-pg-$PORT}
URL="postgresql://newsgraph@127.0.0.1:$PORT/postgres"

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pgbin)" ]; then
    echo "installing PostgreSQL with apt-get ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
fi
BIN=$(pgbin)
if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then echo "$URL"; exit 0; fi

# PostgreSQL refuses to run as root: run it as the postgres user then.
if [ "$(id -u)" = 0 ]; then AS="runuser -u postgres --"; else AS=""; fi
rm -rf "$DIR" && mkdir -p "$DIR"
[ -n "$AS" ] && chown postgres "$DIR"
$AS "$BIN/initdb" -D "$DIR/data" -U newsgraph -A trust >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
# shared_buffers: PostgreSQL's default 128 MB cannot hold the events of 100,000 articles (235 MB), so an actor's
# timeline read 146 MB of them from the OS for each request (287 ms; 87 ms from the server's own cache): 1 GB,
# as a server of a team's store would be given (only the pages used take memory)
$AS "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=1GB" start >&2 \
    || { cat "$DIR/server.log" >&2; exit 1; }
echo "$URL"
