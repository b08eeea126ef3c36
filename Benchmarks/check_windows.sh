#!/usr/bin/env bash
# Checks tei's per-group steps and window functions against DuckDB: bash Benchmarks/check_windows.sh [ROWS]
# (default 200000) on the generated 2018-layout release (seed 11) that check_duckdb.sh uses too.
# Skips, saying so, when DuckDB cannot be installed. TEI_CHECK_PYTHON=PATH picks a Python that has
# DuckDB instead of the benchmark's venv. Exit 1 when an answer differs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-200000}"
source Benchmarks/common.sh
prepare_check_release "$ROWS"
PY="${TEI_CHECK_PYTHON:-$(ensure_venv)}"
exec "$PY" Benchmarks/check_windows.py --tei "$BIN/tei" --tweets "$DATA" --cache Benchmarks/data/check-cache
