#!/usr/bin/env bash
# The import's CPU against DuckDB's: bash Benchmarks/import_cpu.sh CSV ROUNDS NAME=TEI_BINARY...
# See Benchmarks/README.md ("Import at 9M: the account records in memory").
#
# Imports CSV into an empty cache with each tei binary, and into a new DuckDB file (`CREATE TABLE … AS
# SELECT * FROM read_csv(…)`, Python's start included), the order reversed every round; prints each
# run's wall time, CPU (user + system, threads included) and peak RSS from /usr/bin/time, and the load
# average. The caches stay in Benchmarks/data/import-cpu/cache-NAME after the last round, to compare.
set -euo pipefail
cd "$(dirname "$0")/.."
CSV="$(realpath "$1")"; ROUNDS="$2"; shift 2
source Benchmarks/common.sh
ensure_time
PYTHON="$(ensure_venv)"
WORK="$PWD/Benchmarks/data/import-cpu"; mkdir -p "$WORK"
names=(); bins=()
for spec in "$@"; do names+=("${spec%%=*}"); bins+=("$(realpath "${spec#*=}")"); done
names+=(duckdb); bins+=(duckdb)
run() {
    local name="$1" bin="$2"
    local report="$WORK/$name.time"
    if [ "$bin" = duckdb ]; then
        rm -f "$WORK/duck.duckdb" "$WORK/duck.duckdb.wal"
        /usr/bin/time -f "%e %U %S %M" -o "$report" "$PYTHON" -c "import duckdb; c = duckdb.connect('$WORK/duck.duckdb'); \
c.execute(\"SET enable_progress_bar = false\"); c.execute(\"CREATE TABLE tweets AS SELECT * FROM read_csv('$CSV')\"); c.close()"
    else
        rm -rf "$WORK/cache-$name"
        TEI_CACHE_DIR="$WORK/cache-$name" NO_COLOR=1 /usr/bin/time -f "%e %U %S %M" -o "$report" "$bin" --no-progress \
            -c "let t = load \"$CSV\"
t | count" > /dev/null
    fi
    local wall user sys rss
    read -r wall user sys rss < "$report"
    printf '%s %-8s wall %7.1f s  cpu %6.1f s (user %.1f, sys %.1f)  peak %5d MB  load %s\n' "$(date -u +%H:%M:%S)" "$name" \
        "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" "$((rss / 1024))" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
count=${#names[@]}
for ((round = 0; round < ROUNDS; round++)); do
    if ((round % 2 == 0)); then order=$(seq 0 $((count - 1))); else order=$(seq $((count - 1)) -1 0); fi
    for i in $order; do run "${names[$i]}" "${bins[$i]}"; done
done
