#!/usr/bin/env bash
# Workforce statistics benchmark, for docs/PERFORMANCE.md:
#
#   scripts/bench-workforce.sh > /tmp/bench-workforce.md
#
# 1. builds `gedhub` in release mode;
# 2. generates realistic HR extracts of 100,000, 500,000 and 1,000,000 rows with a
#    fixed seed (scripts/bench-workforce-data.py, standard library only);
# 3. times `gedhub workforce report --input FILE --year 2025` and DuckDB
#    (PyPI `duckdb`, in a virtualenv) computing the same indicators from the
#    same CSV (scripts/bench-workforce-duckdb.py), one after the other, each
#    GEDHUB_BENCH_RUNS times (default 5), with /usr/bin/time for wall time and
#    peak memory (max RSS);
# 4. uploads the 1M-row extract through the web UI: starts the release
#    `gedhub demo` on a temporary SQLite database, signs in as Canada's focal
#    point and POSTs the file as the upload form does (multipart), timing the
#    request until the redirect to the stored figures, and reads the server's
#    peak memory (VmHWM);
# 5. prints a Markdown table on stdout: best and median wall time, max RSS,
#    gedhub/DuckDB time ratio, the 1M/100k time ratio (10 = linear), and the
#    upload's time and the server's peak memory.
#
# Environment:
#   GEDHUB_BENCH_RUNS   runs per tool and size (default 5)
#   GEDHUB_BENCH_DIR    where the extracts go (default /var/tmp/gedhub-bench-workforce)
#   GEDHUB_BENCH_VENV   DuckDB virtualenv (default /var/tmp/gedhub-bench-venv)

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

RUNS="${GEDHUB_BENCH_RUNS:-5}"
DIR="${GEDHUB_BENCH_DIR:-/var/tmp/gedhub-bench-workforce}"
VENV="${GEDHUB_BENCH_VENV:-/var/tmp/gedhub-bench-venv}"
YEAR=2025
TARGET_DIR="$(cargo_target_dir)"
TIME=/usr/bin/time
[[ -x "$TIME" ]] || die "/usr/bin/time not found (apt-get install time)"

section "building gedhub (release)"
cargo build --release -p gedhub >&2
GEDHUB="$TARGET_DIR/release/gedhub"

section "DuckDB (PyPI) in $VENV"
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c "import duckdb" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet duckdb
fi
DUCKDB_VERSION="$("$VENV/bin/python" -c 'import duckdb; print(duckdb.__version__)')"
log "duckdb $DUCKDB_VERSION"

mkdir -p "$DIR"
for rows in 100000 500000 1000000; do
    file="$DIR/extract-$rows.csv"
    if [[ ! -s "$file" ]]; then
        section "generating $file"
        python3 scripts/bench-workforce-data.py --rows "$rows" --seed 42 --year "$YEAR" --out "$file" >&2
    fi
done

# run_timed COMMAND... : prints "wall_seconds max_rss_kb" of one run (wall
# time in milliseconds' resolution from bash's clock; /usr/bin/time's own
# is only centiseconds, too coarse for the 100k-row runs).
run_timed() {
    local stats start end
    stats="$(mktemp)"
    start=$EPOCHREALTIME
    "$TIME" -f '%M' -o "$stats" "$@" >/dev/null 2>"$stats.err" || {
        cat "$stats.err" >&2
        die "failed: $*"
    }
    end=$EPOCHREALTIME
    awk -v s="$start" -v e="$end" -v kb="$(cat "$stats")" 'BEGIN { printf "%.3f %d\n", e - s, kb }'
    rm -f "$stats" "$stats.err"
}

# summarise LABEL TIMES... : best, median of the wall times; max of RSS.
declare -A BEST MEDIAN RSS
measure() {
    local key="$1"
    shift
    local walls=() rss=0 line wall kb
    for _ in $(seq 1 "$RUNS"); do
        line="$(run_timed "$@")"
        wall="${line% *}"
        kb="${line#* }"
        walls+=("$wall")
        ((kb > rss)) && rss=$kb
        log "$key: ${wall} s, ${kb} KB"
    done
    mapfile -t sorted < <(printf '%s\n' "${walls[@]}" | sort -g)
    BEST[$key]="${sorted[0]}"
    MEDIAN[$key]="${sorted[$((RUNS / 2))]}"
    RSS[$key]=$((rss / 1024))
}

for rows in 100000 500000 1000000; do
    file="$DIR/extract-$rows.csv"
    section "timing $rows rows"
    measure "gedhub-$rows" "$GEDHUB" workforce report --input "$file" --year "$YEAR"
    measure "duckdb-$rows" "$VENV/bin/python" scripts/bench-workforce-duckdb.py "$file" "$YEAR"
done

section "uploading the 1M-row extract through the web UI"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/gedhub-bench-upload.XXXXXX")"
SERVER_PID=""
trap 'if [[ -n "$SERVER_PID" ]]; then stop_process "$SERVER_PID"; fi; rm -rf "$WORK"' EXIT
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
RUST_LOG=warn "$GEDHUB" demo --addr "127.0.0.1:$PORT" \
    --database "sqlite://$WORK/bench.db?mode=rwc" --files "$WORK/files" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
wait_http "$BASE/healthz" 120 "$SERVER_PID" || die "gedhub demo did not start"
code=$(curl -sS -o /dev/null -w '%{http_code}' -c "$WORK/cookies" -H "Origin: $BASE" \
    --data-urlencode "email=focal.canada@gedhub.test" --data-urlencode "password=demo-gedhub-2024" \
    "$BASE/login")
[[ "$code" == 303 ]] || die "sign-in answered $code"
UPLOAD="$(curl -sS -o /dev/null -b "$WORK/cookies" -H "Origin: $BASE" \
    -F "year=$YEAR" -F "file=@$DIR/extract-1000000.csv;type=text/csv" \
    -w '%{http_code} %{time_total} %{redirect_url}' "$BASE/workforce/CA")"
read -r UPLOAD_CODE UPLOAD_SECONDS UPLOAD_LOCATION <<<"$UPLOAD"
[[ "$UPLOAD_CODE" == 303 ]] || die "the upload answered $UPLOAD_CODE"
log "upload: $UPLOAD_SECONDS s, redirected to $UPLOAD_LOCATION"
SERVER_PEAK_MB=$(($(awk '/VmHWM/ { print $2 }' "/proc/$SERVER_PID/status") / 1024))

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "Workforce statistics, $(date -u +%Y-%m-%d), $(nproc) cores, $RUNS runs each, DuckDB $DUCKDB_VERSION"
echo
echo "| rows | file | tool | best wall (s) | median wall (s) | max RSS (MB) |"
echo "|---|---|---|---|---|---|"
for rows in 100000 500000 1000000; do
    size="$(du -m "$DIR/extract-$rows.csv" | cut -f1) MB"
    for tool in gedhub duckdb; do
        key="$tool-$rows"
        echo "| $rows | $size | $tool | ${BEST[$key]} | ${MEDIAN[$key]} | ${RSS[$key]} |"
    done
done
echo
echo "- gedhub / DuckDB median time at 1M rows: $(ratio "${MEDIAN[gedhub-1000000]}" "${MEDIAN[duckdb-1000000]}")"
echo "- gedhub 1M / 100k median time: $(ratio "${MEDIAN[gedhub-1000000]}" "${MEDIAN[gedhub-100000]}") (10 = linear); 1M / 500k: $(ratio "${MEDIAN[gedhub-1000000]}" "${MEDIAN[gedhub-500000]}") (2 = linear)"
echo "- web UI: POST /workforce/CA with the 1M-row file (multipart, loopback) answered 303 in ${UPLOAD_SECONDS} s; server peak memory (VmHWM) ${SERVER_PEAK_MB} MB"
