#!/usr/bin/env bash
# Per-group steps and window functions checked against DuckDB: bash Benchmarks/check_windows.sh
# On a generated release of 200,000 tweets (2018 layout, seed 11, kept in Benchmarks/data/windows/),
# each question of check_windows.py is asked of tei and of DuckDB; exit 1 when an answer differs.
# Without DuckDB (pip cannot install it) it says so and exits 0. See Benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=200000
DATA=Benchmarks/data/windows
swift build --product tei >&2
swift build --product tei-fixtures >&2
BIN="$(swift build --show-bin-path)"
mkdir -p "$DATA"
if [ ! -f "$DATA/tweets_$ROWS.csv" ]; then
    "$BIN/tei-fixtures" tweets --rows "$ROWS" --seed 11 --format 2018 --out "$DATA/tweets_$ROWS.csv.part" >&2
    mv "$DATA/tweets_$ROWS.csv.part" "$DATA/tweets_$ROWS.csv"
fi
VENV=Benchmarks/data/venv
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" >&2 || true
PY=python3
if [ -x "$VENV/bin/python" ]; then
    "$VENV/bin/python" -c 'import duckdb' 2>/dev/null || "$VENV/bin/pip" install -q duckdb >&2 || echo "pip could not install DuckDB" >&2
    PY="$VENV/bin/python"
fi
exec "$PY" Benchmarks/check_windows.py --tei "$BIN/tei" --tweets "$DATA/tweets_$ROWS.csv"
