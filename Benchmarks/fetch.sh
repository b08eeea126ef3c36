#!/usr/bin/env bash
# The fetch benchmark: bash Benchmarks/fetch.sh [SIZE_MB]   (default 2048). See Benchmarks/README.md.
# TEI_BENCH_BIN=PATH measures that tei instead of building the release.
#
# 1. Peak RSS of `tei fetch` downloading one SIZE_MB file from the local test server (memory must
#    not grow with the file: the issue's target is under 50 MB for 2 GB), and of a run that
#    downloads nothing (a 404), for the baseline.
# 2. Wall time of fetching 8 files of 4 MB with --jobs 1 and --jobs 4 from a server sending each
#    connection at most 2 MB/s, and their ratio; then the same files as gs://bench/ through the
#    server's bucket listing with --jobs 4, and its rerun (nothing changed: the listing alone).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB="${1:-2048}"
source Benchmarks/common.sh
ensure_time
TEI="${TEI_BENCH_BIN:-$(build_release "${TEI_BENCH_SCRATCH:-.build}")/tei}"
WORK="$(mktemp -d)"
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER"; rm -rf "$WORK"' EXIT

# serve FOLDER RULES_JSON: starts the test server on FOLDER; sets PORT and SERVER (its pid).
serve() {
    echo "$2" > "$WORK/rules.json"
    # A port file left by the previous server would be read before the new one truncates it.
    rm -f "$WORK/port"
    python3 Tests/FetchServer/fetch_server.py "$1" "$WORK/rules.json" > "$WORK/port" &
    SERVER=$!
    while [ ! -s "$WORK/port" ]; do sleep 0.1; done
    PORT="$(head -1 "$WORK/port")"
}
peak() { # peak RSS in MB of a command
    /usr/bin/time -v "$@" 2>"$WORK/time" >/dev/null || true
    awk '/Maximum resident set size/ { printf "%.0f", $6 / 1024 }' "$WORK/time"
}

mkdir -p "$WORK/served" "$WORK/throttled"
head -c "$((SIZE_MB * 1048576))" /dev/urandom > "$WORK/served/big.bin"
serve "$WORK/served" '{}'
echo "| what | peak RSS (MB) |"
echo "|---|---:|"
echo "| a 404 (nothing downloaded) | $(peak "$TEI" fetch "http://127.0.0.1:$PORT/none.bin" --to "$WORK/out") |"
echo "| one $SIZE_MB MB file | $(peak "$TEI" fetch "http://127.0.0.1:$PORT/big.bin" --to "$WORK/out") |"
cmp "$WORK/served/big.bin" "$WORK/out/big.bin"
rm -rf "$WORK/out" "$WORK/served"
kill "$SERVER"

mkdir -p "$WORK/throttled/bench"
for n in 1 2 3 4 5 6 7 8; do head -c 4194304 /dev/urandom > "$WORK/throttled/bench/part$n.zip"; done
serve "$WORK/throttled" '{"*": {"rate": 2000000}, "listing": {"no_crc32c": true}}'
urls=()
for n in 1 2 3 4 5 6 7 8; do urls+=("http://127.0.0.1:$PORT/bench/part$n.zip"); done
seconds() { # wall time of a command
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>"$WORK/last-stderr" || { cat "$WORK/last-stderr" >&2; exit 1; }
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }'
}
one="$(seconds "$TEI" fetch "${urls[@]}" --to "$WORK/jobs1" --jobs 1)"
four="$(seconds "$TEI" fetch "${urls[@]}" --to "$WORK/jobs4" --jobs 4)"
bucket=("$TEI" fetch gs://bench/ --to "$WORK/bucket" --jobs 4 --listing-url "http://127.0.0.1:$PORT" --download-url "http://127.0.0.1:$PORT")
listed="$(seconds "${bucket[@]}")"
rerun="$(seconds "${bucket[@]}")"
cmp "$WORK/throttled/bench/part8.zip" "$WORK/bucket/part8.zip"
echo
echo "| 8 files of 4 MB, 2 MB/s per connection | seconds |"
echo "|---|---:|"
echo "| --jobs 1 | $one |"
echo "| --jobs 4 | $four ($(awk -v a="$one" -v b="$four" 'BEGIN { printf "%.1f", a / b }')x faster) |"
echo "| gs://bench/ (listing, MD5 checked), --jobs 4 | $listed |"
echo "| gs://bench/ again, nothing changed | $rerun |"
