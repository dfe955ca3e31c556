#!/usr/bin/env bash
# Checks that the JSON API keeps the contract of its OpenAPI document: a
# schema-based test run (schemathesis, from PyPI) against `gedhub demo`,
# once with a focal point's token and once with the Secretariat's, each on a
# throwaway SQLite database of its own (neither run can destroy what the
# other one needs). scripts/test.sh runs it as its step `api`.
#
#   scripts/api-contract.sh
#
# Checks (schemathesis names): not_a_server_error (no 5xx),
# status_code_conformance (every status answered is documented for the
# operation), content_type_conformance (the documented media type),
# response_schema_conformance (the body validates against the documented
# schema), negative_data_rejection (a request that breaks the documented
# request schema is refused with a 4xx). Any failure fails the script.
#
# Environment:
#   GEDHUB_API_EXAMPLES         test cases per operation and phase (default 8)
#   GEDHUB_API_SEED             schemathesis seed (default: fixed, so CI runs
#                               are reproducible; "random" for a new one)
#   GEDHUB_API_ROLES            which tokens, in order (default
#                               "focal_point secretariat")
#   GEDHUB_API_REPORT_DIR       keep schemathesis' JUnit reports there
#   GEDHUB_SCHEMATHESIS_VENV    virtualenv (default /var/tmp/gedhub-schemathesis-venv)
#   GEDHUB_BIN                  the gedhub binary (default: the debug build
#                               in CARGO_TARGET_DIR, built if missing)
#
# Requirements: Python 3 with venv and pip, curl.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

# Pinned: a newer schemathesis may add checks or generate other inputs.
SCHEMATHESIS_VERSION="4.32.5"
VENV="${GEDHUB_SCHEMATHESIS_VENV:-/var/tmp/gedhub-schemathesis-venv}"
EXAMPLES="${GEDHUB_API_EXAMPLES:-8}"
SEED="${GEDHUB_API_SEED:-20240611}"
ROLES="${GEDHUB_API_ROLES:-focal_point secretariat}"
CHECKS="not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection"

command -v curl >/dev/null || die "curl not found"
command -v python3 >/dev/null || die "python3 not found"

if [[ ! -x "$VENV/bin/st" ]] || [[ "$("$VENV/bin/st" --version 2>/dev/null)" != *"$SCHEMATHESIS_VERSION"* ]]; then
    log "installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
fi

if [[ -n "${GEDHUB_BIN:-}" ]]; then
    BIN="$GEDHUB_BIN"
else
    BIN="$(cargo_target_dir)/debug/gedhub"
    [[ -x "$BIN" ]] || cargo build -p gedhub
fi
[[ -x "$BIN" ]] || die "no gedhub binary at $BIN"

# Not `local`: the EXIT trap runs after the functions returned.
work="$(mktemp -d "${TMPDIR:-/tmp}/gedhub-api.XXXXXX")"
server_pid=""
trap 'if [[ -n "$server_pid" ]]; then stop_process "$server_pid"; fi; rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# run_as ROLE EMAIL: a fresh demo database and server, a token for EMAIL,
# and the schemathesis run with it.
run_as() {
    local role="$1" email="$2" port base database token status=0
    port="$(free_port)"
    base="http://127.0.0.1:$port"
    database="sqlite://$work/$role.db?mode=rwc"
    section "API contract as $role ($email), $EXAMPLES examples per operation"
    "$BIN" demo --addr "127.0.0.1:$port" --database "$database" \
        --files "$work/$role-files" --outbox "$work/$role-outbox" \
        >"$work/$role-server.log" 2>&1 &
    server_pid=$!
    if ! wait_http "$base/healthz" 120 "$server_pid"; then
        tail -n 50 "$work/$role-server.log" >&2 || true
        die "gedhub demo did not become healthy"
    fi
    # The demo accounts exist once the server answers.
    token="$("$BIN" token create --database "$database" --email "$email")"
    local report=()
    if [[ -n "${GEDHUB_API_REPORT_DIR:-}" ]]; then
        local report_dir
        report_dir="$(abs_path "$GEDHUB_API_REPORT_DIR")"
        mkdir -p "$report_dir"
        report=(--report junit --report-junit-path "$report_dir/$role.xml")
    fi
    local seed=(--seed "$SEED")
    [[ "$SEED" == random ]] && seed=()
    # From the temporary folder: schemathesis keeps a cache in the current one.
    (cd "$work" && "$VENV/bin/st" run "$base/api/v1/openapi.json" \
        --url "$base" \
        --header "Authorization: Bearer $token" \
        --checks "$CHECKS" \
        --phases examples,coverage,fuzzing \
        --max-examples "$EXAMPLES" \
        "${seed[@]}" \
        --workers 1 \
        --request-timeout 30 \
        --suppress-health-check all \
        --generation-database none \
        --no-color \
        "${report[@]}") || status=$?
    if [[ $status -ne 0 ]]; then
        log "--- server log (last 40 lines) ---"
        tail -n 40 "$work/$role-server.log" >&2 || true
    fi
    stop_process "$server_pid"
    server_pid=""
    return "$status"
}

failed=0
for role in $ROLES; do
    case "$role" in
        focal_point) email="focal.benin@gedhub.test" ;;
        secretariat) email="secretariat@gedhub.test" ;;
        *) die "unknown role in GEDHUB_API_ROLES: $role" ;;
    esac
    run_as "$role" "$email" || failed=1
done
exit "$failed"
