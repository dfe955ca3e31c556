#!/usr/bin/env bash
# Benchmark of the Learning Record Store (issue 6), for docs/PERFORMANCE.md:
#
#   scripts/bench-lrs.sh > /tmp/bench-lrs.md
#
# Builds `gedhub` in release mode, starts it with the demo data on a
# temporary SQLite database, issues LRS credentials as the Secretariat
# (POST /api/v1/lrs-credentials), then POSTs batches of 50 xAPI statements
# to /xapi/statements from several connections (scripts/bench-lrs.py) and
# checks that every statement the LRS acknowledged is in the database.
# Prints a Markdown summary on stdout.
#
# Environment:
#   GEDHUB_BENCH_BATCHES  batches of 50 statements (default 400: 20,000 statements)
#   GEDHUB_BENCH_WORKERS  concurrent connections (default 4)
#   GEDHUB_BENCH_PROFILE  release (default) or debug
#   GEDHUB_BENCH_BIN      use this gedhub binary instead of building one

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

BATCHES="${GEDHUB_BENCH_BATCHES:-400}"
WORKERS="${GEDHUB_BENCH_WORKERS:-4}"
PROFILE="${GEDHUB_BENCH_PROFILE:-release}"
EMAIL="secretariat@gedhub.test"
PASSWORD="demo-gedhub-2024"
TARGET_DIR="$(cargo_target_dir)"
command -v curl >/dev/null || die "curl not found (apt-get install curl)"
command -v python3 >/dev/null || die "python3 not found"

if [[ -n "${GEDHUB_BENCH_BIN:-}" ]]; then
    # A binary built beforehand (e.g. the test build), not rebuilt here.
    BIN="$GEDHUB_BENCH_BIN"
elif [[ "$PROFILE" == release ]]; then
    section "cargo build --release -p gedhub"
    cargo build --release -p gedhub >&2
    BIN="$TARGET_DIR/release/gedhub"
else
    section "cargo build -p gedhub (debug: a lower bound of the release figures)"
    cargo build -p gedhub >&2
    BIN="$TARGET_DIR/debug/gedhub"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/gedhub-bench-lrs.XXXXXX")"
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

PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
RUST_LOG="${RUST_LOG:-warn}" "$BIN" demo --addr "127.0.0.1:$PORT" --database "sqlite://$WORK/bench.db?mode=rwc" \
    --outbox "$WORK/outbox" --files "$WORK/files" >>"$WORK/server.log" 2>&1 &
SERVER_PID=$!
if ! wait_http "$BASE/healthz" 180 "$SERVER_PID"; then
    tail -n 50 "$WORK/server.log" >&2 || true
    die "gedhub demo did not become healthy"
fi

section "signing in as $EMAIL and issuing LRS credentials"
code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 \
    -c "$WORK/cookies.txt" -H "Origin: $BASE" \
    --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" \
    "$BASE/login")
[[ "$code" == 303 ]] || die "POST /login answered $code (expected 303)"
SESSION=$(awk -F'\t' '$6 == "gedhub_session" { print $7 }' "$WORK/cookies.txt")
credentials=$(curl -sS --max-time 10 -H "Cookie: gedhub_session=$SESSION" -H "Origin: $BASE" \
    -H 'Content-Type: application/json' -d '{"name":"Benchmark LMS"}' "$BASE/api/v1/lrs-credentials")
KEY=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])' <<<"$credentials")
SECRET=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])' <<<"$credentials")

section "posting $BATCHES batches of 50 statements over $WORKERS connections"
result=$(python3 "$ROOT/scripts/bench-lrs.py" "$BASE" "$KEY" "$SECRET" "$WORK/bench.db" "$BATCHES" "$WORKERS")
echo "$result" >&2
rss_kb=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0)

python3 - "$result" "$rss_kb" "$PROFILE" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
print("| measure | value |")
print("| --- | --- |")
print(f"| statements posted | {r['statements']:,} in {r['batches']} batches of 50, {r['workers']} connections |")
print(f"| wall time | {r['seconds']} s |")
print(f"| **statements stored per second** | **{r['statements_per_second']:,}** |")
print(f"| batch latency median / p95 | {r['batch_median_ms']} ms / {r['batch_p95_ms']} ms |")
print(f"| failed batches | {r['failed_batches']} |")
print(f"| acknowledged ids = posted ids | {r['returned_ids_match']} |")
print(f"| posted statements missing from the database | {r['missing_in_database']} |")
print(f"| server peak RSS | {int(sys.argv[2]) // 1024} MB |")
print(f"| build | {sys.argv[3]} |")
PY
