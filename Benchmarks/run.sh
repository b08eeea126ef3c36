#!/usr/bin/env bash
# The storage benchmark: bash Benchmarks/run.sh [ROWS]   (default 1000000). See Benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
DATA=Benchmarks/data
mkdir -p "$DATA" Benchmarks/results
command -v /usr/bin/time >/dev/null || { apt-get install -y time >/dev/null; }
SCRATCH="${TEI_BENCH_SCRATCH:-.build}"
swift build -c release --scratch-path "$SCRATCH" --product tei >&2
swift build -c release --scratch-path "$SCRATCH" --product tei-fixtures >&2
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"
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
