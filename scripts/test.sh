#!/usr/bin/env bash
# Runs every gedhub test. This is the one command to use locally and in CI
# (.ci/run calls it):
#
#   scripts/test.sh
#
# Steps (all are run; the script exits non-zero if any of them failed):
#   1. rust      cargo test --workspace, on the embedded SQLite database.
#   2. postgres  cargo test -p gedhub-store -p gedhub-web against PostgreSQL:
#                the server in GEDHUB_TEST_POSTGRES_URL if set, otherwise a
#                throwaway PostgreSQL 15 cluster (scripts/pg-test-cluster.sh)
#                started for the run and removed afterwards.
#   3. s3        the file-store tests against an S3-compatible server: moto
#                (PyPI moto[server], installed into a virtualenv under
#                GEDHUB_MOTO_VENV, default /var/tmp/gedhub-moto-venv) started
#                on a free loopback port for the run.
#   4. e2e       builds the debug `gedhub`, starts `gedhub demo` on a
#                temporary SQLite database and a free loopback port, and runs
#                the browser tests in e2e/ (node --test, system Chromium,
#                axe-core accessibility checks, pdftotext for the PDF report).
#   5. api       the API against its OpenAPI document: scripts/api-contract.sh
#                (schemathesis from PyPI in a virtualenv under
#                GEDHUB_SCHEMATHESIS_VENV, default
#                /var/tmp/gedhub-schemathesis-venv) on `gedhub demo`, with a
#                focal point's and the Secretariat's token.
#   6. fuzz      scripts/fuzz.sh: every importer's fuzz target for
#                GEDHUB_FUZZ_SECONDS (default 10) under a 2 GB memory limit
#                (installs cargo-fuzz from crates.io when missing).
#
# Environment:
#   GEDHUB_TEST_POSTGRES_URL  use this PostgreSQL server for step 2
#   GEDHUB_SKIP_POSTGRES=1    skip step 2 when no PostgreSQL is available
#   GEDHUB_TEST_S3_ENDPOINT   use this S3-compatible server for step 3
#   GEDHUB_SKIP_S3=1          skip step 3
#   GEDHUB_SKIP_E2E=1         skip step 4 (e.g. when Chromium is missing)
#   GEDHUB_SKIP_API=1         skip step 5
#   GEDHUB_API_EXAMPLES       test cases per operation in step 5 (default 8)
#   GEDHUB_SKIP_FUZZ=1        skip step 6
#   GEDHUB_CHROMIUM           Chromium binary (default /usr/bin/chromium)
#   GEDHUB_TEST_STEPS         steps to run, e.g. "e2e" or "rust postgres"
#                             (default: all six)
#   CARGO_TARGET_DIR          honoured as by cargo
#
# Requirements: cargo, curl; Python 3 with venv and pip (moto, schemathesis); PostgreSQL 15 server binaries
# (/usr/lib/postgresql/15/bin, Debian package postgresql-15); Node >= 20 with
# npm; Chromium (Debian package chromium); pdftotext (Debian package
# poppler-utils). No browser is ever downloaded.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

PG_BIN="${GEDHUB_PG_BIN:-/usr/lib/postgresql/15/bin}"
CHROMIUM="${GEDHUB_CHROMIUM:-/usr/bin/chromium}"
STEPS="${GEDHUB_TEST_STEPS:-rust postgres s3 e2e api fuzz}"
TARGET_DIR="$(cargo_target_dir)"
# Exit status of a step that was skipped on purpose (automake convention).
SKIPPED=77

# --- step 1 ---------------------------------------------------------------

step_rust() {
    section "cargo test --workspace (SQLite)"
    # The PostgreSQL variable would switch the tests away from SQLite.
    env -u GEDHUB_TEST_POSTGRES_URL -u GEDHUB_TEST_S3_ENDPOINT cargo test --workspace
}

# --- step 2 ---------------------------------------------------------------

step_postgres() {
    section "cargo test -p gedhub-store -p gedhub-web (PostgreSQL)"
    if [[ -z "${GEDHUB_TEST_POSTGRES_URL:-}" ]]; then
        if [[ -x "$PG_BIN/initdb" ]]; then
            GEDHUB_PG_PORT="$(free_port)"
            export GEDHUB_PG_PORT
            # This step runs in a subshell: the trap fires when it ends.
            trap '"$ROOT/scripts/pg-test-cluster.sh" stop' EXIT
            trap 'exit 130' INT
            trap 'exit 143' TERM
            local exports
            exports="$("$ROOT/scripts/pg-test-cluster.sh" start)"
            eval "$exports"
        elif [[ "${GEDHUB_SKIP_POSTGRES:-}" == 1 ]]; then
            log "SKIPPED: no PostgreSQL 15 binaries in $PG_BIN and GEDHUB_SKIP_POSTGRES=1"
            return "$SKIPPED"
        else
            die "PostgreSQL 15 server binaries not found in $PG_BIN.
Install them (apt-get install postgresql-15), point GEDHUB_TEST_POSTGRES_URL
at a server, or set GEDHUB_SKIP_POSTGRES=1 to skip the PostgreSQL tests."
        fi
    fi
    log "GEDHUB_TEST_POSTGRES_URL=$GEDHUB_TEST_POSTGRES_URL"
    GEDHUB_TEST_POSTGRES_URL="$GEDHUB_TEST_POSTGRES_URL" cargo test -p gedhub-store -p gedhub-web
}

# --- step 3 ---------------------------------------------------------------

step_s3() {
    section "file-store and evidence-upload tests on an S3-compatible server"
    if [[ -z "${GEDHUB_TEST_S3_ENDPOINT:-}" ]]; then
        if [[ "${GEDHUB_SKIP_S3:-}" == 1 ]]; then
            log "SKIPPED: GEDHUB_SKIP_S3=1"
            return "$SKIPPED"
        fi
        local venv="${GEDHUB_MOTO_VENV:-/var/tmp/gedhub-moto-venv}"
        if [[ ! -x "$venv/bin/moto_server" ]]; then
            log "installing moto[server] into $venv"
            python3 -m venv "$venv"
            "$venv/bin/pip" install --quiet 'moto[server]==5.*'
        fi
        # Not `local`: the EXIT trap runs after this function returned.
        port="$(free_port)"
        log_file="$(mktemp "${TMPDIR:-/tmp}/gedhub-moto.XXXXXX")"
        "$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$log_file" 2>&1 &
        moto_pid=$!
        trap 'stop_process "$moto_pid"; rm -f "$log_file"' EXIT
        trap 'exit 130' INT
        trap 'exit 143' TERM
        if ! wait_http "http://127.0.0.1:$port/moto-api/" 60 "$moto_pid"; then
            tail -n 50 "$log_file" >&2 || true
            die "moto did not start"
        fi
        export GEDHUB_TEST_S3_ENDPOINT="http://127.0.0.1:$port"
    fi
    log "GEDHUB_TEST_S3_ENDPOINT=$GEDHUB_TEST_S3_ENDPOINT"
    cargo test -p gedhub-store --test files
    # The evidence upload and download through the web app, on a bucket.
    cargo test -p gedhub-web --test http evidence_files
}

# --- step 4 ---------------------------------------------------------------

# Installs the e2e npm packages from e2e/package-lock.json when missing or
# out of date. e2e/.npmrc disables install scripts: no browser download.
e2e_npm_deps() {
    local marker="$ROOT/e2e/node_modules/.package-lock.json"
    if [[ -f "$marker" && ! "$ROOT/e2e/package-lock.json" -nt "$marker" ]]; then
        return 0
    fi
    log "installing e2e npm packages (npm ci)"
    (cd "$ROOT/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund)
}

step_e2e() {
    section "end-to-end tests (e2e/, gedhub demo + Chromium)"
    if [[ "${GEDHUB_SKIP_E2E:-}" == 1 ]]; then
        log "SKIPPED: GEDHUB_SKIP_E2E=1"
        return "$SKIPPED"
    fi
    [[ -x "$CHROMIUM" ]] || die "Chromium not found at $CHROMIUM.
Install it (apt-get install chromium), set GEDHUB_CHROMIUM, or set
GEDHUB_SKIP_E2E=1 to skip the end-to-end tests."
    command -v node >/dev/null || die "node not found (Node >= 20 is needed for the e2e tests)"
    command -v npm >/dev/null || die "npm not found"
    command -v curl >/dev/null || die "curl not found"
    command -v pdftotext >/dev/null || die "pdftotext not found (the e2e tests read the PDF reports with it).
Install it (apt-get install poppler-utils) or set GEDHUB_SKIP_E2E=1 to skip
the end-to-end tests."

    e2e_npm_deps
    # The same build as step 1 (features unified with the tests), so nothing
    # is compiled again; it leaves target/debug/gedhub in place.
    cargo test --workspace --no-run

    # Not `local`: the EXIT trap below runs after this function returned.
    # This step runs in a subshell, so they do not leak.
    work="$(mktemp -d "${TMPDIR:-/tmp}/gedhub-e2e.XXXXXX")"
    port="$(free_port)"
    base="http://127.0.0.1:$port"
    server_pid=""
    trap 'if [[ -n "$server_pid" ]]; then stop_process "$server_pid"; fi; rm -rf "$work"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    log "starting gedhub demo on $base (log: $work/server.log)"
    "$TARGET_DIR/debug/gedhub" demo --addr "127.0.0.1:$port" \
        --database "sqlite://$work/e2e.db?mode=rwc" --files "$work/files" \
        --outbox "$work/outbox" >"$work/server.log" 2>&1 &
    server_pid=$!

    if ! wait_http "$base/healthz" 120 "$server_pid"; then
        log "--- server log ---"
        tail -n 100 "$work/server.log" >&2 || true
        die "gedhub demo did not become healthy"
    fi

    local status=0
    # The binary and the database let a test act as the operator (the
    # credentials test rotates the signing key with the CLI).
    GEDHUB_BASE_URL="$base" GEDHUB_CHROMIUM="$CHROMIUM" \
        GEDHUB_BIN="$TARGET_DIR/debug/gedhub" GEDHUB_E2E_DATABASE_URL="sqlite://$work/e2e.db" \
        node --test --test-concurrency=1 --test-reporter=spec "$ROOT"/e2e/*.test.mjs || status=$?
    if [[ $status -ne 0 ]]; then
        log "--- server log (last 100 lines) ---"
        tail -n 100 "$work/server.log" >&2 || true
    fi
    return "$status"
}

# --- step 5 ---------------------------------------------------------------

step_api() {
    section "the API against its OpenAPI document (schemathesis)"
    if [[ "${GEDHUB_SKIP_API:-}" == 1 ]]; then
        log "SKIPPED: GEDHUB_SKIP_API=1"
        return "$SKIPPED"
    fi
    # The same build as step 1, so nothing is compiled again.
    cargo test --workspace --no-run
    GEDHUB_BIN="$TARGET_DIR/debug/gedhub" "$ROOT/scripts/api-contract.sh"
}

# --- step 6 ---------------------------------------------------------------

step_fuzz() {
    section "fuzzing the importers (scripts/fuzz.sh, ${GEDHUB_FUZZ_SECONDS:-10} s per target)"
    if [[ "${GEDHUB_SKIP_FUZZ:-}" == 1 ]]; then
        log "SKIPPED: GEDHUB_SKIP_FUZZ=1"
        return "$SKIPPED"
    fi
    # A fixed seed: the same short run every time (a finding is a real
    # regression, not luck); long campaigns (scripts/fuzz.sh) take new seeds.
    GEDHUB_FUZZ_SECONDS="${GEDHUB_FUZZ_SECONDS:-10}" GEDHUB_FUZZ_SEED="${GEDHUB_FUZZ_SEED:-20261207}" \
        "$ROOT/scripts/fuzz.sh"
}

# --- main -----------------------------------------------------------------

failed=()
results=()
for step in $STEPS; do
    case "$step" in
        rust | postgres | s3 | e2e | api | fuzz) ;;
        *) die "unknown step in GEDHUB_TEST_STEPS: $step" ;;
    esac
    # Each step runs in its own subshell with `set -e` in force (a function
    # called from `if` would have errexit disabled); its traps clean up
    # whatever it started (database cluster, server) when it ends.
    set +e
    (
        set -e
        "step_$step"
    )
    status=$?
    set -e
    # Interrupted (Ctrl-C, or TERM): the step cleaned up, stop here.
    if [[ $status -eq 130 || $status -eq 143 ]]; then
        log "interrupted during step $step"
        exit "$status"
    fi
    case $status in
        0) results+=("$step: passed") ;;
        "$SKIPPED") results+=("$step: skipped") ;;
        *)
            results+=("$step: FAILED (exit status $status)")
            failed+=("$step")
            ;;
    esac
done

section "summary"
printf '  %s\n' "${results[@]}" >&2
if [[ ${#failed[@]} -gt 0 ]]; then
    exit 1
fi
