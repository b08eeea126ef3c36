"""Times tei against sqlite3 and DuckDB on one synthetic tweets file; run through run.sh.

Every figure is the median of several runs of a whole process (start-up included) for tei and the
sqlite3 CLI; DuckDB queries are timed inside one Python process (its import alone costs more than
most queries), on a table that `read_csv` loaded into a DuckDB file.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"
QUESTIONS = ROOT / "questions"
RESULTS = ROOT / "results"
REPEATS = 3
QUESTION_REPEATS = 7


def run_timed(command, env=None, stdin=None, cwd=None):
    """Runs a command under /usr/bin/time -v; returns (seconds, peak RSS in MB, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        completed = subprocess.run(["/usr/bin/time", "-v", "-o", report.name] + command, env=env, cwd=cwd,
                                   input=stdin, capture_output=True, text=True, timeout=1800)
        elapsed = time.perf_counter() - start
        if completed.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{completed.stderr}")
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report.read())
        return elapsed, int(match.group(1)) / 1024 if match else float("nan"), completed.stdout


def tei_env(cache):
    env = dict(os.environ, TEI_CACHE_DIR=str(cache), NO_COLOR="1")
    return env


def median_time(command, **kwargs):
    return statistics.median(run_timed(command, **kwargs)[0] for _ in range(QUESTION_REPEATS))


def duckdb_module():
    try:
        import duckdb
        return duckdb
    except ImportError:
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tei", required=True)
    parser.add_argument("--rows", type=int, required=True)
    args = parser.parse_args()
    tei = args.tei
    tweets, users = DATA / "tweets.csv", DATA / "users.csv"
    work = DATA / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    cache = work / "tei-cache"
    lines = []

    def say(text=""):
        print(text, flush=True)
        lines.append(text)

    size_mb = tweets.stat().st_size / 1e6
    say(f"# tei storage benchmark: {args.rows:,} tweets (2019 layout, {size_mb:.0f} MB), seed 7")
    say()
    say(f"Machine: {os.cpu_count()} cores; tei {tei}; {subprocess.run(['sqlite3', '--version'], capture_output=True, text=True).stdout.split()[0]} sqlite3 CLI")
    duckdb = duckdb_module()
    say(f"DuckDB: {duckdb.__version__ if duckdb else 'unavailable (pip install duckdb failed)'}")
    say()

    # 1. Import.
    load_code = f'let t = load "{tweets}"\nt | count'
    imports = []
    for _ in range(REPEATS):
        shutil.rmtree(cache, ignore_errors=True)
        imports.append(run_timed([tei, "--no-progress", "-c", load_code], env=tei_env(cache)))
    tei_import, tei_rss = statistics.median(t for t, _, _ in imports), max(r for _, r, _ in imports)
    _, tei_cached_rss, _ = run_timed([tei, "--no-progress", "-c", load_code], env=tei_env(cache))
    cached_runs = [run_timed([tei, "--no-progress", "-c", load_code], env=tei_env(cache))[0] for _ in range(5)]
    tei_cached = statistics.median(cached_runs)
    # The attach alone: a cached load that counts nothing, minus the same process with no load.
    noop = statistics.median(run_timed([tei, "--no-progress", "-c", "1 + 1"], env=tei_env(cache))[0] for _ in range(5))
    users_code = f'let u = load "{users}"\nu | count'
    run_timed([tei, "--no-progress", "-c", users_code], env=tei_env(cache))

    raw = work / "raw.sqlite"
    imports = []
    for _ in range(REPEATS):
        raw.unlink(missing_ok=True)
        imports.append(run_timed(["sqlite3", str(raw)], stdin=f".import --csv {tweets} tweets\n"))
    sqlite_import, sqlite_rss = statistics.median(t for t, _, _ in imports), max(r for _, r, _ in imports)
    subprocess.run(["sqlite3", str(raw)], input=f".import --csv {users} users\n", text=True, check=True, timeout=600)

    duck_file = work / "duck.duckdb"
    duck_import = duck_rss = None
    if duckdb:
        code = (f"import duckdb; c = duckdb.connect({str(duck_file)!r}); "
                f"c.execute(\"CREATE TABLE tweets AS SELECT * FROM read_csv({str(tweets)!r})\"); "
                f"c.execute(\"CREATE TABLE users AS SELECT * FROM read_csv({str(users)!r})\"); c.close()")
        # Time the tweets import alone: users is small, but subtract it by importing it separately.
        imports = []
        for _ in range(REPEATS):
            duck_file.unlink(missing_ok=True)
            Path(str(duck_file) + ".wal").unlink(missing_ok=True)
            imports.append(run_timed([sys.executable, "-c", code.replace(
                f"c.execute(\"CREATE TABLE users AS SELECT * FROM read_csv({str(users)!r})\"); ", "")]))
        duck_import, duck_rss = statistics.median(t for t, _, _ in imports), max(r for _, r, _ in imports)
        duck_file.unlink()
        Path(str(duck_file) + ".wal").unlink(missing_ok=True)
        run_timed([sys.executable, "-c", code])

    say("## Import")
    say()
    say("| step | seconds | peak RSS (MB) | vs sqlite3 .import |")
    say("|---|---:|---:|---:|")
    say(f"| tei load (import + count, median of {REPEATS}) | {tei_import:.2f} | {tei_rss:.0f} | {tei_import / sqlite_import:.2f}× |")
    say(f"| sqlite3 `.import --csv` (median of {REPEATS}) | {sqlite_import:.2f} | {sqlite_rss:.0f} | 1.00× |")
    if duckdb:
        say(f"| DuckDB `read_csv` into a table (python start included, median of {REPEATS}) | {duck_import:.2f} | {duck_rss:.0f} | {duck_import / sqlite_import:.2f}× |")
    say(f"| tei cached load + count (whole process, median of 5) | {tei_cached:.3f} | {tei_cached_rss:.0f} | |")
    say(f"| tei process doing no load (`-c '1 + 1'`) | {noop:.3f} | | |")
    say()
    cache_size = sum(f.stat().st_size for f in cache.glob("*.sqlite")) / 1e6
    say(f"Sizes: CSV {size_mb:.0f} MB; tei cache (tweets + users) {cache_size:.0f} MB; "
        f"sqlite3 raw {raw.stat().st_size / 1e6:.0f} MB" + (f"; DuckDB {duck_file.stat().st_size / 1e6:.0f} MB" if duckdb else ""))
    say()

    # 2. Questions.
    say("## Questions")
    say()
    say(f"Median of {QUESTION_REPEATS} runs. tei and sqlite3: whole process (start-up, cached load); DuckDB: the query "
        f"inside Python. \"tei query\" subtracts the start-up of a tei process that loads nothing ({noop:.3f} s), "
        "to compare with DuckDB's in-process time.")
    say()
    say("| question | tei s | tei query s | sqlite3 raw s | DuckDB s | tei / sqlite3 | tei / DuckDB | tei query / DuckDB |")
    say("|---|---:|---:|---:|---:|---:|---:|---:|")
    connection = duckdb.connect(str(duck_file), read_only=True) if duckdb else None
    ratios_sqlite, ratios_duck, ratios_duck_query = [], [], []
    for script in sorted(QUESTIONS.glob("*.tei")):
        name = script.stem
        env = tei_env(cache)
        run_timed([tei, "--no-progress", "--format", "csv", "run", str(script)], env=env)  # warm the page cache
        tei_time = median_time([tei, "--no-progress", "--format", "csv", "run", str(script)], env=env)
        sql = (QUESTIONS / f"{name}.sql").read_text()
        run_timed(["sqlite3", "-readonly", str(raw)], stdin=sql)
        sqlite_time = median_time(["sqlite3", "-readonly", str(raw)], stdin=sql)
        duck_time = None
        if connection:
            query = (QUESTIONS / f"{name}.duckdb.sql").read_text()
            connection.execute(query).fetchall()
            runs = []
            for _ in range(QUESTION_REPEATS):
                start = time.perf_counter()
                connection.execute(query).fetchall()
                runs.append(time.perf_counter() - start)
            duck_time = statistics.median(runs)
        tei_query = max(tei_time - noop, 0.001)
        ratios_sqlite.append(tei_time / sqlite_time)
        if duck_time:
            ratios_duck.append(tei_time / duck_time)
            ratios_duck_query.append(tei_query / duck_time)
        duck_text = f"{duck_time:.3f}" if duck_time else "n/a"
        duck_ratio = f"{tei_time / duck_time:.1f}×" if duck_time else "n/a"
        duck_query_ratio = f"{tei_query / duck_time:.1f}×" if duck_time else "n/a"
        say(f"| {name} | {tei_time:.3f} | {tei_query:.3f} | {sqlite_time:.3f} | {duck_text} | {tei_time / sqlite_time:.2f}× "
            f"| {duck_ratio} | {duck_query_ratio} |")
    say()
    say(f"Median tei / sqlite3: {statistics.median(ratios_sqlite):.2f}× (worst {max(ratios_sqlite):.2f}×)" +
        (f"; median tei / DuckDB: {statistics.median(ratios_duck):.1f}× whole process, "
         f"{statistics.median(ratios_duck_query):.1f}× query only" if ratios_duck else ""))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.md").write_text("\n".join(lines) + "\n")
    print(f"\nwritten to {RESULTS / 'latest.md'}")


if __name__ == "__main__":
    main()
