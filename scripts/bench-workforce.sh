#!/usr/bin/env bash
# Workforce statistics benchmark, for docs/PERFORMANCE.md:
#
#   scripts/bench-workforce.sh > /tmp/bench-workforce.md
#
# 1. builds `gedhub` in release mode;
# 2. generates realistic HR extracts of 100,000 and 1,000,000 rows with a
#    fixed seed (scripts/bench-workforce-data.py, standard library only);
# 3. times `gedhub workforce report --input FILE --year 2025` and DuckDB
#    (PyPI `duckdb`, in a virtualenv) computing the same indicators from the
#    same CSV (scripts/bench-workforce-duckdb.py), one after the other, each
#    GEDHUB_BENCH_RUNS times (default 3), with /usr/bin/time for wall time and
#    peak memory (max RSS);
# 4. prints a Markdown table on stdout: best and median wall time, max RSS,
#    gedhub/DuckDB time ratio, and the 1M/100k time ratio (10 = linear).
#
# Environment:
#   GEDHUB_BENCH_RUNS   runs per tool and size (default 3)
#   GEDHUB_BENCH_DIR    where the extracts go (default /var/tmp/gedhub-bench-workforce)
#   GEDHUB_BENCH_VENV   DuckDB virtualenv (default /var/tmp/gedhub-bench-venv)

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

RUNS="${GEDHUB_BENCH_RUNS:-3}"
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
for rows in 100000 1000000; do
    file="$DIR/extract-$rows.csv"
    if [[ ! -s "$file" ]]; then
        section "generating $file"
        python3 scripts/bench-workforce-data.py --rows "$rows" --seed 42 --year "$YEAR" --out "$file" >&2
    fi
done

# run_timed OUTFILE COMMAND... : prints "wall_seconds max_rss_kb" of one run.
run_timed() {
    local stats
    stats="$(mktemp)"
    "$TIME" -f '%e %M' -o "$stats" "$@" >/dev/null 2>"$stats.err" || {
        cat "$stats.err" >&2
        die "failed: $*"
    }
    cat "$stats"
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

for rows in 100000 1000000; do
    file="$DIR/extract-$rows.csv"
    section "timing $rows rows"
    measure "gedhub-$rows" "$GEDHUB" workforce report --input "$file" --year "$YEAR"
    measure "duckdb-$rows" "$VENV/bin/python" scripts/bench-workforce-duckdb.py "$file" "$YEAR"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "Workforce statistics, $(date -u +%Y-%m-%d), $(nproc) cores, $RUNS runs each, DuckDB $DUCKDB_VERSION"
echo
echo "| rows | file | tool | best wall (s) | median wall (s) | max RSS (MB) |"
echo "|---|---|---|---|---|---|"
for rows in 100000 1000000; do
    size="$(du -m "$DIR/extract-$rows.csv" | cut -f1) MB"
    for tool in gedhub duckdb; do
        key="$tool-$rows"
        echo "| $rows | $size | $tool | ${BEST[$key]} | ${MEDIAN[$key]} | ${RSS[$key]} |"
    done
done
echo
echo "- gedhub / DuckDB median time at 1M rows: $(ratio "${MEDIAN[gedhub-1000000]}" "${MEDIAN[duckdb-1000000]}")"
echo "- gedhub 1M / 100k median time: $(ratio "${MEDIAN[gedhub-1000000]}" "${MEDIAN[gedhub-100000]}") (10 = linear)"
