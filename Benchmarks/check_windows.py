"""Checks tei's per-group steps and window functions against DuckDB on one tweets file: each question is
asked of both, and their rows must be the same, in the same order. See Benchmarks/README.md.

    check_windows.py --tei TEI --tweets FILE [--cache DIR]

Exits 0 when every answer agrees, 1 when one differs, and 0 with a message when DuckDB is not installed.
Ties are broken by tweetid on both sides, so that the answers are defined without file order (which
DuckDB's read_csv does not promise to keep); times are compared as seconds since 1970, durations as
seconds, floats to nine significant digits.
"""
import argparse
import json
import math
import subprocess
import sys
from pathlib import Path

# name: (the tei pipeline over `t`, DuckDB's SQL over the table `t`)
QUESTIONS = {
    "first tweet per account": (
        "t | group userid (sort tweet_time, tweetid | take 1) | select userid, tweetid",
        "SELECT userid, tweetid FROM t QUALIFY row_number() OVER (PARTITION BY userid ORDER BY tweet_time, tweetid) = 1 "
        "ORDER BY userid"),
    "3 most liked per account": (
        "t | group userid (sort -like_count, tweetid | take 3) | select userid, tweetid, like_count",
        "SELECT userid, tweetid, like_count FROM t QUALIFY row_number() OVER "
        "(PARTITION BY userid ORDER BY like_count DESC NULLS LAST, tweetid) <= 3 "
        "ORDER BY userid, like_count DESC NULLS LAST, tweetid"),
    "rows 2 to 4 per account": (
        "t | group userid (sort tweet_time, tweetid | take 2..4) | select userid, tweetid",
        "SELECT userid, tweetid FROM t QUALIFY row_number() OVER (PARTITION BY userid ORDER BY tweet_time, tweetid) "
        "BETWEEN 2 AND 4 ORDER BY userid, tweet_time, tweetid"),
    "gaps, lag and lead per account": (
        "t | group userid (sort tweet_time, tweetid | derive gap = tweet_time - lag(tweet_time), before = lag(tweetid), "
        "after2 = lead(tweetid, 2)) | select userid, tweetid, gap, before, after2",
        "SELECT userid, tweetid, epoch(tweet_time) - epoch(lag(tweet_time) OVER w) AS gap, lag(tweetid) OVER w AS before, "
        "lead(tweetid, 2) OVER w AS after2 FROM t WINDOW w AS (PARTITION BY userid ORDER BY tweet_time, tweetid) "
        "ORDER BY userid, tweet_time, tweetid"),
    "running count and likes per account": (
        "t | group userid (sort tweet_time, tweetid | derive n = running_count(), likes = running_sum(like_count), "
        "nth = row_number()) | select userid, tweetid, n, likes, nth",
        "SELECT userid, tweetid, count(*) OVER w AS n, sum(like_count) OVER w AS likes, row_number() OVER w AS nth FROM t "
        "WINDOW w AS (PARTITION BY userid ORDER BY tweet_time, tweetid ROWS UNBOUNDED PRECEDING) "
        "ORDER BY userid, tweet_time, tweetid"),
    "each language's share of the total": (
        "t | group tweet_language (n = count()) | derive share = n / sum(n), cumulative = running_sum(n)",
        "SELECT tweet_language, n, n / sum(n) OVER () AS share, sum(n) OVER (ORDER BY tweet_language ROWS UNBOUNDED PRECEDING) "
        "FROM (SELECT tweet_language, count(*) AS n FROM t GROUP BY tweet_language) ORDER BY tweet_language"),
    "share of each account's likes": (
        "t | group userid (derive of_account = like_count / sum(like_count), most = max(like_count)) "
        "| select userid, tweetid, of_account, most | sort userid, tweetid",
        # tei's division by zero is null (DuckDB's 0 / 0 is NaN).
        "SELECT userid, tweetid, like_count / nullif(sum(like_count) OVER (PARTITION BY userid), 0), max(like_count) OVER "
        "(PARTITION BY userid) FROM t ORDER BY userid, tweetid"),
    "accounts ranked by tweets": (
        "t | group userid (n = count()) | sort -n | derive r = rank(), d = dense_rank(), nth = row_number()",
        "SELECT userid, n, rank() OVER (ORDER BY n DESC), dense_rank() OVER (ORDER BY n DESC), "
        "row_number() OVER (ORDER BY n DESC, userid) FROM (SELECT userid, count(*) AS n FROM t GROUP BY userid) "
        "ORDER BY n DESC, userid"),
    "7-day rolling tweets per day": (
        "t | group day = date(tweet_time) (n = count()) | derive s = rolling_sum(n, 7d), a = rolling_avg(n, 7d), "
        "c = rolling_count(7d) | select day = text(day), n, s, a, c",
        "SELECT CAST(day AS VARCHAR), n, sum(n) OVER w, avg(n) OVER w, count(*) OVER w FROM "
        "(SELECT CAST(tweet_time AS DATE) AS day, count(*) AS n FROM t GROUP BY day) "
        "WINDOW w AS (ORDER BY day RANGE BETWEEN INTERVAL 6 DAYS PRECEDING AND CURRENT ROW) ORDER BY day"),
    "tweets in the day before, per account": (
        "t | group userid (sort tweet_time | derive c = rolling_count(1d), likes = rolling_sum(like_count, 1d)) "
        "| select userid, tweetid, c, likes | sort userid, tweetid",
        "SELECT userid, tweetid, count(*) OVER w, sum(like_count) OVER w FROM t WINDOW w AS (PARTITION BY userid "
        "ORDER BY tweet_time RANGE BETWEEN INTERVAL 86399 SECONDS PRECEDING AND CURRENT ROW) ORDER BY userid, tweetid"),
    "median gap per account": (
        "t | group userid (sort tweet_time, tweetid | derive gap = tweet_time - lag(tweet_time)) | filter gap != null "
        "| group userid (typical = median(gap))",
        "SELECT userid, median(gap) FROM (SELECT userid, epoch(tweet_time) - epoch(lag(tweet_time) OVER "
        "(PARTITION BY userid ORDER BY tweet_time, tweetid)) AS gap FROM t) WHERE gap IS NOT NULL "
        "GROUP BY userid ORDER BY userid"),
    # Sorted by the time alone, as the index of each account's tweets holds them, tei reads that index
    # once (`ReadWindowFromIndex`). Ties need no breaking: the gaps of an account, their sum and its
    # count are the same whichever of two tied tweets comes first.
    "median gap per account, read from the index": (
        "t | group userid (sort tweet_time | derive gap = tweet_time - lag(tweet_time)) | filter gap != null "
        "| group userid (typical = median(gap))",
        "SELECT userid, median(gap) FROM (SELECT userid, epoch(tweet_time) - epoch(lag(tweet_time) OVER "
        "(PARTITION BY userid ORDER BY tweet_time)) AS gap FROM t) WHERE gap IS NOT NULL "
        "GROUP BY userid ORDER BY userid"),
    "span and tweets per account from lead and running counts, read from the index": (
        "t | group userid (sort tweet_time | derive next = lead(tweet_time), n = running_count()) "
        "| group userid (tweets = max(n), span = sum(next - tweet_time))",
        "SELECT userid, max(n), sum(epoch(next) - epoch(tweet_time)) FROM (SELECT userid, tweet_time, "
        "lead(tweet_time) OVER w AS next, row_number() OVER w AS n FROM t "
        "WINDOW w AS (PARTITION BY userid ORDER BY tweet_time)) GROUP BY userid ORDER BY userid"),
}


def same(a, b):
    """Whether two values agree: numbers to nine significant digits, the rest exactly."""
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(a, str) and isinstance(b, int) and not isinstance(b, bool):
        return a == str(b)  # tei writes whole numbers past 2^53 (tweet ids) as JSON text
    return a == b


def tei_rows(tei, cache, tweets, pipeline):
    code = f'let t = load "{tweets}"\n{pipeline}'
    done = subprocess.run([tei, "--no-progress", "--format", "jsonl", "--cache-dir", str(cache), "-c", code],
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"check_windows.py: tei failed on\n{pipeline}\n{done.stderr}")
    return [list(json.loads(line).values()) for line in done.stdout.splitlines() if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tei", required=True)
    parser.add_argument("--tweets", required=True)
    parser.add_argument("--cache", default=None, help="tei's cache folder (default: beside the tweets file)")
    args = parser.parse_args()
    try:
        import duckdb
    except ImportError:
        print("check_windows.py: DuckDB is not installed (pip install duckdb): windows not checked")
        return 0
    tweets = Path(args.tweets).resolve()
    cache = Path(args.cache) if args.cache else tweets.parent / "tei-cache"
    connection = duckdb.connect()
    connection.execute(f"CREATE TABLE t AS SELECT * FROM read_csv(?, header = true)", [str(tweets)])
    rows = connection.execute("SELECT count(*) FROM t").fetchone()[0]
    print(f"tei against DuckDB {duckdb.__version__} on {tweets.name} ({rows:,} tweets)")
    failures = 0
    for name, (pipeline, sql) in QUESTIONS.items():
        expected = [list(row) for row in connection.execute(sql).fetchall()]
        actual = tei_rows(args.tei, cache, tweets, pipeline)
        difference = next((i for i, (a, b) in enumerate(zip(actual, expected))
                           if len(a) != len(b) or not all(same(x, y) for x, y in zip(a, b))), None)
        if difference is None and len(actual) == len(expected):
            print(f"  same answer: {name} ({len(actual):,} rows)")
            continue
        failures += 1
        where = difference if difference is not None else min(len(actual), len(expected))
        print(f"  DIFFERENT: {name}: {len(actual):,} rows against DuckDB's {len(expected):,}; first difference at row "
              f"{where + 1}: {actual[where] if where < len(actual) else None} against "
              f"{expected[where] if where < len(expected) else None}")
    print("every answer agrees" if failures == 0 else f"{failures} answers differ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
