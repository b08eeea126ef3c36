#!/usr/bin/env bash
# Importing a release onto a PostgreSQL server against importing it into the local SQLite cache:
#   bash Benchmarks/server_import.sh [ROWS]     (1,000,000 by default; the release run.sh makes)
#
# One run of each, one after the other, on the same machine, each with an empty cache:
#   1. local:  tei -c 'load "tweets.csv" | count'           (the import into the SQLite cache)
#   2. server: tei admin import tweets.csv --db URL         (that import, then the copy to the server)
#   3. copy:   the same into a fresh database, the local cache kept warm (the digest and the copy alone)
# on a private server started by Tests/Postgres/pg.sh (Unix socket, fsync off, shared_buffers 32MB),
# stopped at the end. Prints a Markdown table with the times and their ratios to the local import.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/common.sh
ROWS="${1:-1000000}"
BIN="$(build_release "${TEI_BENCH_SCRATCH:-.build}")"
TEI="$BIN/tei"
ensure_data "$ROWS" "$BIN"
TWEETS="$PWD/Benchmarks/data/tweets.csv"
WORK="$(mktemp -d)"
SERVER="$(Tests/Postgres/pg.sh start --owner $$)"
trap 'Tests/Postgres/pg.sh stop "$SERVER" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
URL="$(Tests/Postgres/pg.sh url "$SERVER")"
database_url() { echo "${URL/@\/postgres?/@\/$1?}"; }

seconds() { # the wall time of a command, in seconds
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>"$WORK/stderr" || { cat "$WORK/stderr" >&2; exit 1; }
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}

for database in import copy; do
    psql "$URL" -qc "CREATE DATABASE $database TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'"
done
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
local_time=$(TEI_CACHE_DIR="$WORK/cache-local" seconds "$TEI" --no-progress -c "load \"$TWEETS\" | count")
server_time=$(TEI_CACHE_DIR="$WORK/cache-server" seconds "$TEI" admin import "$TWEETS" --db "$(database_url import)")
copy_time=$(TEI_CACHE_DIR="$WORK/cache-server" seconds "$TEI" admin import "$TWEETS" --db "$(database_url copy)")
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

ratio() { awk -v a="$1" -v b="$local_time" 'BEGIN { printf "%.2f×", a / b }'; }
echo "Import of $ROWS rows ($(du -h "$TWEETS" | cut -f1)), one run each; load average $load_before before, $load_after after."
echo
echo "| what | time | against the local import |"
echo "|---|---:|---:|"
echo "| local SQLite import (\`load … | count\`) | $local_time s | 1.00× |"
echo "| \`tei admin import\` (local import, then the copy) | $server_time s | $(ratio "$server_time") |"
echo "| \`tei admin import\`, local cache warm (digest and copy) | $copy_time s | $(ratio "$copy_time") |"
