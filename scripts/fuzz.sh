#!/usr/bin/env bash
# Fuzzes every importer with cargo-fuzz (libFuzzer) on the stable toolchain
# (no sanitizer), under a memory limit:
#
#   scripts/fuzz.sh                    # every target, GEDHUB_FUZZ_SECONDS each (default 10)
#   scripts/fuzz.sh sheet_xml 900      # one target, 15 minutes
#
# The targets are in fuzz/fuzz_targets/ (a workspace of their own): the
# workforce CSV engine and upload, workbook XML, the instrument workbook,
# measurement files, completion reports, xAPI statements and multipart/mixed
# bodies. Builds are optimised with debug assertions and overflow checks on.
# An input that panics (uncaught), allocates more than the memory limit or runs
# longer than the timeout is a finding: it is saved under
# fuzz/artifacts/<target>/ and the script exits non-zero. New corpus entries
# go to fuzz/corpus/<target>/ (only the seed-* files are committed).
#
# Environment:
#   GEDHUB_FUZZ_SECONDS       seconds per target (default 10)
#   GEDHUB_FUZZ_RSS_MB        memory limit per run and per allocation (default 2048)
#   GEDHUB_FUZZ_SEED          libFuzzer's random seed (default: a new one each run;
#                             the test suite's short run fixes it, so that CI is
#                             reproducible and long campaigns explore)
#   GEDHUB_FUZZ_TARGET_DIR    build directory (default $CARGO_TARGET_DIR/fuzz,
#                             or fuzz/target)
#
# Requirements: cargo, a C++ compiler (libFuzzer is built from source by
# libfuzzer-sys); cargo-fuzz is installed from crates.io when missing.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

SECONDS_PER_TARGET="${2:-${GEDHUB_FUZZ_SECONDS:-10}}"
RSS_MB="${GEDHUB_FUZZ_RSS_MB:-2048}"
if [[ -n "${GEDHUB_FUZZ_TARGET_DIR:-}" ]]; then
    TARGET_DIR="$GEDHUB_FUZZ_TARGET_DIR"
elif [[ -n "${CARGO_TARGET_DIR:-}" ]]; then
    TARGET_DIR="$CARGO_TARGET_DIR/fuzz"
else
    TARGET_DIR="$ROOT/fuzz/target"
fi
CARGO_FUZZ_VERSION=0.13.2

if ! cargo fuzz --version >/dev/null 2>&1; then
    log "installing cargo-fuzz $CARGO_FUZZ_VERSION from crates.io"
    cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi

if [[ $# -ge 1 ]]; then
    targets=("$1")
else
    mapfile -t targets < <(cargo fuzz list)
fi

build=(--sanitizer none --target-dir "$TARGET_DIR")
section "cargo fuzz build (${#targets[@]} targets)"
cargo fuzz build "${build[@]}"

seed=()
if [[ -n "${GEDHUB_FUZZ_SEED:-}" ]]; then
    seed=(-seed="$GEDHUB_FUZZ_SEED")
fi

failed=()
for target in "${targets[@]}"; do
    section "fuzzing $target for ${SECONDS_PER_TARGET} s (memory limit ${RSS_MB} MB)"
    mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
    if ! cargo fuzz run "${build[@]}" "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$SECONDS_PER_TARGET" \
        -rss_limit_mb="$RSS_MB" -malloc_limit_mb="$RSS_MB" \
        -timeout=10 -max_len=65536 -print_final_stats=1 "${seed[@]}"; then
        failed+=("$target")
    fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
    die "findings in: ${failed[*]} (inputs in fuzz/artifacts/)"
fi
log "no findings"
