#!/usr/bin/env bash
# The ten questions on a PostgreSQL server beside tei on SQLite and DuckDB (issue 19):
#   bash Benchmarks/postgres.sh [ROWS]     (1,000,000 by default: the release run.sh makes; other sizes
#                                           the 2018-layout release of scale.sh, Benchmarks/data/scale-ROWS,
#                                           which may be a link to one made elsewhere)
#
# Starts a private server with Tests/Postgres/pg.sh (Unix socket, fsync off) with parallel workers
# (max_parallel_workers_per_gather = 2, max_parallel_workers = 4) and 1 GB of shared buffers, so
# the release stays in the server's memory as it does in SQLite's page cache and DuckDB's; makes two
# databases (C collation) and runs `bench.py postgres`: `tei admin import` into each (timed), then
# q1–q10 (TEI_BENCH_ONLY=q9,q10: those alone) with `tei --db URL` whole process against tei on its local cache and DuckDB in Python,
# interleaved, the server's answers checked against SQLite's. Stops the server at the end.
# TEI_BENCH_REPEATS (5) runs per question; TEI_BENCH_LIMIT (600) seconds a run; TEI_BENCH_WARM_IMPORT=1
# makes `tei admin import` read from the local cache the questions use (its time: the SHA-256s and the
# copy), which saves a second local import of a large release.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/common.sh
ROWS="${1:-1000000}"
ensure_time
BIN="$(build_release "${TEI_BENCH_SCRATCH:-.build}")"
if [ "$ROWS" = 1000000 ]; then
    ensure_data "$ROWS" "$BIN"
    DATA=Benchmarks/data
else
    DATA="$(ensure_scale_data "$ROWS" "$BIN")/data"
fi
PY="$(ensure_venv)"
SERVER="$(Tests/Postgres/pg.sh start --owner $$ --set shared_buffers=1GB --set max_parallel_workers_per_gather=2 \
    --set max_parallel_workers=4 --set max_worker_processes=8)"
trap 'Tests/Postgres/pg.sh stop "$SERVER" >/dev/null 2>&1 || true' EXIT
URL="$(Tests/Postgres/pg.sh url "$SERVER")"
database_url() { echo "${URL/@\/postgres?/@\/$1?}"; }
for database in with_rollups without_rollups; do
    psql "$URL" -qc "CREATE DATABASE $database TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'"
done
"$PY" Benchmarks/bench.py --limit "${TEI_BENCH_LIMIT:-600}" postgres --tei "$BIN/tei" --rows "$ROWS" --data "$DATA" \
    --with "$(database_url with_rollups)" --without "$(database_url without_rollups)" --repeats "${TEI_BENCH_REPEATS:-5}" \
    ${TEI_BENCH_WARM_IMPORT:+--warm-import} ${TEI_BENCH_ONLY:+--only "$TEI_BENCH_ONLY"}
