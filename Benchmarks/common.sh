# What run.sh and compare.sh share: sourced by them, from the repository root.

# build_release SCRATCH: builds tei and tei-fixtures as a release for users is built (the Swift runtime
# linked in, so start-up is not dynamic loading) in SCRATCH; prints the folder of the binaries.
build_release() {
    local build=(swift build -c release --static-swift-stdlib --scratch-path "$1")
    "${build[@]}" --product tei >&2
    "${build[@]}" --product tei-fixtures >&2
    "${build[@]}" --show-bin-path
}

# build_base COMMIT: builds COMMIT's tei as build_release does, in a temporary git worktree with its own
# scratch path, removed as soon as the binary and a copy of its own Stdlib (where tei looks for it
# first) are in Benchmarks/data/compare-base; prints that folder. A binary already there built from
# COMMIT is reused.
build_base() {
    local old=Benchmarks/data/compare-base
    if [ "$(cat "$old/commit.txt" 2>/dev/null)" = "$1" ]; then echo "$old"; return; fi
    local worktree
    worktree="$(mktemp -d "${TMPDIR:-/tmp}/tei-compare-XXXXXX")"
    # SwiftPM also leaves lock files named after the scratch path in the temporary folder.
    remove_worktree() {
        git worktree remove --force "$worktree" 2>/dev/null || rm -rf "$worktree"
        git worktree prune
        rm -f "$(dirname "$worktree")/$(echo "$worktree" | tr / _)"_*.lock
    }
    trap remove_worktree EXIT
    git worktree add --detach --quiet "$worktree" "$1"
    local bin
    bin="$(cd "$worktree" && build_release "$worktree/.build")"
    rm -rf "$old.tmp" && mkdir -p "$old.tmp"
    cp "$bin/tei" "$old.tmp/tei" && cp -R "$worktree/Stdlib" "$old.tmp/Stdlib" && echo "$1" > "$old.tmp/commit.txt"
    rm -rf "$old" && mv "$old.tmp" "$old"
    remove_worktree
    trap - EXIT
    echo "$old"
}

# ensure_data ROWS FIXTURES_BIN: the synthetic 2019-layout tweets file and its users file in
# Benchmarks/data (git-ignored), regenerated only when ROWS changes.
ensure_data() {
    mkdir -p Benchmarks/data Benchmarks/results
    if [ "$(cat Benchmarks/data/rows.txt 2>/dev/null)" != "$1" ]; then
        rm -f Benchmarks/data/rows.txt
        "$2/tei-fixtures" tweets --rows "$1" --seed 7 --format 2019 \
            --out Benchmarks/data/tweets.csv --users-out Benchmarks/data/users.csv >&2
        echo "$1" > Benchmarks/data/rows.txt
    fi
}

# ensure_scale_data ROWS FIXTURES_BIN: a 2018-layout release of ROWS tweets (seed 11, ROWS / 40 accounts) and
# its users file in Benchmarks/data/scale-ROWS/data (git-ignored), for scale.sh; prints Benchmarks/data/scale-ROWS.
ensure_scale_data() {
    local folder="Benchmarks/data/scale-$1"
    mkdir -p "$folder/data" Benchmarks/results
    if [ "$(cat "$folder/rows.txt" 2>/dev/null)" != "$1" ]; then
        "$2/tei-fixtures" tweets --rows "$1" --seed 11 --format 2018 \
            --out "$folder/data/tweets.csv" --users-out "$folder/data/users.csv" >&2
        echo "$1" > "$folder/rows.txt"
    fi
    echo "$folder"
}

# ensure_venv: a throwaway venv in Benchmarks/data/venv with the peers (DuckDB, the Coordination
# Network Toolkit), never in the product; prints the Python to run bench.py with. A peer pip cannot
# install is reported unavailable by bench.py.
ensure_venv() {
    local venv=Benchmarks/data/venv
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv" >&2 || true
    if [ -x "$venv/bin/python" ]; then
        "$venv/bin/python" -c 'import duckdb' 2>/dev/null || "$venv/bin/pip" install -q duckdb >&2 \
            || echo "DuckDB unavailable: pip failed" >&2
        "$venv/bin/python" -c 'import coordination_network_toolkit' 2>/dev/null \
            || "$venv/bin/pip" install -q coordination-network-toolkit >&2 \
            || echo "Coordination Network Toolkit unavailable: pip failed" >&2
        echo "$venv/bin/python"
    else
        echo python3
    fi
}

# /usr/bin/time -v gives each run's peak RSS.
ensure_time() {
    [ -x /usr/bin/time ] || apt-get install -y time >/dev/null
}

# prepare_check_release ROWS: the debug tei and tei-fixtures (the checks against DuckDB compare
# answers, not speed) and a generated 2018-layout release of ROWS tweets (seed 11), kept in
# Benchmarks/data; sets BIN (their folder) and DATA (the release's CSV).
prepare_check_release() {
    local rows="$1"
    swift build --product tei >&2
    swift build --product tei-fixtures >&2
    BIN="$(swift build --show-bin-path)"
    mkdir -p Benchmarks/data
    DATA="Benchmarks/data/check_tweets_2018_$rows.csv"
    if [ ! -f "$DATA" ]; then
        "$BIN/tei-fixtures" tweets --rows "$rows" --seed 11 --format 2018 --out "$DATA.part" >&2
        mv "$DATA.part" "$DATA"
    fi
}
