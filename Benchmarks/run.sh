#!/usr/bin/env bash
# The storage benchmark: bash Benchmarks/run.sh [ROWS]   (default 1000000). See Benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
DATA=Benchmarks/data
mkdir -p "$DATA" Benchmarks/results
command -v /usr/bin/time >/dev/null || { apt-get install -y time >/dev/null; }
SCRATCH="${TEI_BENCH_SCRATCH:-.build}"
# As a release is built for users: the Swift runtime linked in, so start-up is not dynamic loading.
BUILD=(swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH")
"${BUILD[@]}" --product tei >&2
"${BUILD[@]}" --product tei-fixtures >&2
BIN="$("${BUILD[@]}" --show-bin-path)"
if [ "$(cat "$DATA/rows.txt" 2>/dev/null)" != "$ROWS" ]; then
    rm -f "$DATA/rows.txt"
    "$BIN/tei-fixtures" tweets --rows "$ROWS" --seed 7 --format 2019 --out "$DATA/tweets.csv" --users-out "$DATA/users.csv" >&2
    echo "$ROWS" > "$DATA/rows.txt"
fi
if [ ! -x "$DATA/venv/bin/python" ]; then
    python3 -m venv "$DATA/venv" && "$DATA/venv/bin/pip" install -q duckdb >&2 || echo "DuckDB unavailable: pip failed" >&2
fi
PY="$DATA/venv/bin/python"; [ -x "$PY" ] || PY=python3
exec "$PY" Benchmarks/bench.py --tei "$BIN/tei" --rows "$ROWS"
