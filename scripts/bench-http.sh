#!/usr/bin/env bash
# HTTP throughput benchmark of a release build of gedhub, for
# docs/PERFORMANCE.md:
#
#   scripts/bench-http.sh > /tmp/bench.md
#
# Builds `gedhub` in release mode, starts `gedhub demo` on a temporary
# SQLite database on a free 127.0.0.1 port, signs in as the secretariat with
# curl, then runs wrk against
#   GET /healthz                 (no database, no session)
#   GET /dashboard (signed in)   (session lookup, queries, template)
# and prints a Markdown summary on stdout (raw wrk output goes to stderr):
# requests/s and latency percentiles of each, the dashboard/healthz
# throughput ratio, and the server's resident memory after the runs.
#
# Bounded: two warm-up runs of 3 s, two measured runs of
# GEDHUB_BENCH_DURATION (default 15s), loopback only; the server is stopped
# at the end. Needs curl and wrk (installed with apt-get when missing and
# running as root).
#
# Environment:
#   GEDHUB_BENCH_DURATION     wrk duration per endpoint (default 15s)
#   GEDHUB_BENCH_THREADS      wrk threads (default 2)
#   GEDHUB_BENCH_CONNECTIONS  wrk connections (default 32)
#   RUST_LOG                  server log filter (default warn, so that
#                             per-request logging does not skew the numbers)

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

DURATION="${GEDHUB_BENCH_DURATION:-15s}"
THREADS="${GEDHUB_BENCH_THREADS:-2}"
CONNECTIONS="${GEDHUB_BENCH_CONNECTIONS:-32}"
EMAIL="secretariat@gedhub.test"
PASSWORD="demo-gedhub-2024"
TARGET_DIR="$(cargo_target_dir)"

# --- tools ------------------------------------------------------------------

if ! command -v wrk >/dev/null; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        section "installing wrk"
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk </dev/null >&2 ||
            { apt-get update </dev/null >&2 &&
                DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk </dev/null >&2; }
    else
        die "wrk not found (apt-get install wrk)"
    fi
fi
command -v curl >/dev/null || die "curl not found (apt-get install curl)"

# --- server -----------------------------------------------------------------

section "cargo build --release -p gedhub"
cargo build --release -p gedhub >&2
BIN="$TARGET_DIR/release/gedhub"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/gedhub-bench.XXXXXX")"
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
section "starting gedhub demo on $BASE"
RUST_LOG="${RUST_LOG:-warn}" "$BIN" demo --addr "127.0.0.1:$PORT" \
    --database "sqlite://$WORK/bench.db?mode=rwc" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
if ! wait_http "$BASE/healthz" 120 "$SERVER_PID"; then
    tail -n 50 "$WORK/server.log" >&2 || true
    die "gedhub demo did not become healthy"
fi

# --- session ----------------------------------------------------------------

section "signing in as $EMAIL"
code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 \
    -c "$WORK/cookies.txt" -H "Origin: $BASE" \
    --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" \
    "$BASE/login")
[[ "$code" == 303 ]] || die "POST /login answered $code (expected 303)"
# Netscape cookie jar: name in column 6, value in column 7.
SESSION=$(awk -F'\t' '$6 == "gedhub_session" { print $7 }' "$WORK/cookies.txt")
[[ -n "$SESSION" ]] || die "no gedhub_session cookie after signing in"
COOKIE="Cookie: gedhub_session=$SESSION"
code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 -H "$COOKIE" "$BASE/dashboard")
[[ "$code" == 200 ]] || die "GET /dashboard with the session answered $code (expected 200)"

# --- runs -------------------------------------------------------------------

# run_wrk NAME DURATION PATH [HEADER]: wrk output in $WORK/NAME.txt and on stderr.
run_wrk() {
    local name="$1" duration="$2" path="$3" header=()
    if [[ $# -ge 4 ]]; then
        header=(-H "$4")
    fi
    # `timeout` bounds the run should wrk hang on a stuck server.
    timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency \
        "${header[@]}" "$BASE$path" >"$WORK/$name.txt"
    cat "$WORK/$name.txt" >&2
    if grep -q 'Non-2xx or 3xx responses' "$WORK/$name.txt"; then
        die "$path: some responses were not 2xx/3xx (see above)"
    fi
}

section "warm-up (3 s each)"
run_wrk warmup-healthz 3s /healthz
run_wrk warmup-dashboard 3s /dashboard "$COOKIE"

section "GET /healthz ($DURATION)"
run_wrk healthz "$DURATION" /healthz
section "GET /dashboard, signed in ($DURATION)"
run_wrk dashboard "$DURATION" /dashboard "$COOKIE"

# The dashboard must still be served to the session (not a redirect to /login).
code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 -H "$COOKIE" "$BASE/dashboard")
[[ "$code" == 200 ]] || die "GET /dashboard after the runs answered $code (expected 200)"

# Memory of the server after the runs (kB in /proc; VmHWM is the peak).
rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")
hwm_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")

# --- summary ----------------------------------------------------------------

# Requests/s from a wrk output.
rps() { awk '/^Requests\/sec:/ { print $2 }' "$WORK/$1.txt"; }
# Latency percentile ("50%", "99%") from a wrk --latency output, in ms.
pct_ms() {
    awk -v p="$2" '
        $1 == p && NF == 2 {
            v = $2
            if (v ~ /us$/) { sub(/us$/, "", v); v = v / 1000 }
            else if (v ~ /ms$/) { sub(/ms$/, "", v) }
            else if (v ~ /m$/) { sub(/m$/, "", v); v = v * 60000 }
            else if (v ~ /s$/) { sub(/s$/, "", v); v = v * 1000 }
            printf "%.2f", v
        }' "$WORK/$1.txt"
}
errors() { grep -E '^ +Socket errors' "$WORK/$1.txt" | sed 's/^ *//' || echo "none"; }

h_rps=$(rps healthz)
d_rps=$(rps dashboard)
ratio=$(awk -v d="$d_rps" -v h="$h_rps" 'BEGIN { printf "%.3f", d / h }')
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

cat <<EOF
### HTTP throughput ($(date -u +%Y-%m-%d))

\`scripts/bench-http.sh\`: release build (commit $commit), \`gedhub demo\` on SQLite,
\`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency\` over loopback, client and server
on the same machine ($(nproc) CPUs, $cpu).

| Endpoint | Requests/s | p50 (ms) | p99 (ms) | Socket errors |
|---|---:|---:|---:|---|
| \`GET /healthz\` | $h_rps | $(pct_ms healthz 50%) | $(pct_ms healthz 99%) | $(errors healthz) |
| \`GET /dashboard\` (signed in) | $d_rps | $(pct_ms dashboard 50%) | $(pct_ms dashboard 99%) | $(errors dashboard) |

- Dashboard / healthz throughput ratio: **$ratio**
- Server resident memory after the runs: **$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }') MB** (peak $(awk -v k="$hwm_kb" 'BEGIN { printf "%.1f", k / 1024 }') MB)
EOF
