#!/usr/bin/env bash
# Before and after: bash Benchmarks/compare.sh BASE_REF [ROWS]   (default 1000000). See Benchmarks/README.md.
#
# Builds BASE_REF (any commit-ish: main, a hash) in a temporary git worktree, with its own scratch path,
# removed afterwards, and the current checkout (scratch TEI_BENCH_SCRATCH, default .build), both as
# run.sh builds them; then times both binaries on the same data, interleaved (bench.py compare).
# TEI_BENCH_LIMIT=SECONDS is the limit of one run (600); TEI_BENCH_REPEATS the runs per median (5).
set -euo pipefail
cd "$(dirname "$0")/.."
BASE_REF="${1:?usage: Benchmarks/compare.sh BASE_REF [ROWS]}"
ROWS="${2:-1000000}"
BASE="$(git rev-parse --verify --quiet "$BASE_REF^{commit}")" || { echo "compare.sh: $BASE_REF is not a commit" >&2; exit 1; }
HEAD="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Stdlib Package.swift || echo '+changes')"
source Benchmarks/common.sh
ensure_time

OLD="$(build_base "$BASE")"

NEW_BIN="$(build_release "${TEI_BENCH_SCRATCH:-.build}")"
ensure_data "$ROWS" "$NEW_BIN"
PY="$(ensure_venv)"
exec "$PY" Benchmarks/bench.py --limit "${TEI_BENCH_LIMIT:-600}" compare --old "$OLD/tei" --new "$NEW_BIN/tei" \
    --old-label "$BASE_REF ($(git rev-parse --short "$BASE"))" --new-label "checkout ($HEAD)" \
    --rows "$ROWS" --repeats "${TEI_BENCH_REPEATS:-5}"
