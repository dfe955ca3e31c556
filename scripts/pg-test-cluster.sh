#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for the test suite.
#
#   scripts/pg-test-cluster.sh start   # prints: export GEDHUB_TEST_POSTGRES_URL=...
#   scripts/pg-test-cluster.sh stop    # stops the cluster and deletes its files
#   scripts/pg-test-cluster.sh status
#
#   eval "$(scripts/pg-test-cluster.sh start)"
#
# The cluster lives in a temporary directory, listens on 127.0.0.1 only
# (TCP port GEDHUB_PG_PORT, default 55432), trusts every local connection
# (user "postgres", no password) and runs with fsync=off: it is for tests
# only and loses its data on a crash. Nothing outside the temporary
# directory is touched, so it can run next to a system PostgreSQL.
#
# initdb refuses to run as root: when started as root the cluster runs as
# the "postgres" system user (created if missing). Otherwise it runs as the
# calling user.
#
# Environment:
#   GEDHUB_PG_PORT  TCP port (default 55432)
#   GEDHUB_PG_BIN   directory of initdb/pg_ctl (default /usr/lib/postgresql/15/bin)
#   GEDHUB_PG_DIR   cluster directory (default ${TMPDIR:-/tmp}/gedhub-pg-test-$PORT)
#
# Only the `export ...` line goes to stdout; progress goes to stderr.

set -euo pipefail

PORT="${GEDHUB_PG_PORT:-55432}"
PG_BIN="${GEDHUB_PG_BIN:-/usr/lib/postgresql/15/bin}"
BASE_DIR="${GEDHUB_PG_DIR:-${TMPDIR:-/tmp}/gedhub-pg-test-$PORT}"
DATA_DIR="$BASE_DIR/data"
LOG_FILE="$BASE_DIR/postgres.log"
URL="postgres://postgres@127.0.0.1:$PORT/postgres"

log() { printf 'pg-test-cluster: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
    echo "usage: $0 start|stop|status" >&2
    exit 2
}

# The OS user that owns and runs the cluster.
cluster_user() {
    if [[ $(id -u) -ne 0 ]]; then
        id -un
    else
        echo postgres
    fi
}

# Runs a command as the cluster user (directly when not root).
as_cluster_user() {
    if [[ $(id -u) -ne 0 ]]; then
        "$@"
    elif command -v runuser >/dev/null; then
        runuser -u postgres -- "$@"
    else
        # Quote every argument for `su -c`.
        su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
    fi
}

ensure_postgres_user() {
    [[ $(id -u) -eq 0 ]] || return 0
    if ! id postgres >/dev/null 2>&1; then
        log "creating the postgres system user"
        useradd --system --user-group --home-dir /var/lib/postgresql \
            --no-create-home --shell /bin/sh postgres
    fi
}

# True when something accepts TCP connections on 127.0.0.1:$PORT.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

is_running() {
    [[ -f "$DATA_DIR/postmaster.pid" ]] && as_cluster_user "$PG_BIN/pg_ctl" status -D "$DATA_DIR" >/dev/null 2>&1
}

start() {
    for tool in initdb pg_ctl postgres pg_isready; do
        [[ -x "$PG_BIN/$tool" ]] || die "$PG_BIN/$tool not found (install the postgresql-15 package or set GEDHUB_PG_BIN)"
    done
    [[ "$PORT" =~ ^[0-9]+$ ]] || die "invalid port: $PORT"

    if is_running; then
        log "already running in $BASE_DIR"
        echo "export GEDHUB_TEST_POSTGRES_URL=$URL"
        return 0
    fi
    port_in_use && die "port $PORT on 127.0.0.1 is already in use (set GEDHUB_PG_PORT)"

    ensure_postgres_user
    # Leftovers of a cluster that was not stopped cleanly.
    rm -rf "$BASE_DIR"
    mkdir -p "$BASE_DIR"
    chmod 700 "$BASE_DIR"
    if [[ $(id -u) -eq 0 ]]; then
        chown "$(cluster_user)": "$BASE_DIR"
    fi

    log "initdb in $DATA_DIR"
    if ! as_cluster_user "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres --auth=trust \
        --encoding=UTF8 --no-locale --no-sync >"$BASE_DIR/initdb.log" 2>&1; then
        cat "$BASE_DIR/initdb.log" >&2
        die "initdb failed"
    fi

    # Unix socket inside the cluster directory (keeps /var/run/postgresql
    # out of it); TCP on loopback only; durability off for speed.
    local opts=(
        -c listen_addresses=127.0.0.1
        -c "port=$PORT"
        -c "unix_socket_directories=$BASE_DIR"
        -c fsync=off
        -c synchronous_commit=off
        -c full_page_writes=off
        -c max_connections=200
        -c log_min_messages=warning
    )
    log "starting on 127.0.0.1:$PORT"
    if ! as_cluster_user "$PG_BIN/pg_ctl" start -D "$DATA_DIR" -l "$LOG_FILE" \
        -w -t 60 -o "${opts[*]}" >/dev/null; then
        cat "$LOG_FILE" >&2 || true
        die "the server did not start"
    fi

    # pg_ctl -w waits for the postmaster; also wait for TCP connections.
    local _
    for _ in $(seq 1 60); do
        if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres; then
            log "ready ($URL)"
            echo "export GEDHUB_TEST_POSTGRES_URL=$URL"
            return 0
        fi
        sleep 0.5
    done
    cat "$LOG_FILE" >&2 || true
    die "the server does not accept connections on 127.0.0.1:$PORT"
}

stop() {
    if [[ ! -d "$BASE_DIR" ]]; then
        log "no cluster in $BASE_DIR"
        return 0
    fi
    if is_running; then
        log "stopping"
        # Immediate: the data is thrown away anyway.
        as_cluster_user "$PG_BIN/pg_ctl" stop -D "$DATA_DIR" -m immediate -w -t 60 >/dev/null
    fi
    rm -rf "$BASE_DIR"
    log "removed $BASE_DIR"
}

status() {
    if is_running; then
        echo "running: $URL ($BASE_DIR)"
    else
        echo "not running"
        return 3
    fi
}

[[ $# -eq 1 ]] || usage
case "$1" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) usage ;;
esac
