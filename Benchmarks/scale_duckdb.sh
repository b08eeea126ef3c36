#!/usr/bin/env bash
# tei against DuckDB at scale: bash Benchmarks/scale_duckdb.sh [ROWS]   (default 9000000). See Benchmarks/README.md.
#
# Builds the checkout's tei as run.sh does, generates (or reuses) the 2018-layout release of scale.sh
# (Benchmarks/data/scale-ROWS, seed 11), then times the import of tei and DuckDB and q1–q8 of each
# (bench.py duckdb-scale). TEI_BENCH_LIMIT, TEI_BENCH_REPEATS (3), TEI_BENCH_IMPORTS (1) and
# TEI_BENCH_SCRATCH as scale.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-9000000}"
source Benchmarks/common.sh
ensure_time
PYTHON="$(ensure_venv)"
BIN="$(build_release "${TEI_BENCH_SCRATCH:-.build}")"
FOLDER="$(ensure_scale_data "$ROWS" "$BIN")"
exec "$PYTHON" Benchmarks/bench.py --limit "${TEI_BENCH_LIMIT:-600}" duckdb-scale --tei "$BIN/tei" \
    --repeats "${TEI_BENCH_REPEATS:-3}" --import-repeats "${TEI_BENCH_IMPORTS:-1}" "$FOLDER"
