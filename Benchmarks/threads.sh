#!/usr/bin/env bash
# One thread against all: bash Benchmarks/threads.sh [ROWS...]   (default 1000000 9000000). See Benchmarks/README.md.
#
# Builds the checkout's tei as scale.sh does and times it at every size in one run (bench.py scale) with
# TEI_THREADS=1 ("old": every query one statement) against TEI_THREADS unset ("new": one thread per core,
# groupings over large tables split over ranges of rows). TEI_PARALLEL_MIN_ROWS, when set, reaches both
# (the one-thread side never splits), so `TEI_PARALLEL_MIN_ROWS=0 bash Benchmarks/threads.sh 100000 200000 400000`
# shows where splitting starts to pay. TEI_BENCH_LIMIT, TEI_BENCH_REPEATS (3), TEI_BENCH_IMPORTS (1) and
# TEI_BENCH_SCRATCH as scale.sh. A scale-ROWS folder may hold data/ as a symlink to a release generated
# elsewhere (with its rows.txt copied beside it): the run writes only beside data/, never into it.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ $# -gt 0 ] || SIZES=(1000000 9000000)
HEAD="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Stdlib Package.swift || echo '+changes')"
source Benchmarks/common.sh
ensure_time
BIN="$(build_release "${TEI_BENCH_SCRATCH:-.build}")"
FOLDERS=()
for rows in "${SIZES[@]}"; do FOLDERS+=("$(ensure_scale_data "$rows" "$BIN")"); done
# The same binary with one thread: a shell that sets TEI_THREADS and replaces itself with tei (about a
# millisecond more per run, within the noise of whole-process timings).
ONE="$PWD/Benchmarks/data/tei-one-thread"
mkdir -p Benchmarks/data
printf '#!/bin/sh\nTEI_THREADS=1 exec "%s" "$@"\n' "$BIN/tei" > "$ONE"
chmod +x "$ONE"
unset TEI_THREADS
exec python3 Benchmarks/bench.py --limit "${TEI_BENCH_LIMIT:-600}" scale --old "$ONE" --new "$BIN/tei" \
    --old-label "checkout ($HEAD), TEI_THREADS=1" --new-label "checkout ($HEAD), $(nproc) threads" \
    --repeats "${TEI_BENCH_REPEATS:-3}" --import-repeats "${TEI_BENCH_IMPORTS:-1}" "${FOLDERS[@]}"
