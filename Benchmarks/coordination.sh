#!/usr/bin/env bash
# Coordination networks, tei against the Coordination Network Toolkit: bash Benchmarks/coordination.sh [ROWS]
# (default 1000000). See Benchmarks/README.md. TEI_BENCH_TEI=FILE times a tei already built instead of
# building one; TEI_BENCH_WINDOW=SECONDS the time window (3600); TEI_BENCH_LIMIT=SECONDS the limit of a run (600).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
source Benchmarks/common.sh
ensure_time
if [ -n "${TEI_BENCH_TEI:-}" ]; then
    TEI="$TEI_BENCH_TEI"
    [ -f Benchmarks/data/tweets.csv ] || { echo "Benchmarks/data/tweets.csv is missing: run without TEI_BENCH_TEI once" >&2; exit 1; }
else
    BIN="$(build_release "${TEI_BENCH_SCRATCH:-.build}")"
    ensure_data "$ROWS" "$BIN"
    TEI="$BIN/tei"
fi
PY="$(ensure_venv)"
exec "$PY" Benchmarks/coordination.py --tei "$TEI" --window "${TEI_BENCH_WINDOW:-3600}" --limit "${TEI_BENCH_LIMIT:-600}"
