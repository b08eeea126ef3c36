#!/usr/bin/env bash
# At scale: bash Benchmarks/scale.sh BASE_REF [ROWS...]   (default 1000000 9000000). See Benchmarks/README.md.
#
# Builds BASE_REF's tei as compare.sh does and the current checkout's, generates a 2018-layout release
# of each size (Benchmarks/data/scale-ROWS, seed 11), then times both binaries at every size in one
# run (bench.py scale): import time and peak RSS, q1–q8, and each question's growth from the smallest
# size to the others. TEI_BENCH_LIMIT, TEI_BENCH_REPEATS (3), TEI_BENCH_IMPORTS (2) and TEI_BENCH_SCRATCH
# as compare.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE_REF="${1:?usage: Benchmarks/scale.sh BASE_REF [ROWS...]}"
shift
SIZES=("$@")
[ $# -gt 0 ] || SIZES=(1000000 9000000)
BASE="$(git rev-parse --verify --quiet "$BASE_REF^{commit}")" || { echo "scale.sh: $BASE_REF is not a commit" >&2; exit 1; }
HEAD="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Stdlib Package.swift || echo '+changes')"
source Benchmarks/common.sh
ensure_time
OLD="$(build_base "$BASE")"
NEW_BIN="$(build_release "${TEI_BENCH_SCRATCH:-.build}")"
FOLDERS=()
for rows in "${SIZES[@]}"; do FOLDERS+=("$(ensure_scale_data "$rows" "$NEW_BIN")"); done
exec python3 Benchmarks/bench.py --limit "${TEI_BENCH_LIMIT:-600}" scale --old "$OLD/tei" --new "$NEW_BIN/tei" \
    --old-label "$BASE_REF ($(git rev-parse --short "$BASE"))" --new-label "checkout ($HEAD)" \
    --repeats "${TEI_BENCH_REPEATS:-3}" --import-repeats "${TEI_BENCH_IMPORTS:-2}" "${FOLDERS[@]}"
