#!/usr/bin/env bash
# Programme dashboard benchmark (issue 8): seeds 186 Members with five years
# of data (assessments, plans with measured indicators, workforce reports,
# workshops with participants) and times GET /programme and the summary API
# through the router, 20 requests each. Runs on SQLite, or on PostgreSQL when
# GEDHUB_TEST_POSTGRES_URL names an admin URL (see scripts/pg-test-cluster.sh).
# Pass --release for an optimised build. Record the figures in
# docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo test "$@" -p gedhub-web --test http -- --ignored --nocapture \
    benchmark_the_dashboard_with_186_members_and_five_years
