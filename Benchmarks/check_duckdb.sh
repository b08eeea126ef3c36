#!/usr/bin/env bash
# Checks tei's percentile, median and mode against DuckDB: bash Benchmarks/check_duckdb.sh [ROWS]
# (default 200000) on a generated 2018-layout release (seed 11). Skips, saying so, when DuckDB cannot
# be installed. TEI_CHECK_PYTHON=PATH picks a Python that has DuckDB instead of the benchmark's venv.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-200000}"
source Benchmarks/common.sh
prepare_check_release "$ROWS"
PY="${TEI_CHECK_PYTHON:-$(ensure_venv)}"
exec "$PY" Benchmarks/check_duckdb.py --tei "$BIN/tei" --csv "$DATA" --cache-dir Benchmarks/data/check-cache
