#!/usr/bin/env bash
# The streaming benchmark: bash Benchmarks/streaming.sh   (after Benchmarks/run.sh made the release
# in Benchmarks/data, or with TEI_BENCH_SKIP_DATA=1 and any tweets.csv there). See Benchmarks/README.md.
#
# 1. Peak memory of printing every row of the release in csv, json and jsonl, and of `save` to
#    .csv and .csv.gz, against the size of what is written (cache warm).
# 2. Time to the first row of `t | join t on tweet_language` (about 10^11 rows on the 1M release)
#    and of `t | join t on userid`, printed in csv, with a 120 s limit.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=Benchmarks/data
source Benchmarks/common.sh
TEI="$(build_release "${TEI_BENCH_SCRATCH:-.build}")/tei"
TWEETS="$DATA/tweets.csv"
[ -f "$TWEETS" ] || { echo "no $TWEETS: run Benchmarks/run.sh first" >&2; exit 1; }
ensure_time
export TEI_CACHE_DIR="$DATA/cache-streaming"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
LOAD="load \"$TWEETS\""
"$TEI" --no-progress -c "$LOAD | count" >/dev/null   # import once; every figure below reads the cache

peak() { # peak RSS in MB of a command, its output to $OUT/out
    /usr/bin/time -v "$@" 2>"$OUT/time" >"$OUT/out" || true
    awk '/Maximum resident set size/ { printf "%.0f", $6 / 1024 }' "$OUT/time"
}
size() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.0f", b / 1048576 }'; }

echo "| what | peak RSS | written |"
echo "|---|---:|---:|"
for format in csv json jsonl; do
    rss=$(peak "$TEI" --no-progress --format "$format" -c "$LOAD")
    echo "| \`--format $format\` of every row | $rss MB | $(size "$OUT/out") MB |"
done
for ending in csv csv.gz; do
    rss=$(peak "$TEI" --no-progress -c "save $LOAD to \"$OUT/saved.$ending\"")
    echo "| \`save\` to .$ending | $rss MB | $(size "$OUT/saved.$ending") MB |"
done

# The first row of each self-join: sed quits after it, so tei stops at the broken pipe and the time
# is that of the first row, not of the whole join.
echo
echo "| self-join of the release | time to the first row |"
echo "|---|---:|"
for key in tweet_language userid; do
    JOIN="let t = $LOAD
t | join t on $key | select tweetid, tweetid_t"
    start=$(date +%s.%N)
    first=$(timeout 120 bash -c '"$0" --no-progress --format csv -c "$1" | sed -n "2{p;q}"' "$TEI" "$JOIN" || true)
    end=$(date +%s.%N)
    if [ -n "$first" ]; then
        echo "| \`t \\| join t on $key\` | $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') s |"
    else
        echo "| \`t \\| join t on $key\` | none within 120 s |"
    fi
done
