#!/usr/bin/env bash
# The benchmark: bash Benchmarks/run.sh [ROWS]   (default 1000000). See Benchmarks/README.md.
# TEI_BENCH_SCRATCH=DIR picks the build folder; TEI_BENCH_LIMIT=SECONDS the limit of one run (600).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
source Benchmarks/common.sh
ensure_time
BIN="$(build_release "${TEI_BENCH_SCRATCH:-.build}")"
ensure_data "$ROWS" "$BIN"
PY="$(ensure_venv)"
exec "$PY" Benchmarks/bench.py --limit "${TEI_BENCH_LIMIT:-600}" run --tei "$BIN/tei" --rows "$ROWS"
