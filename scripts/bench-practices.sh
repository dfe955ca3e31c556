#!/usr/bin/env bash
# Practice search benchmark (issue 8): seeds 10,000 published practices and
# times 100 searches (50 results each, with their texts). Runs on SQLite, or
# on PostgreSQL when GEDHUB_TEST_POSTGRES_URL names an admin URL (see
# scripts/pg-test-cluster.sh). Record the figures in docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo test --release -p gedhub-store --test practices -- --ignored --nocapture \
    benchmark_search_over_ten_thousand_practices
