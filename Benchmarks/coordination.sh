#!/usr/bin/env bash
# Times the Stdlib coordination functions on a large generated release (default 200,000 tweets).
#
#   Benchmarks/coordination.sh [ROWS] [WORKDIR]
#
# Builds tei and tei-fixtures in release mode (scratch path .build-course), generates the tweets
# file once (seed 7, 2019 layout), imports it into a fresh cache (timed apart), then times each
# coordination function with its default thresholds, counting its result rows (`| count`, so the
# time is SQLite's work, not printing millions of rows). Every run has a time limit, so the script
# never hangs: a function that exceeds LIMIT seconds is reported as such.
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-200000}
work=${2:-/tmp/course}
limit=${LIMIT:-900}
scratch=.build-course
mkdir -p "$work"
csv="$work/t.csv"

swift build -c release --scratch-path "$scratch" --product tei-fixtures >/dev/null
swift build -c release --scratch-path "$scratch" --product tei >/dev/null
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"

if [ ! -s "$csv" ] || [ "$(wc -l <"$csv")" -lt "$rows" ]; then
    timeout "$limit" "$bin/tei-fixtures" tweets --rows "$rows" --seed 7 --format 2019 --out "$csv"
fi

export TEI_CACHE_DIR="$work/cache"
rm -rf "$TEI_CACHE_DIR"
export TEI_STDLIB="$PWD/Stdlib"

run() { # label, tei code
    local start end status=0
    start=$(date +%s.%N)
    timeout "$limit" "$bin/tei" --no-progress --format csv -c "$2" >"$work/out.csv" || status=$?
    end=$(date +%s.%N)
    if [ "$status" -eq 124 ]; then
        printf '%-34s more than %ss (stopped)\n' "$1" "$limit"
    else
        printf '%-34s %6.1f s  exit %s  %s result rows\n' "$1" "$(echo "$end - $start" | bc)" "$status" "$(sed -n 2p "$work/out.csv")"
    fi
}

echo "tweets: $rows ($csv)"
run "import (load + count)" "load \"$csv\" | count"
run "duplicate_text_clusters(3, 5m)" "import \"coordination\"
load \"$csv\" | duplicate_text_clusters(min_accounts = 3, window = 5m) | count"
run "co_retweet_pairs(1h, 3)" "import \"coordination\"
load \"$csv\" | co_retweet_pairs(window = 1h, min_shared = 3) | count"
run "shared_url_pairs(2)" "import \"coordination\"
load \"$csv\" | shared_url_pairs(min_shared = 2) | count"
