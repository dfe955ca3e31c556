#!/usr/bin/env bash
# Benchmark of the Secretariat's cross-Member action-plan overview (issue 4),
# for docs/PERFORMANCE.md:
#
#   scripts/bench-plans.sh > /tmp/bench-plans.md
#
# Builds `gedhub` in release mode, seeds a temporary SQLite database with the
# demo data (`gedhub demo`, stopped once healthy), adds with
# scripts/bench-plans-data.py an adopted plan for every other administration
# (186 plans in all, 30 indicators each with 60 monthly measurements:
# ~335,000 measurements), restarts the server and times, signed in as the
# Secretariat, GET /plans (every plan's indicator statuses and overdue
# actions, computed on each request, no cache) against GET /healthz and the
# dashboard in the same run. Prints a Markdown summary on stdout.
#
# Environment:
#   GEDHUB_BENCH_REQUESTS  timed requests per endpoint (default 50)

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

REQUESTS="${GEDHUB_BENCH_REQUESTS:-50}"
EMAIL="secretariat@gedhub.test"
PASSWORD="demo-gedhub-2024"
TARGET_DIR="$(cargo_target_dir)"
command -v curl >/dev/null || die "curl not found (apt-get install curl)"
command -v python3 >/dev/null || die "python3 not found"

section "cargo build --release -p gedhub"
cargo build --release -p gedhub >&2
BIN="$TARGET_DIR/release/gedhub"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/gedhub-bench-plans.XXXXXX")"
SERVER_PID=""
cleanup() {
    if [[ -n "$SERVER_PID" ]]; then
        stop_process "$SERVER_PID"
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

DB="sqlite://$WORK/bench.db?mode=rwc"
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"

start_server() {
    RUST_LOG="${RUST_LOG:-warn}" "$BIN" demo --addr "127.0.0.1:$PORT" --database "$DB" \
        --outbox "$WORK/outbox" --files "$WORK/files" >>"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    if ! wait_http "$BASE/healthz" 180 "$SERVER_PID"; then
        tail -n 50 "$WORK/server.log" >&2 || true
        die "gedhub demo did not become healthy"
    fi
}

section "seeding the demo data"
start_server
stop_process "$SERVER_PID"
SERVER_PID=""
section "adding the benchmark plans"
python3 "$ROOT/scripts/bench-plans-data.py" "$WORK/bench.db"
plans=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from action_plans').fetchone()[0])" "$WORK/bench.db")
measurements=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from indicator_measurements').fetchone()[0])" "$WORK/bench.db")
start_server

section "signing in as $EMAIL"
code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 \
    -c "$WORK/cookies.txt" -H "Origin: $BASE" \
    --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" \
    "$BASE/login")
[[ "$code" == 303 ]] || die "POST /login answered $code (expected 303)"
SESSION=$(awk -F'\t' '$6 == "gedhub_session" { print $7 }' "$WORK/cookies.txt")
COOKIE="Cookie: gedhub_session=$SESSION"

# time_requests NAME PATH: one line per request with the time to the first
# byte (the server's work on loopback) in ms, into $WORK/NAME.txt.
time_requests() {
    local name="$1" path="$2" i
    : >"$WORK/$name.txt"
    for i in $(seq 1 "$REQUESTS"); do
        curl -sS -o "$WORK/$name.html" -H "$COOKIE" --max-time 30 \
            -w '%{http_code} %{time_starttransfer}\n' "$BASE$path" >>"$WORK/$name.raw"
    done
    awk '$1 != 200 { bad = 1 } { printf "%.2f\n", $2 * 1000 } END { if (bad) exit 1 }' \
        "$WORK/$name.raw" | sort -n >"$WORK/$name.txt" || die "$path: a request did not answer 200"
}

# stat NAME P: the P-th percentile (nearest rank) of NAME's timings.
stat() {
    awk -v p="$2" '{ v[NR] = $1 } END { i = int((p / 100) * NR + 0.999); if (i < 1) i = 1; print v[i] }' \
        "$WORK/$1.txt"
}

section "warm-up"
REQUESTS=5 time_requests warmup /plans
section "GET /plans x $REQUESTS"
time_requests plans /plans
rows=$(grep -c '<th scope="row"><a href="/plans/' "$WORK/plans.html" || true)
section "GET /dashboard x $REQUESTS"
time_requests dashboard /dashboard
section "GET /healthz x $REQUESTS"
time_requests healthz /healthz

cat <<MARKDOWN
| Request (signed in as the Secretariat) | median (ms) | p95 (ms) | max (ms) |
|---|---|---|---|
| GET /plans: $plans plans, $measurements measurements, $rows rows shown | $(stat plans 50) | $(stat plans 95) | $(stat plans 100) |
| GET /dashboard (reference) | $(stat dashboard 50) | $(stat dashboard 95) | $(stat dashboard 100) |
| GET /healthz (floor) | $(stat healthz 50) | $(stat healthz 95) | $(stat healthz 100) |

$REQUESTS sequential requests each, time to first byte on loopback (curl), release build, SQLite, $(nproc) cores.
MARKDOWN
