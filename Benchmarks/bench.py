"""The tei benchmark on one synthetic tweets file (Benchmarks/data/tweets.csv). See Benchmarks/README.md.

    bench.py run --tei TEI --rows N                       # run.sh: tei against sqlite3, DuckDB and peers
    bench.py compare --old OLD_TEI --new NEW_TEI --rows N  # compare.sh: two tei binaries, interleaved
    bench.py questions --tei TEI --rows N --only q9,q10    # some questions alone, tei against DuckDB
    bench.py scale --old OLD_TEI --new NEW_TEI DIR...      # scale.sh: two tei binaries at several sizes
    bench.py duckdb-scale --tei TEI DIR                    # scale_duckdb.sh: tei against DuckDB on one of them
    bench.py postgres --tei TEI --rows N --with URL --without URL [--only q9,q10]   # postgres.sh: q1–q10 on a server beside SQLite, DuckDB

Every figure is the median of several runs of a whole process (start-up included) for tei, the sqlite3
CLI and the Coordination Network Toolkit; DuckDB queries are timed inside one Python process (its import
alone costs more than most queries). Every process has a time limit (--limit): a run over it is stopped
with everything it started and reported as such, never waited for.
"""
import argparse
import csv
import itertools
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"
QUESTIONS = ROOT / "questions"
RESULTS = ROOT / "results"
TWEETS, USERS = DATA / "tweets.csv", DATA / "users.csv"
IMPORT_REPEATS = 3
QUESTION_REPEATS = 7
COORDINATION_REPEATS = 5
# From this many rows on, `run` repeats less (one import each, questions median of 3 with sqlite3's raw
# table once, coordination once), so that run.sh 9000000 takes under an hour: at 9M a raw sqlite3
# question takes a minute or more, and seven of each would take hours.
LARGE_ROWS = 5_000_000
# Not run from LARGE_ROWS on: shared_url_pairs() (no time window) pairs every two accounts that ever
# posted one URL; it goes over the limit at 1M already, and at 9M its sort filled 40 GB of disk first.
SKIPPED_WHEN_LARGE = {"c3_shared_url_pairs": "not run at this size: over the limit at 1,000,000 rows already, and at "
                      "9,000,000 its sort fills the disk (tens of GB) before the limit"}


@dataclass
class RunRepeats:
    """How many times `run` times each step: imports, questions (tei and DuckDB), the sqlite3 CLI on its
    raw table, coordination functions."""
    imports: int
    questions: int
    raw: int
    coordination: int

    @staticmethod
    def for_rows(rows):
        if rows >= LARGE_ROWS:
            return RunRepeats(imports=1, questions=3, raw=1, coordination=1)
        return RunRepeats(imports=IMPORT_REPEATS, questions=QUESTION_REPEATS, raw=QUESTION_REPEATS,
                          coordination=COORDINATION_REPEATS)
# The hand-written SQLite answer to co_retweet_pairs(window = 1d, min_shared = 1), and the table it reads.
HAND_CASE = "c1_co_retweet_pairs_1d"
HAND_QUERY, HAND_SETUP = QUESTIONS / f"{HAND_CASE}.sql", QUESTIONS / f"{HAND_CASE}.setup.sql"
HAND_WINDOW_SECONDS = 86400
TARGET_VS_HAND = 1.5  # issue "Engine stages": co_retweet_pairs 1d at most 1.5x the hand-written query
TARGET_VS_OLD = 1.05  # issue "Engine stages": no question slower than before
LIMIT = 600.0  # seconds one process may run; set from --limit


class OverLimit(Exception):
    """A run went over the time limit and was stopped."""


class Failed(Exception):
    """A run exited with an error: the benchmark stops with it, since its figures would mean nothing."""


def run_timed(command, env=None, stdin=None, cwd=None, output=None):
    """Runs a command under /usr/bin/time -v; returns (seconds, peak RSS in MB, stdout). With `output`
    (a path) stdout goes to that file and "" is returned. A run over LIMIT is killed with its whole
    process group and raises OverLimit; a run that fails raises Failed with its error output."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report, tempfile.TemporaryFile("w+") as errors, \
            (open(output, "w") if output else tempfile.TemporaryFile("w+")) as out:
        start = time.perf_counter()
        process = subprocess.Popen(["/usr/bin/time", "-v", "-o", report.name] + command, env=env, cwd=cwd,
                                   stdin=subprocess.DEVNULL if stdin is None else subprocess.PIPE,
                                   stdout=out, stderr=errors, text=True, start_new_session=True)
        try:
            process.communicate(stdin, timeout=LIMIT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise OverLimit()
        elapsed = time.perf_counter() - start
        if process.returncode != 0:
            errors.seek(0)
            raise Failed(f"exit {process.returncode}: {printable(command)}\n{errors.read().strip()}")
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report.read())
        out.seek(0)
        return elapsed, int(match.group(1)) / 1024 if match else float("nan"), "" if output else out.read()


def printable(command):
    return " ".join(argument if len(argument) < 80 and "\n" not in argument else repr(argument[:77] + "...")
                    for argument in map(str, command))


@dataclass
class Timing:
    """The times of one contestant's runs of one case, or that a run went over the limit."""
    runs: list = field(default_factory=list)
    over_limit: bool = False

    @property
    def median(self):
        return None if self.over_limit or not self.runs else statistics.median(self.runs)

    def text(self, digits=3):
        return f"> {LIMIT:.0f} (stopped)" if self.over_limit else f"{self.median:.{digits}f}"


def ratio(numerator, denominator):
    """numerator / denominator of two Timings' medians, or None when either went over the limit."""
    if numerator.median is None or denominator.median is None:
        return None
    return numerator.median / denominator.median


def ratio_text(value, target=None, digits=2):
    if value is None:
        return "n/a"
    mark = "" if target is None else (" ✓" if value <= target else " ✗")
    return f"{value:.{digits}f}×{mark}"


def interleaved(contestants, repeats):
    """Runs each contestant (name -> a function running once, returning (seconds, answer)) once to warm
    the caches, keeping its answer, then `repeats` times more, reversing the order every round (ABBA…)
    so that a slow spell of the shared machine hits every contestant alike. A contestant that goes over
    the limit is not run again. Returns ({name: Timing}, {name: answer of the warm-up run})."""
    timings = {name: Timing() for name in contestants}
    answers = {}
    for name, run in contestants.items():
        try:
            answers[name] = run()[1]
        except OverLimit:
            timings[name].over_limit = True
    for round_number in range(repeats):
        order = list(contestants) if round_number % 2 == 0 else list(reversed(contestants))
        for name in order:
            if timings[name].over_limit:
                continue
            try:
                timings[name].runs.append(contestants[name]()[0])
            except OverLimit:
                timings[name].over_limit = True
    return timings, answers


# tei


def tei_env(cache):
    """Each binary reads its own cache, and the Stdlib beside it (TEI_STDLIB would name one for both)."""
    env = dict(os.environ, TEI_CACHE_DIR=str(cache), NO_COLOR="1")
    env.pop("TEI_STDLIB", None)
    return env


@dataclass
class Case:
    """A question in Benchmarks/questions: qN_* print their answer; cN_* (the coordination functions,
    whose answers are long) are timed with `| count` appended, so that printing does not dominate."""
    script: Path

    @property
    def name(self):
        return self.script.stem

    @property
    def counted(self):
        return self.name.startswith("c")

    def run(self, tei, cache, output=None, counted=None):
        """Runs the case once; returns (seconds, answer). `counted=False` prints a counted case in full."""
        counted = self.counted if counted is None else counted
        if counted:
            # A -c script resolves its relative paths from the current folder: the questions' own.
            arguments = ["-c", self.script.read_text().rstrip() + "\n  | count"]
        else:
            arguments = ["run", str(self.script)]
        seconds, _, answer = run_timed([tei, "--no-progress", "--format", "csv"] + arguments, env=tei_env(cache),
                                       cwd=QUESTIONS, output=output)
        return seconds, answer


def cases(prefix):
    return [Case(script) for script in sorted(QUESTIONS.glob(f"{prefix}*.tei"))]


def tei_import(tei, cache):
    """An import into an empty cache (`load` + `count`); returns (seconds, peak RSS in MB)."""
    shutil.rmtree(cache, ignore_errors=True)
    seconds, rss, _ = run_timed([tei, "--no-progress", "-c", load_code()], env=tei_env(cache))
    return seconds, rss


def load_code():
    return f'let t = load "{TWEETS}"\nt | count'


# The hand-written co-retweet query and its peers


class HandQuery:
    """The hand-written SQLite query for co_retweet_pairs 1d, on the table of its setup file, built from
    the `.import`ed tweets (all TEXT). Building the table and its index is timed apart from the query."""

    def __init__(self, work, raw):
        self.database = work / "retweets.sqlite"
        self.database.unlink(missing_ok=True)
        self.setup_seconds = run_timed(["sqlite3", str(self.database)],
                                       stdin=f"ATTACH '{raw}' AS raw;\n{HAND_SETUP.read_text()}")[0]
        self.query = HAND_QUERY.read_text()
        self.retweets = int(run_timed(["sqlite3", str(self.database), "SELECT count(*) FROM retweets"])[2])

    def run(self, output=None, counted=True):
        """Runs the query once as the sqlite3 CLI; counted, only the number of rows is printed (as tei's
        `| count`), else the rows as CSV with a header. Returns (seconds, answer)."""
        query = self.query
        if counted:
            body = "\n".join(line for line in query.splitlines() if not line.startswith("--")).strip().rstrip(";")
            query = f"SELECT count(*) AS n FROM (\n{body}\n);"
        seconds, _, answer = run_timed(["sqlite3", "-readonly", "-csv", "-header", str(self.database)], stdin=query,
                                       output=output)
        return seconds, answer


def raw_import(work):
    """The tweets as the sqlite3 CLI's `.import --csv` makes them (every column TEXT) in a new database."""
    raw = work / "raw.sqlite"
    raw.unlink(missing_ok=True)
    seconds, rss, _ = run_timed(["sqlite3", str(raw)], stdin=f".import --csv {TWEETS} tweets\n")
    return raw, seconds, rss


def csv_rows(path):
    with open(path, newline="") as file:
        yield from csv.reader(file)


def compare_rows(expected, actual, what):
    """Compares two CSV files' rows, parsed (so quoting does not count) and sorted; returns a sentence
    saying they are equal (and how many rows), or where they first differ."""
    left, right = sorted(list(csv_rows(expected))[1:]), sorted(list(csv_rows(actual))[1:])
    if left == right:
        return True, f"{what}: the same {len(left):,} rows"
    for number, (a, b) in enumerate(itertools.zip_longest(left, right)):
        if a != b:
            return False, (f"{what}: DIFFERENT ({len(left):,} rows against {len(right):,}; first difference "
                           f"at sorted row {number + 1}: {a} against {b})")
    raise AssertionError("unequal lists with no differing row")


def check_edges(tei, cache, hand, work, label):
    """Saves tei's co_retweet_pairs 1d and the hand-written query's answer as CSV and compares them."""
    tei_csv, hand_csv = work / f"{HAND_CASE}.{label}.csv", work / f"{HAND_CASE}.hand.csv"
    case = Case(QUESTIONS / f"{HAND_CASE}.tei")
    what = f"Edges of {'tei' if label == 'tei' else f'the {label} tei'}'s co_retweet_pairs 1d against the hand-written query"
    try:
        case.run(tei, cache, output=tei_csv, counted=False)
        hand.run(output=hand_csv, counted=False)
    except OverLimit:
        return False, f"{what}: not compared (a run went over {LIMIT:.0f} s)"
    return compare_rows(hand_csv, tei_csv, what)


class NetworkToolkit:
    """The Coordination Network Toolkit (PyPI coordination-network-toolkit) as a peer for co_retweet
    at 1d, in its own database, fed the retweets (its CSV layout) from the `.import`ed tweets. It
    writes directed pairs, each account with itself included, weighted by the distinct retweets of
    the first account: mapped to tei's unordered pairs by keeping user_1 < user_2."""

    def __init__(self, work, raw):
        self.database = work / "cnt.sqlite"
        self.database.unlink(missing_ok=True)
        feed = work / "cnt-retweets.csv"
        run_timed(["sqlite3", "-csv", "-header", str(raw)], output=feed, stdin=(
            "SELECT tweetid AS message_id, userid AS user_id, '' AS username, retweet_tweetid AS repost_id, "
            "'' AS reply_id, '' AS message, CAST(strftime('%s', tweet_time) AS INTEGER) AS timestamp, '' AS urls "
            "FROM tweets WHERE is_retweet = 'true';"))
        self.preprocess_seconds = self.cli("preprocess", "--format", "csv", str(feed))[0]
        feed.unlink()

    @staticmethod
    def available():
        return subprocess.run([sys.executable, "-c", "import coordination_network_toolkit"],
                              capture_output=True).returncode == 0

    def cli(self, *arguments):
        return run_timed([sys.executable, "-m", "coordination_network_toolkit", str(self.database)] + list(arguments))

    def run(self):
        """Computes the co-retweet network once (the first run also builds its indexes); returns (seconds, "")."""
        return self.cli("compute", "co_retweet", "--time_window", str(HAND_WINDOW_SECONDS), "--min_edge_weight", "1",
                        "--n_cpus", str(os.cpu_count()))[0], ""

    def check_edges(self, hand_csv, work):
        mine = work / "cnt-edges.csv"
        run_timed(["sqlite3", "-csv", "-header", str(self.database)], output=mine, stdin=(
            "SELECT user_1, user_2, weight FROM co_retweet_network WHERE user_1 < user_2;"))
        reversed_pairs = int(run_timed(["sqlite3", str(self.database), (
            "SELECT count(*) FROM co_retweet_network AS d JOIN co_retweet_network AS r "
            "ON r.user_1 = d.user_2 AND r.user_2 = d.user_1 AND r.weight = d.weight WHERE d.user_1 < d.user_2")])[2])
        hand_pairs = work / "hand-pairs.csv"
        with open(hand_pairs, "w", newline="") as file:
            writer = csv.writer(file)
            for row in csv_rows(hand_csv):
                writer.writerow(row[:3])
        same, sentence = compare_rows(hand_pairs, mine, "Edges of the Coordination Network Toolkit (user_1 < user_2) "
                                                         "against the hand-written query")
        pairs = len(list(csv_rows(mine))) - 1
        if reversed_pairs != pairs:
            return False, sentence + f"; only {reversed_pairs:,} of its {pairs:,} pairs have their reverse"
        return same, sentence + " (each with its reverse, of the same weight)"


# The two modes


class Report:
    """Prints lines as they come and keeps them for the results file."""

    def __init__(self):
        self.lines = []

    def __call__(self, text=""):
        print(text, flush=True)
        self.lines.append(text)

    def write(self, path):
        RESULTS.mkdir(exist_ok=True)
        path.write_text("\n".join(self.lines) + "\n")
        print(f"\nwritten to {path}")


def describe_machine(say, rows, binaries):
    size_mb = TWEETS.stat().st_size / 1e6
    load = os.getloadavg()
    sqlite = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]
    say(f"{rows:,} tweets (2019 layout, {size_mb:.0f} MB), seed 7; "
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    say()
    say(f"Machine: {os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the start; "
        f"sqlite3 CLI {sqlite}; limit {LIMIT:.0f} s a run")
    for label, path in binaries.items():
        say(f"{label}: {path}")
    say()


def run_mode(args):
    """One tei binary against sqlite3, DuckDB, the hand-written co-retweet query and the Network Toolkit."""
    tei = args.tei
    work = DATA / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    cache = work / "tei-cache"
    repeats = RunRepeats.for_rows(args.rows)
    say = Report()
    say(f"# tei benchmark")
    say()
    describe_machine(say, args.rows, {"tei": tei})
    try:
        import duckdb
    except ImportError:
        duckdb = None
    say(f"DuckDB: {duckdb.__version__ if duckdb else 'unavailable (pip install duckdb failed)'}")
    say()

    # 1. Import.
    imports = [tei_import(tei, cache) for _ in range(repeats.imports)]
    tei_seconds, tei_rss = statistics.median(s for s, _ in imports), max(r for _, r in imports)
    _, tei_cached_rss, _ = run_timed([tei, "--no-progress", "-c", load_code()], env=tei_env(cache))
    tei_cached = statistics.median(run_timed([tei, "--no-progress", "-c", load_code()], env=tei_env(cache))[0]
                                   for _ in range(5))
    noop = statistics.median(run_timed([tei, "--no-progress", "-c", "1 + 1"], env=tei_env(cache))[0] for _ in range(5))
    run_timed([tei, "--no-progress", "-c", f'let u = load "{USERS}"\nu | count'], env=tei_env(cache))

    imports = [raw_import(work) for _ in range(repeats.imports)]
    raw = imports[-1][0]
    sqlite_seconds, sqlite_rss = statistics.median(s for _, s, _ in imports), max(r for _, _, r in imports)
    run_timed(["sqlite3", str(raw)], stdin=f".import --csv {USERS} users\n")

    duck_file = work / "duck.duckdb"
    if duckdb:
        tables = {"tweets": TWEETS, "users": USERS}
        code = lambda names: (f"import duckdb; c = duckdb.connect({str(duck_file)!r}); " + "".join(
            f"c.execute(\"CREATE TABLE {name} AS SELECT * FROM read_csv({str(tables[name])!r})\"); " for name in names)
            + "c.close()")
        imports = []
        for _ in range(repeats.imports):  # the tweets alone: users is imported once, after
            duck_file.unlink(missing_ok=True)
            Path(str(duck_file) + ".wal").unlink(missing_ok=True)
            imports.append(run_timed([sys.executable, "-c", code(["tweets"])]))
        duck_seconds, duck_rss = statistics.median(s for s, _, _ in imports), max(r for _, r, _ in imports)
        run_timed([sys.executable, "-c", code(["users"])])

    say("## Import")
    say()
    say("| step | seconds | peak RSS (MB) | vs sqlite3 .import |")
    say("|---|---:|---:|---:|")
    say(f"| tei load (import + count, median of {repeats.imports}) | {tei_seconds:.2f} | {tei_rss:.0f} | "
        f"{tei_seconds / sqlite_seconds:.2f}× |")
    say(f"| sqlite3 `.import --csv` (median of {repeats.imports}) | {sqlite_seconds:.2f} | {sqlite_rss:.0f} | 1.00× |")
    if duckdb:
        say(f"| DuckDB `read_csv` into a table (python start included, median of {repeats.imports}) | {duck_seconds:.2f} "
            f"| {duck_rss:.0f} | {duck_seconds / sqlite_seconds:.2f}× |")
    say(f"| tei cached load + count (whole process, median of 5) | {tei_cached:.3f} | {tei_cached_rss:.0f} | |")
    say(f"| tei process doing no load (`-c '1 + 1'`) | {noop:.3f} | | |")
    say()
    cache_size = sum(f.stat().st_size for f in cache.glob("*.sqlite")) / 1e6
    say(f"Sizes: CSV {TWEETS.stat().st_size / 1e6:.0f} MB; tei cache (tweets + users) {cache_size:.0f} MB; "
        f"sqlite3 raw {raw.stat().st_size / 1e6:.0f} MB" + (f"; DuckDB {duck_file.stat().st_size / 1e6:.0f} MB" if duckdb else ""))
    say()

    # 2. Questions.
    say("## Questions")
    say()
    raw_note = "" if repeats.raw == repeats.questions else f" (sqlite3's median of {repeats.raw}, apart, at this size)"
    say(f"Median of {repeats.questions} runs after a warm-up{raw_note}, tei, sqlite3 and DuckDB alternating. tei and sqlite3: whole "
        f"process (start-up, cached load); DuckDB: the query inside Python. \"tei query\" subtracts the start-up of "
        f"a tei process that loads nothing ({noop:.3f} s), to compare with DuckDB's in-process time.")
    say()
    say("| question | tei s | tei query s | sqlite3 raw s | DuckDB s | tei / sqlite3 | tei / DuckDB | tei query / DuckDB |")
    say("|---|---:|---:|---:|---:|---:|---:|---:|")
    connection = duckdb.connect(str(duck_file), read_only=True) if duckdb else None

    def duck_run(query):
        start = time.perf_counter()
        connection.execute(query).fetchall()
        return time.perf_counter() - start, ""

    ratios_sqlite, ratios_duck, ratios_duck_query = [], [], []
    for case in cases("q"):
        sql = (QUESTIONS / f"{case.name}.sql").read_text()
        contestants = {"tei": lambda: case.run(tei, cache)}
        raw_run = {"sqlite3": lambda: run_timed(["sqlite3", "-readonly", str(raw)], stdin=sql)[::2]}
        if repeats.raw == repeats.questions:
            contestants.update(raw_run)
        if connection:
            query = (QUESTIONS / f"{case.name}.duckdb.sql").read_text()
            contestants["duckdb"] = lambda: duck_run(query)
        timings, _ = interleaved(contestants, repeats.questions)
        if repeats.raw != repeats.questions:
            timings.update(interleaved(raw_run, repeats.raw)[0])
        tei_time, sqlite_time = timings["tei"], timings["sqlite3"]
        duck_time = timings.get("duckdb", Timing(over_limit=True))
        tei_query = Timing([max(tei_time.median - noop, 0.001)]) if tei_time.median else tei_time
        for ratios, value in ((ratios_sqlite, ratio(tei_time, sqlite_time)), (ratios_duck, ratio(tei_time, duck_time)),
                              (ratios_duck_query, ratio(tei_query, duck_time))):
            if value is not None:
                ratios.append(value)
        say(f"| {case.name} | {tei_time.text()} | {tei_query.text()} | {sqlite_time.text()} | "
            f"{duck_time.text() if connection else 'n/a'} | {ratio_text(ratio(tei_time, sqlite_time))} | "
            f"{ratio_text(ratio(tei_time, duck_time), digits=1)} | {ratio_text(ratio(tei_query, duck_time), digits=1)} |")
    say()
    if ratios_sqlite:
        say(f"Median tei / sqlite3: {statistics.median(ratios_sqlite):.2f}× (worst {max(ratios_sqlite):.2f}×)" +
            (f"; median tei / DuckDB: {statistics.median(ratios_duck):.1f}× whole process, "
             f"{statistics.median(ratios_duck_query):.1f}× query only" if ratios_duck else ""))
        say()
    if connection:
        connection.close()

    # 3. Coordination.
    skipped = SKIPPED_WHEN_LARGE if args.rows >= LARGE_ROWS else {}
    all_right = coordination_section(say, {"tei": (tei, cache)}, work, raw, repeats.coordination, args.peers, skipped)
    say.write(RESULTS / "latest.md")
    return all_right


def questions_mode(args):
    """Some questions alone, tei against DuckDB, interleaved: to measure a change to a few of them without
    the whole run (no sqlite3, no import timings). Reuses the tei cache and DuckDB file of an earlier run."""
    import duckdb
    tei, work = args.tei, DATA / "work"
    work.mkdir(parents=True, exist_ok=True)
    cache, duck_file = work / "tei-cache", work / "duck.duckdb"
    run_timed([tei, "--no-progress", "-c", load_code()], env=tei_env(cache))
    if not duck_file.exists():
        connection = duckdb.connect(str(duck_file))
        connection.execute(f"CREATE TABLE tweets AS SELECT * FROM read_csv({str(TWEETS)!r})")
        connection.close()
    connection = duckdb.connect(str(duck_file), read_only=True)
    noop = statistics.median(run_timed([tei, "--no-progress", "-c", "1 + 1"], env=tei_env(cache))[0] for _ in range(5))
    say = Report()
    describe_machine(say, args.rows, {"tei": tei})
    say(f"Median of {args.repeats} runs after a warm-up, tei and DuckDB alternating (ABBA). tei: whole process; "
        f"\"tei query\" subtracts a tei process that loads nothing ({noop:.3f} s); DuckDB {duckdb.__version__}: the "
        f"query inside Python.")
    say()
    say("| question | tei s | tei query s | DuckDB s | tei / DuckDB | tei query / DuckDB |")
    say("|---|---:|---:|---:|---:|---:|")

    def duck_run(query):
        start = time.perf_counter()
        connection.execute(query).fetchall()
        return time.perf_counter() - start, ""

    for case in cases("q"):
        if case.name.split("_")[0] not in args.only:
            continue
        query = (QUESTIONS / f"{case.name}.duckdb.sql").read_text()
        timings, _ = interleaved({"tei": lambda: case.run(tei, cache), "duckdb": lambda: duck_run(query)}, args.repeats)
        tei_time, duck_time = timings["tei"], timings["duckdb"]
        tei_query = Timing([max(tei_time.median - noop, 0.001)]) if tei_time.median else tei_time
        say(f"| {case.name} | {tei_time.text()} | {tei_query.text()} | {duck_time.text()} | "
            f"{ratio_text(ratio(tei_time, duck_time), digits=1)} | {ratio_text(ratio(tei_query, duck_time), digits=1)} |")
    connection.close()
    say.write(RESULTS / "questions.md")
    return True


def coordination_section(say, binaries, work, raw, repeats, peers, skipped=None):
    """Times the coordination functions (cN_*.tei, counted) for each tei binary, interleaved with the
    hand-written co-retweet query; checks the last binary's co-retweet edges against the query's; with
    `peers`, also times the Coordination Network Toolkit and checks its edges. Returns whether every
    answer matched. `skipped` names cases not run, with the reason the table gives."""
    skipped = skipped or {}
    hand = HandQuery(work, raw)
    say("## Coordination functions (Stdlib/coordination.tei)")
    say()
    say(f"Each function's result rows counted (`| count`), median of {repeats} runs after a warm-up, the binaries "
        f"and the hand-written query alternating. The hand-written query ({HAND_QUERY.name}, sqlite3 CLI, whole "
        f"process, its rows counted too) reads a table of the {hand.retweets:,} retweets indexed on "
        f"(retweet_tweetid, tweet_time, userid) ({HAND_SETUP.name}), built from the `.import`ed tweets in "
        f"{hand.setup_seconds:.2f} s, not counted in its time.")
    say()
    labels = list(binaries)
    newest = labels[-1]
    header = "| function | result rows | " + " | ".join(f"{label} s" for label in labels)
    rule = "|---|---:|" + "---:|" * len(labels)
    if len(labels) == 2:
        header += f" | {labels[1]} / {labels[0]} (target ≤ {TARGET_VS_OLD})"
        rule += "---:|"
    header += f" | hand-written SQLite s | {newest} / hand-written (target ≤ {TARGET_VS_HAND})"
    rule += "---:|---:|"
    say(header + " |")
    say(rule)
    all_right = True
    for case in cases("c"):
        if case.name in skipped:
            say(f"| {case.name} | {skipped[case.name]} |")
            continue
        contestants = {label: (lambda tei=tei, cache=cache: case.run(tei, cache)) for label, (tei, cache) in binaries.items()}
        if case.name == HAND_CASE:
            contestants["hand"] = hand.run
        timings, answers = interleaved(contestants, repeats)
        counts = {label: answers[label].splitlines()[-1] for label in answers}  # the hand-written query's too
        if len(set(counts.values())) > 1:
            all_right = False
            rows = "DIFFERENT: " + " / ".join(f"{label} {count}" for label, count in counts.items())
        else:
            rows = next(iter(counts.values()), "n/a")
        line = f"| {case.name} | {rows} | " + " | ".join(timings[label].text() for label in labels)
        if len(labels) == 2:
            line += f" | {ratio_text(ratio(timings[labels[1]], timings[labels[0]]), TARGET_VS_OLD)}"
        if "hand" in timings:
            line += f" | {timings['hand'].text()} | {ratio_text(ratio(timings[newest], timings['hand']), TARGET_VS_HAND)} |"
        else:
            line += " | | |"
        say(line)
    say()
    tei, cache = binaries[newest]
    same, sentence = check_edges(tei, cache, hand, work, newest)
    all_right &= same
    say(f"- {sentence}.")
    if peers:
        if NetworkToolkit.available():
            toolkit = NetworkToolkit(work, raw)
            toolkit_repeats = min(3, repeats)
            timings, _ = interleaved({"toolkit": toolkit.run}, toolkit_repeats)
            same, sentence = toolkit.check_edges(work / f"{HAND_CASE}.hand.csv", work)
            all_right &= same
            say(f"- Coordination Network Toolkit (co_retweet, time_window {HAND_WINDOW_SECONDS}, {os.cpu_count()} "
                f"processes, whole process): {timings['toolkit'].text()} s, median of {toolkit_repeats} after a first run that built "
                f"its indexes; preprocessing its CSV of the retweets {toolkit.preprocess_seconds:.2f} s, apart. {sentence}.")
        else:
            say("- Coordination Network Toolkit: unavailable (pip install coordination-network-toolkit failed).")
    say()
    return all_right


def compare_mode(args):
    """Two tei binaries on the same data, interleaved: import, cached load, q1–q8 and the coordination
    functions (with the hand-written co-retweet query beside them); checks that they answer alike."""
    binaries = {"old": args.old, "new": args.new}
    work = DATA / "compare-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    caches = {label: work / f"cache-{label}" for label in binaries}
    say = Report()
    say(f"# tei before and after: {args.old_label} (old) against {args.new_label} (new)")
    say()
    describe_machine(say, args.rows, binaries)
    all_right = True

    import_timings = {label: Timing() for label in binaries}
    for round_number in range(IMPORT_REPEATS):
        for label in binaries if round_number % 2 == 0 else reversed(binaries):
            import_timings[label].runs.append(tei_import(binaries[label], caches[label])[0])
    load = {label: (lambda label=label: run_timed([binaries[label], "--no-progress", "-c", load_code()],
                                                  env=tei_env(caches[label]))[::2]) for label in binaries}
    cached_timings, _ = interleaved(load, args.repeats)
    for label in binaries:  # q8 loads users too
        run_timed([binaries[label], "--no-progress", "-c", f'let u = load "{USERS}"\nu | count'], env=tei_env(caches[label]))

    say(f"Medians of {args.repeats} runs after a warm-up (imports: {IMPORT_REPEATS}, into an empty cache), whole "
        f"processes, old and new alternating (ABBA…), each binary with its own cache and Stdlib. "
        f"Target: new / old ≤ {TARGET_VS_OLD} for every question.")
    say()
    say(f"| step | old s | new s | new / old (target ≤ {TARGET_VS_OLD}) |")
    say("|---|---:|---:|---:|")
    for label, timings in (("import (load + count)", import_timings), ("cached load + count", cached_timings)):
        say(f"| {label} | {timings['old'].text()} | {timings['new'].text()} | {ratio_text(ratio(timings['new'], timings['old']))} |")
    ratios = []
    for case in cases("q"):
        try:  # a question the old binary's language cannot say (q9, q10 before windows) is not compared
            case.run(binaries["old"], caches["old"])
        except Failed:
            say(f"| {case.name} — the old binary cannot run it | n/a | n/a | n/a |")
            continue
        timings, answers = interleaved({label: (lambda label=label: case.run(binaries[label], caches[label]))
                                        for label in binaries}, args.repeats)
        value = ratio(timings["new"], timings["old"])
        if value is not None:
            ratios.append(value)
        differs = len(answers) == 2 and answers["old"] != answers["new"]
        all_right &= not differs
        say(f"| {case.name}{' — DIFFERENT ANSWERS' if differs else ''} | {timings['old'].text()} | "
            f"{timings['new'].text()} | {ratio_text(value, TARGET_VS_OLD)} |")
    say()
    if ratios:
        say(f"Questions new / old: median {statistics.median(ratios):.2f}×, from {min(ratios):.2f}× to {max(ratios):.2f}×; "
            f"answers {'identical' if all_right else 'NOT identical'}.")
        say()
    cache_sizes = {label: sum(f.stat().st_size for f in caches[label].glob("*.sqlite")) for label in binaries}
    say(f"Cache size: old {cache_sizes['old'] / 1e6:.1f} MB, new {cache_sizes['new'] / 1e6:.1f} MB.")
    say()

    raw, _, _ = raw_import(work)
    all_right &= coordination_section(say, {label: (binaries[label], caches[label]) for label in binaries}, work, raw,
                                      args.repeats, peers=False)
    say.write(RESULTS / f"compare-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}.md")
    return all_right


def scale_mode(args):
    """Two tei binaries on several sizes of release, in one run: at each size (a folder holding rows.txt and
    data/tweets.csv, data/users.csv) the import (time, peak RSS) and q1–q8, old and new interleaved; then how
    each question's time grows from the smallest size to the others."""
    binaries = {"old": args.old, "new": args.new}
    say = Report()
    say(f"# tei at scale: {args.old_label} (old) against {args.new_label} (new)")
    say()
    load = os.getloadavg()
    say(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} "
        f"{load[2]:.1f} at the start; limit {LIMIT:.0f} s a run. Medians of {args.repeats} runs after a warm-up (imports: "
        f"{args.import_repeats}, into an empty cache, peak RSS the largest), whole processes, old and new alternating (ABBA…).")
    say()
    medians, all_right = {}, True
    for folder in map(Path, args.sizes):
        rows = int((folder / "rows.txt").read_text())
        folder = folder.resolve()
        work, questions = folder / "work", folder / "questions"
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(questions, ignore_errors=True)
        work.mkdir()
        questions.mkdir()
        for case in cases("q"):  # beside data/, which they read as ../data/tweets.csv
            shutil.copy(case.script, questions)
        caches = {label: work / f"cache-{label}" for label in binaries}
        tweets, users = folder / "data" / "tweets.csv", folder / "data" / "users.csv"
        code = f'let t = load "{tweets}"\nt | count'
        imports = {label: [] for label in binaries}
        for round_number in range(args.import_repeats):
            for label in binaries if round_number % 2 == 0 else reversed(binaries):
                shutil.rmtree(caches[label], ignore_errors=True)
                imports[label].append(run_timed([binaries[label], "--no-progress", "-c", code], env=tei_env(caches[label]))[:2])
            for label in binaries:
                run_timed([binaries[label], "--no-progress", "-c", f'let u = load "{users}"\nu | count'],
                          env=tei_env(caches[label]))
        say(f"## {rows:,} tweets ({tweets.stat().st_size / 1e6:.0f} MB, 2018 layout, seed 11)")
        say()
        say("| step | old s | new s | new / old | old peak RSS MB | new peak RSS MB |")
        say("|---|---:|---:|---:|---:|---:|")
        seconds = {label: statistics.median(s for s, _ in imports[label]) for label in binaries}
        rss = {label: max(r for _, r in imports[label]) for label in binaries}
        say(f"| import (load + count) | {seconds['old']:.2f} | {seconds['new']:.2f} | {seconds['new'] / seconds['old']:.2f}× | "
            f"{rss['old']:.0f} | {rss['new']:.0f} |")
        for case in cases("q"):
            local = Case(questions / case.script.name)
            timings, answers = interleaved({label: (lambda label=label: local.run(binaries[label], caches[label]))
                                            for label in binaries}, args.repeats)
            differs = len(answers) == 2 and answers["old"] != answers["new"]
            all_right &= not differs
            medians[(rows, case.name)] = timings
            say(f"| {case.name}{' — DIFFERENT ANSWERS' if differs else ''} | {timings['old'].text()} | {timings['new'].text()} | "
                f"{ratio_text(ratio(timings['new'], timings['old']))} | | |")
        say()
        cache_files = {label: list(caches[label].glob("*.sqlite")) for label in binaries}
        if any(len(files) != 2 for files in cache_files.values()):  # the questions must have used the imported caches
            raise Failed(f"expected the caches of tweets.csv and users.csv alone: {cache_files}")
        cache_sizes = {label: sum(f.stat().st_size for f in cache_files[label]) for label in binaries}
        say(f"Cache size (tweets + users): old {cache_sizes['old'] / 1e6:.0f} MB, new {cache_sizes['new'] / 1e6:.0f} MB.")
        say()
    sizes = sorted({rows for rows, _ in medians})
    for large in sizes[1:]:
        small = sizes[0]
        say(f"## Growth from {small:,} to {large:,} tweets ({large / small:.0f}× the rows)")
        say()
        say("| question | old large / small | new large / small |")
        say("|---|---:|---:|")
        for case in cases("q"):
            growth = {label: ratio(medians[(large, case.name)][label], medians[(small, case.name)][label]) for label in binaries}
            say(f"| {case.name} | {ratio_text(growth['old'], digits=1)} | {ratio_text(growth['new'], digits=1)} |")
        say()
    say.write(RESULTS / f"scale-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}.md")
    return all_right


def duckdb_scale_mode(args):
    """One tei binary against DuckDB on a release of scale.sh (a folder holding rows.txt and data/tweets.csv,
    data/users.csv): the import of each into an empty store (time and peak RSS, alternating), then q1–q8, tei
    as whole processes and DuckDB inside one Python process, interleaved; every figure against the targets of
    the issue "Scale" (each question under 1 s, import within DuckDB's time and under 200 MB)."""
    import duckdb
    folder = Path(args.folder).absolute()
    rows = int((folder / "rows.txt").read_text())
    # Nothing is written into the release's folder (it may be shared): the questions and the stores go
    # in a folder of our own, beside a link to the release's data/, which they read as ../data/tweets.csv.
    own = DATA / f"duckdb-scale-{rows}"
    shutil.rmtree(own, ignore_errors=True)
    work, questions = own / "work", own / "questions"
    work.mkdir(parents=True)
    questions.mkdir()
    (own / "data").symlink_to(folder / "data")
    for case in cases("q"):
        shutil.copy(case.script, questions)
    tweets, users = own / "data" / "tweets.csv", own / "data" / "users.csv"
    cache, duck_file = work / "tei-cache", work / "duck.duckdb"
    say = Report()
    say(f"# tei against DuckDB at {rows:,} tweets")
    say()
    load = os.getloadavg()
    say(f"{rows:,} tweets (2018 layout, {tweets.stat().st_size / 1e6:.0f} MB), seed 11; {datetime.now(timezone.utc):%Y-%m-%d %H:%M} "
        f"UTC; {os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the start; limit {LIMIT:.0f} s a run; "
        f"tei: {args.tei}")
    say()
    say(f"DuckDB {duckdb.__version__}. Imports: {args.import_repeats} each into an empty store, tei and DuckDB alternating "
        f"(the tweets file; users once after); questions: median of {args.repeats} after a warm-up, alternating (ABBA).")
    say()
    duck_code = lambda name, path: (f"import duckdb; c = duckdb.connect({str(duck_file)!r}); "
                                    f"c.execute(\"CREATE TABLE {name} AS SELECT * FROM read_csv({str(path)!r})\"); c.close()")
    imports = {"tei": [], "duckdb": []}
    for round_number in range(args.import_repeats):
        for name in ["tei", "duckdb"] if round_number % 2 == 0 else ["duckdb", "tei"]:
            if name == "tei":
                shutil.rmtree(cache, ignore_errors=True)
                # Loaded as the questions load it, so that they find the cache (its identity records the path).
                imports[name].append(run_timed([args.tei, "--no-progress", "-c", 'let t = load "../data/tweets.csv"\nt | count'],
                                               env=tei_env(cache), cwd=questions)[:2])
            else:
                duck_file.unlink(missing_ok=True)
                Path(str(duck_file) + ".wal").unlink(missing_ok=True)
                imports[name].append(run_timed([sys.executable, "-c", duck_code("tweets", tweets)])[:2])
    run_timed([args.tei, "--no-progress", "-c", 'let u = load "../data/users.csv"\nu | count'], env=tei_env(cache), cwd=questions)
    run_timed([sys.executable, "-c", duck_code("users", users)])
    seconds = {name: statistics.median(s for s, _ in runs) for name, runs in imports.items()}
    rss = {name: max(r for _, r in runs) for name, runs in imports.items()}
    cache_size = sum(f.stat().st_size for f in cache.glob("*.sqlite")) / 1e6
    say("| import | seconds | peak RSS MB | tei / DuckDB (target ≤ 1.0) |")
    say("|---|---:|---:|---:|")
    say(f"| tei load (import + count) | {seconds['tei']:.1f} | {rss['tei']:.0f}{' ✓' if rss['tei'] <= 200 else ' ✗'} | "
        f"{ratio_text(seconds['tei'] / seconds['duckdb'], target=1.0)} |")
    say(f"| DuckDB `read_csv` into a table (Python start included) | {seconds['duckdb']:.1f} | {rss['duckdb']:.0f} | 1.00× |")
    say()
    say(f"Sizes: CSV {tweets.stat().st_size / 1e6:.0f} MB; tei cache (tweets + users) {cache_size:.0f} MB; "
        f"DuckDB {duck_file.stat().st_size / 1e6:.0f} MB.")
    say()
    connection = duckdb.connect(str(duck_file), read_only=True)

    def duck_run(query):
        start = time.perf_counter()
        connection.execute(query).fetchall()
        return time.perf_counter() - start, ""

    noop = statistics.median(run_timed([args.tei, "--no-progress", "-c", "1 + 1"], env=tei_env(cache))[0] for _ in range(5))
    say(f"\"tei query\" subtracts a tei process that loads nothing ({noop:.3f} s).")
    say()
    say("| question | tei s (target < 1.0) | tei query s | DuckDB s | tei / DuckDB | tei query / DuckDB |")
    say("|---|---:|---:|---:|---:|---:|")
    ratios = []
    for case in [c for c in cases("q") if int(c.name.split("_")[0][1:]) <= 8]:  # the eight questions of scale.sh
        local = Case(questions / case.script.name)
        query = (QUESTIONS / f"{case.name}.duckdb.sql").read_text()
        timings, _ = interleaved({"tei": lambda: local.run(args.tei, cache), "duckdb": lambda: duck_run(query)}, args.repeats)
        tei_time, duck_time = timings["tei"], timings["duckdb"]
        tei_query = Timing([max(tei_time.median - noop, 0.001)]) if tei_time.median else tei_time
        if ratio(tei_query, duck_time) is not None:
            ratios.append(ratio(tei_query, duck_time))
        mark = "" if tei_time.median is None else (" ✓" if tei_time.median < 1.0 else " ✗")
        say(f"| {case.name} | {tei_time.text()}{mark} | {tei_query.text()} | {duck_time.text()} | "
            f"{ratio_text(ratio(tei_time, duck_time), digits=1)} | {ratio_text(ratio(tei_query, duck_time), digits=1)} |")
    connection.close()
    say()
    if ratios:
        say(f"Median tei query / DuckDB: {statistics.median(ratios):.1f}× (target ≤ 3×).")
        say()
    say.write(RESULTS / f"duckdb-scale-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}.md")
    return True


def postgres_mode(args):
    """q1–q10 (or those `--only` names) with tei on a PostgreSQL server (two empty databases of one server: `--with`, where the release
    keeps its rollups, and `--without`, the same copy with its catalogue row saying it has none, as a release
    copied before rollups were copied reads), beside tei on its local SQLite cache and DuckDB inside Python,
    interleaved; tei's answers on the server must equal its answers on SQLite. `--data` holds tweets.csv and
    users.csv; nothing is written there."""
    import duckdb
    tei, data = args.tei, Path(args.data).absolute()
    tweets, users = data / "tweets.csv", data / "users.csv"
    work = DATA / f"pg-work-{args.rows}"
    shutil.rmtree(work, ignore_errors=True)
    # The local questions read ../data/tweets.csv beside them, a link to the release. The server's read it
    # from a folder where it is not: the release is found in the catalogue by its name (a student without
    # the file), so a run times the question, not the SHA-256 of the file that a load of a local file
    # computes (timed apart below).
    questions, server_questions = work / "questions", work / "server" / "questions"
    for folder in (questions, server_questions):
        folder.mkdir(parents=True)
        for case in [c for c in cases("q") if args.only is None or c.name.split("_")[0] in args.only]:
            shutil.copy(case.script, folder)
    (work / "data").symlink_to(data)
    cache, duck_file = work / "tei-cache", work / "duck.duckdb"
    # With --warm-import, `tei admin import` reads the release through the link the local questions read it
    # by, from their cache: its time is the SHA-256 and the copy (a 9M release's local import is minutes).
    server_cache = cache if args.warm_import else work / "tei-server-cache"
    imported = (work / "data") if args.warm_import else data
    say = Report()
    say("# tei on PostgreSQL beside SQLite and DuckDB")
    say()
    load = os.getloadavg()
    say(f"{args.rows:,} tweets ({tweets.stat().st_size / 1e6:.0f} MB, {data}); {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; "
        f"{os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the start; limit {LIMIT:.0f} s a run; "
        f"tei: {tei}")
    say()
    version = subprocess.run(["psql", args.with_rollups, "-Atc", "SHOW server_version"], capture_output=True, text=True).stdout.strip()
    settings = subprocess.run(["psql", args.with_rollups, "-Atc", "SELECT string_agg(name || ' = ' || current_setting(name), ', ' "
                               "ORDER BY name) FROM pg_settings WHERE name IN ('max_parallel_workers_per_gather', "
                               "'max_parallel_workers', 'shared_buffers', 'work_mem', 'jit', 'effective_cache_size')"],
                              capture_output=True, text=True).stdout.strip()
    say(f"PostgreSQL {version} on a Unix socket of the same machine ({settings}); DuckDB {duckdb.__version__}.")
    say()

    # 1. Imports: the local cache; the server (tei admin import: the local import, then the copy); DuckDB.
    # Loaded as the questions load it, so that they find the cache (its identity records the path).
    local_import = run_timed([tei, "--no-progress", "-c", 'let t = load "../data/tweets.csv"\nt | count'],
                             env=tei_env(cache), cwd=questions)[:2]
    run_timed([tei, "--no-progress", "-c", 'let u = load "../data/users.csv"\nu | count'], env=tei_env(cache), cwd=questions)
    admin = lambda url: run_timed([tei, "admin", "import", str(imported / "tweets.csv"), str(imported / "users.csv"), "--db", url],
                                  env=tei_env(server_cache))
    server_import = admin(args.with_rollups)
    server_copy = admin(args.without_rollups)  # the local cache now warm: the SHA-256s and the copy
    subprocess.run(["psql", args.without_rollups, "-qc", "UPDATE tei.catalogue SET rollups = '[]'"], check=True)
    duck_file.unlink(missing_ok=True)
    duck_import = run_timed([sys.executable, "-c", f"import duckdb; c = duckdb.connect({str(duck_file)!r}); "
                             f"c.execute(\"CREATE TABLE tweets AS SELECT * FROM read_csv({str(tweets)!r})\"); "
                             f"c.execute(\"CREATE TABLE users AS SELECT * FROM read_csv({str(users)!r})\"); c.close()"])
    say("## Import (one run each)")
    say()
    say("| step | seconds | peak RSS MB | against the local import |")
    say("|---|---:|---:|---:|")
    say(f"| tei local import of the tweets (`load` + `count`, empty cache) | {local_import[0]:.1f} | {local_import[1]:.0f} | 1.00× |")
    say(f"| `tei admin import` of tweets and users ({'local cache warm: SHA-256s and the copy' if args.warm_import else 'empty local cache: local import, then the copy'}) | {server_import[0]:.1f} | "
        f"{server_import[1]:.0f} | {server_import[0] / local_import[0]:.2f}× |")
    say(f"| `tei admin import` of both into a second database (local cache warm: SHA-256s and the copy) | "
        f"{server_copy[0]:.1f} | {server_copy[1]:.0f} | {server_copy[0] / local_import[0]:.2f}× |")
    say(f"| DuckDB `read_csv` of both (Python start included) | {duck_import[0]:.1f} | {duck_import[1]:.0f} | "
        f"{duck_import[0] / local_import[0]:.2f}× |")
    say()

    # 2. Questions.
    connection = duckdb.connect(str(duck_file), read_only=True)

    def duck_run(query):
        start = time.perf_counter()
        connection.execute(query).fetchall()
        return time.perf_counter() - start, ""

    def on_server(url, script):
        seconds, _, answer = run_timed([tei, "--no-progress", "--format", "csv", "--db", url, "run", str(script)],
                                       env=tei_env(server_cache))
        return seconds, answer

    noop_local = statistics.median(run_timed([tei, "--no-progress", "-c", "1 + 1"], env=tei_env(cache))[0] for _ in range(5))
    noop_server = statistics.median(run_timed([tei, "--no-progress", "--db", args.with_rollups, "-c", "1 + 1"],
                                              env=tei_env(server_cache))[0] for _ in range(5))
    say("## Questions")
    say()
    say(f"Median of {args.repeats} runs after a warm-up, the four alternating (ABBA). tei: whole process "
        f"(`tei run`, `--db URL` on the server); a tei process that loads nothing takes {noop_local:.3f} s on SQLite, "
        f"{noop_server:.3f} s with `--db` (connecting). DuckDB: the query inside Python. \"PG\": the release with its "
        f"rollups; \"PG no rollups\": the same copy read as one made before rollups were copied.")
    say()
    say("| question | tei SQLite s | tei PG s | tei PG no rollups s | DuckDB s | PG / SQLite | PG / DuckDB | "
        "PG no rollups / PG |")
    say("|---|---:|---:|---:|---:|---:|---:|---:|")
    all_right = True
    ratios = {"sqlite": [], "duckdb": []}
    for local in [Case(script) for script in sorted(questions.glob("q*.tei"))]:
        remote = server_questions / local.script.name
        query = (QUESTIONS / f"{local.name}.duckdb.sql").read_text()
        timings, answers = interleaved({
            "sqlite": lambda: local.run(tei, cache),
            "pg": lambda: on_server(args.with_rollups, remote),
            "pg-none": lambda: on_server(args.without_rollups, remote),
            "duckdb": lambda: duck_run(query),
        }, args.repeats)
        for name in ("pg", "pg-none"):
            if answers.get(name) != answers.get("sqlite"):
                all_right = False
                say(f"**{local.name}: {name}'s answer differs from SQLite's**")
        for peer in ratios:
            if ratio(timings["pg"], timings[peer]) is not None:
                ratios[peer].append(ratio(timings["pg"], timings[peer]))
        say(f"| {local.name} | {timings['sqlite'].text()} | {timings['pg'].text()} | {timings['pg-none'].text()} | "
            f"{timings['duckdb'].text()} | {ratio_text(ratio(timings['pg'], timings['sqlite']))} | "
            f"{ratio_text(ratio(timings['pg'], timings['duckdb']), digits=1)} | "
            f"{ratio_text(ratio(timings['pg-none'], timings['pg']))} |")
    connection.close()
    say()
    if ratios["sqlite"]:
        say(f"Median PG / SQLite {statistics.median(ratios['sqlite']):.2f}×, PG / DuckDB {statistics.median(ratios['duckdb']):.1f}×. "
            f"Answers on the server {'equal' if all_right else 'DIFFER from'} SQLite's.")
        say()

    # 3. A load of the local file: its SHA-256 on every run (q1's, when it ran).
    first = min(questions.glob("q1_*.tei"), default=None)
    if first is not None:
        digest = interleaved({"by digest": lambda: on_server(args.with_rollups, first),
                              "by name": lambda: on_server(args.with_rollups, server_questions / first.name)}, args.repeats)[0]
        say(f"{first.stem} on the server with the file present (its SHA-256 computed on every run, as any load of a local "
            f"file): {digest['by digest'].text()} s, against {digest['by name'].text()} s found by name "
            f"({ratio_text(ratio(digest['by digest'], digest['by name']))}).")
        say()
    load = os.getloadavg()
    say(f"Load average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}.")
    say.write(RESULTS / f"postgres-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}.md")
    return all_right


def main():
    global LIMIT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=LIMIT, help="seconds one run may take before it is stopped")
    modes = parser.add_subparsers(dest="mode", required=True)
    run = modes.add_parser("run", help="one tei binary against sqlite3, DuckDB and the peers")
    run.add_argument("--tei", required=True)
    run.add_argument("--rows", type=int, required=True)
    run.add_argument("--no-peers", dest="peers", action="store_false", help="skip the Coordination Network Toolkit")
    some = modes.add_parser("questions", help="some questions alone, tei against DuckDB, interleaved")
    some.add_argument("--tei", required=True)
    some.add_argument("--rows", type=int, required=True)
    some.add_argument("--only", type=lambda text: set(text.split(",")), required=True, help="e.g. q9,q10")
    some.add_argument("--repeats", type=int, default=QUESTION_REPEATS)
    compare = modes.add_parser("compare", help="two tei binaries on the same data, interleaved")
    compare.add_argument("--old", required=True)
    compare.add_argument("--new", required=True)
    compare.add_argument("--old-label", default="old")
    compare.add_argument("--new-label", default="new")
    compare.add_argument("--rows", type=int, required=True)
    compare.add_argument("--repeats", type=int, default=5)
    scale = modes.add_parser("scale", help="two tei binaries at several sizes, interleaved")
    scale.add_argument("--old", required=True)
    scale.add_argument("--new", required=True)
    scale.add_argument("--old-label", default="old")
    scale.add_argument("--new-label", default="new")
    scale.add_argument("--repeats", type=int, default=3)
    scale.add_argument("--import-repeats", type=int, default=2)
    scale.add_argument("sizes", nargs="+", help="folders holding rows.txt and data/ (tweets.csv, users.csv), smallest first")
    duck = modes.add_parser("duckdb-scale", help="one tei binary against DuckDB on a release of scale.sh")
    duck.add_argument("--tei", required=True)
    duck.add_argument("--repeats", type=int, default=3)
    duck.add_argument("--import-repeats", type=int, default=1)
    duck.add_argument("folder", help="a folder holding rows.txt and data/ (tweets.csv, users.csv)")
    server = modes.add_parser("postgres", help="q1-q10 on a PostgreSQL server beside SQLite and DuckDB")
    server.add_argument("--tei", required=True)
    server.add_argument("--rows", type=int, required=True)
    server.add_argument("--data", default=str(DATA), help="the folder holding tweets.csv and users.csv")
    server.add_argument("--with", dest="with_rollups", required=True, help="an empty database's URL")
    server.add_argument("--without", dest="without_rollups", required=True, help="another empty database's URL")
    server.add_argument("--repeats", type=int, default=5)
    server.add_argument("--warm-import", action="store_true", help="tei admin import from the local cache the questions use")
    server.add_argument("--only", type=lambda text: set(text.split(",")), help="some questions alone, e.g. q9,q10")
    args = parser.parse_args()
    if args.limit <= 0 or getattr(args, "repeats", 1) < 1:
        parser.error("--limit must be above 0 and --repeats at least 1")
    LIMIT = args.limit
    for name in ("tei", "old", "new"):  # the questions run from their own folder
        if getattr(args, name, None):
            setattr(args, name, str(Path(getattr(args, name)).resolve()))
    if args.mode not in ("scale", "duckdb-scale", "postgres") and not TWEETS.exists():
        sys.exit(f"bench.py: {TWEETS} does not exist; run.sh or compare.sh generates it")
    try:
        modes = {"run": run_mode, "compare": compare_mode, "questions": questions_mode, "scale": scale_mode,
                 "duckdb-scale": duckdb_scale_mode, "postgres": postgres_mode}
        all_right = modes[args.mode](args)
    except Failed as failure:
        sys.exit(f"bench.py: a run failed, so the benchmark stops: {failure}")
    if not all_right:
        sys.exit("bench.py: some answers differ (see above)")


if __name__ == "__main__":
    main()
