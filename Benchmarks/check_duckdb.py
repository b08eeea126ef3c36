"""Checks tei's percentile, median and mode against DuckDB on the same release.

    python Benchmarks/check_duckdb.py --tei PATH/tei --csv TWEETS.csv [--cache-dir DIR]

tei computes, per tweet language and per account, percentiles of like_count, retweet_count and follower_count (at
several fractions), their medians, and the modes of like_count and tweet_client_name; DuckDB
computes the same with `quantile_cont`, `median`, and a mode whose ties go to the smallest value
(tei's rule; DuckDB's own `mode` leaves ties open, so it is compared only where there is none).
Prints one line per function and exits 1 on any difference, 0 when all agree, and 0 with a message
when DuckDB is not installed (the check is skipped, not passed).
"""
import argparse
import csv
import io
import json
import math
import os
import subprocess
import sys
import tempfile

FRACTIONS = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1]
NUMBERS = ["like_count", "retweet_count", "follower_count"]


def percentile_name(column, fraction):
    return f"p{int(round(fraction * 100))}_{column}"


def tei_script(csv_path, key):
    aggregates = ["n = count()"]
    for column in NUMBERS:
        aggregates += [f"{percentile_name(column, f)} = percentile({column}, {f})" for f in FRACTIONS]
        aggregates.append(f"median_{column} = median({column})")
    aggregates += ["mode_like_count = mode(like_count)", "mode_client = mode(tweet_client_name)"]
    return (f"let tweets = load {json.dumps(os.path.abspath(csv_path), ensure_ascii=False)}\n"
            f"tweets | filter tweet_language != null | group {key} ({', '.join(aggregates)}) | sort {key}\n")


def duckdb_query(key):
    columns = ["count(*) AS n"]
    for column in NUMBERS:
        columns += [f"quantile_cont({column}, {f}) AS {percentile_name(column, f)}" for f in FRACTIONS]
        columns.append(f"median({column}) AS median_{column}")
    modes = []
    for name, column in [("mode_like_count", "like_count"), ("mode_client", "tweet_client_name")]:
        modes.append(f"""
            {name} AS (
                SELECT {key}, value AS {name}, ties AS ties_{name} FROM (
                    SELECT {key}, value, count(*) OVER (PARTITION BY {key}, n) AS ties,
                           row_number() OVER (PARTITION BY {key} ORDER BY n DESC, value) AS rank
                    FROM (SELECT {key}, {column} AS value, count(*) AS n FROM tweets
                          WHERE {column} IS NOT NULL GROUP BY ALL) AS c
                ) WHERE rank = 1
            ),
            duckdb_{name} AS (SELECT {key}, mode({column}) AS duckdb_{name} FROM tweets GROUP BY {key})""")
    return f"""
        WITH {', '.join(modes)},
        stats AS (SELECT {key}, {', '.join(columns)} FROM tweets GROUP BY {key})
        SELECT * FROM stats LEFT JOIN mode_like_count USING ({key}) LEFT JOIN mode_client USING ({key})
            LEFT JOIN duckdb_mode_like_count USING ({key}) LEFT JOIN duckdb_mode_client USING ({key})
        ORDER BY {key}
    """


def load_duckdb(duckdb, csv_path):
    connection = duckdb.connect()
    connection.execute(f"""
        CREATE TABLE tweets AS SELECT
            nullif(tweet_language, '') AS tweet_language,
            userid,
            nullif(tweet_client_name, '') AS tweet_client_name,
            TRY_CAST(like_count AS BIGINT) AS like_count,
            TRY_CAST(retweet_count AS BIGINT) AS retweet_count,
            TRY_CAST(follower_count AS BIGINT) AS follower_count
        FROM read_csv(?, header = true, all_varchar = true, quote = '"', escape = '"')
    """, [csv_path])
    connection.execute("DELETE FROM tweets WHERE tweet_language IS NULL")
    return connection


def same(tei_text, duckdb_value):
    if duckdb_value is None:
        return tei_text == ""
    if isinstance(duckdb_value, str):
        return tei_text == duckdb_value
    value = float(tei_text)
    return math.isclose(value, float(duckdb_value), rel_tol=1e-12, abs_tol=1e-9)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tei", required=True)
    parser.add_argument("--csv", required=True)
    parser.add_argument("--cache-dir")
    arguments = parser.parse_args()
    try:
        import duckdb
    except ImportError:
        print("DuckDB is not installed for this Python: the check is skipped (Benchmarks/common.sh ensure_venv installs it)")
        return 0

    connection = load_duckdb(duckdb, arguments.csv)
    print(f"DuckDB {duckdb.__version__}")
    failures = 0
    for key in ["tweet_language", "userid"]:
        failures += compare(arguments, connection, key)
    print("all agree" if failures == 0 else f"{failures} differences")
    return 0 if failures == 0 else 1


def compare(arguments, connection, key):
    """The number of values that differ between tei and DuckDB with the tweets grouped by `key`."""
    with tempfile.NamedTemporaryFile("w", suffix=".tei", delete=False) as script:
        script.write(tei_script(arguments.csv, key))
    command = [arguments.tei, "run", script.name, "--format", "csv", "--no-progress"]
    if arguments.cache_dir:
        command += ["--cache-dir", arguments.cache_dir]
    ran = subprocess.run(command, capture_output=True, text=True)
    os.unlink(script.name)
    if ran.returncode != 0:
        print(f"tei failed ({ran.returncode}):\n{ran.stderr}", file=sys.stderr)
        return 1
    tei_rows = list(csv.DictReader(io.StringIO(ran.stdout)))
    result = connection.execute(duckdb_query(key))
    names = [d[0] for d in result.description]
    duck_rows = [dict(zip(names, row)) for row in result.fetchall()]
    print(f"\nby {key}: {sum(int(r['n']) for r in tei_rows)} tweets in {len(tei_rows)} groups")

    if [r[key] for r in tei_rows] != [r[key] for r in duck_rows]:
        print("the groups differ")
        return 1
    failures = 0
    for column in tei_rows[0]:
        if column == key:
            continue
        differing = [(t[key], t[column], d[column]) for t, d in zip(tei_rows, duck_rows) if not same(t[column], d[column])]
        failures += len(differing)
        print(f"{column:24} {'same in every group' if not differing else f'DIFFERS in {len(differing)}: {differing[:3]}'}")
    for mode in ["mode_like_count", "mode_client"]:
        tied = sum(1 for d in duck_rows if (d[f"ties_{mode}"] or 0) > 1)
        untied = [(t, d) for t, d in zip(tei_rows, duck_rows) if d[f"ties_{mode}"] == 1]
        differing = [t[key] for t, d in untied if not same(t[mode], d[f"duckdb_{mode}"])]
        failures += len(differing)
        print(f"{mode:24} {tied} groups with a tie (smallest taken); DuckDB's mode() agrees in the {len(untied)} without one"
              + ("" if not differing else f"; DIFFERS in {differing[:3]}"))
    return failures


if __name__ == "__main__":
    sys.exit(main())
