"""Coordination networks: tei's Stdlib against the Coordination Network Toolkit on one synthetic release
(Benchmarks/data/tweets.csv). See Benchmarks/README.md, "Coordination networks".

    coordination.py --tei TEI [--window SECONDS] [--limit SECONDS] [--only NETWORK] [--replies-to N]

For every network both compute, each side's edges are saved and compared pair by pair with their weights,
under the mapping Stdlib/coordination.tei documents: the toolkit's directed edges without their loops
(user_1 = user_2) are tei's unordered pairs in both directions, a -> b weighing messages_a and b -> a
messages_b (for co-retweet, `shared` both ways). Times are of whole processes, apart: tei's import (a
`load` into an empty cache) against the toolkit's preprocess, and each network's compute, the toolkit's
first (its indexes are built in it, as in a user's first run) with --n_cpus 2.

--replies-to N runs on a copy of the release whose replies reply to N tweets only (each reply's
in_reply_to_tweetid taken modulo N), written once into its own folder: the generated release replies to
distinct tweets, so that co-reply has no pair to compare at any window.
"""
import argparse
import ast
import csv
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

import bench
from bench import DATA, RESULTS, TWEETS, Report, run_timed

ROOT = Path(__file__).resolve().parent.parent
WORK = DATA / "coordination"
TARGET = 1.0  # issue "Coordination networks": each network, and the import, at most the toolkit's time
CPUS = 2

# name: (tei call, toolkit network, toolkit database fed with the items as its URLs, tei's weight columns)
NETWORKS = {
    "co-retweet": ("co_retweet_pairs(window = {w}s, min_shared = 1)", "co_retweet", "urls", ("shared", "shared")),
    "co-link": ("co_link_pairs(window = {w}s, min_shared = 1)", "co_link", "urls", ("messages_a", "messages_b")),
    "co-reply": ("co_reply_pairs(window = {w}s, min_shared = 1)", "co_reply", "urls", ("messages_a", "messages_b")),
    "co-tweet": ("co_tweet_pairs(window = {w}s, min_shared = 1)", "co_tweet", "urls", ("messages_a", "messages_b")),
    "co-mention": ("co_mention_pairs(window = {w}s, min_shared = 1)", "co_link", "user_mentions", ("messages_a", "messages_b")),
    "co-hashtag": ("co_hashtag_pairs(window = {w}s, min_shared = 1)", "co_link", "hashtags", ("messages_a", "messages_b")),
}


def tei_env(cache):
    """tei reads this checkout's Stdlib, whichever binary runs."""
    return dict(os.environ, TEI_CACHE_DIR=str(cache), TEI_STDLIB=str(ROOT / "Stdlib"), NO_COLOR="1")


def replies_to(count):
    """A copy of the release whose replies reply to `count` tweets, in a folder of its own; its path."""
    folder = DATA / f"coordination-replies-to-{count}"
    copy = folder / "tweets.csv"
    if copy.exists():
        return copy
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / "tweets.csv.partial"
    with open(TWEETS, newline="") as source, open(partial, "w", newline="") as target:
        reader = csv.DictReader(source)
        writer = csv.DictWriter(target, reader.fieldnames, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writeheader()
        for row in reader:
            if row["in_reply_to_tweetid"]:
                row["in_reply_to_tweetid"] = str(int(row["in_reply_to_tweetid"]) % count)
            writer.writerow(row)
    partial.rename(copy)
    return copy


def tei_import(tei, cache):
    """tei's import of the tweets into an empty cache (`load` and `count`); returns seconds."""
    bench.shutil.rmtree(cache, ignore_errors=True)
    return run_timed([tei, "--no-progress", "-c", f'let t = load "{TWEETS}"\nt | count'], env=tei_env(cache))[0]


def tei_network(tei, cache, call, output):
    """Computes one network and saves its edges as CSV; returns seconds (start-up and the cached load included)."""
    code = f'import "coordination"\nlet t = load "{TWEETS}"\nsave t | {call} to "{output}"'
    return run_timed([tei, "--no-progress", "-c", code], env=tei_env(cache))[0]


def epoch_seconds(text):
    """`2017-06-22 16:03` (UTC) as seconds since 1970."""
    return int(datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc).timestamp())


def items(text):
    """The items of a TEI list column (`['a', 'b']`, `[1, 2]`) as text, as tei reads them."""
    if not text or text == "[]":
        return []
    return [str(item) for item in ast.literal_eval(text)]


def write_feeds():
    """The toolkit's CSV input, one file per item column (the URLs, or mentions or hashtags in their place):
    message_id, user_id, username, repost_id, reply_id, message, timestamp, space-separated items."""
    WORK.mkdir(parents=True, exist_ok=True)
    feeds = {column: WORK / f"feed-{column}.csv" for column in ("urls", "user_mentions", "hashtags")}
    if all(feed.exists() for feed in feeds.values()):
        return feeds
    files = {column: open(feed, "w", newline="") for column, feed in feeds.items()}
    writers = {column: csv.writer(file) for column, file in files.items()}
    for writer in writers.values():
        writer.writerow(["message_id", "user_id", "username", "repost_id", "reply_id", "message", "timestamp", "urls"])
    with open(TWEETS, newline="") as source:
        for row in csv.DictReader(source):
            repost = row["retweet_tweetid"] if row["is_retweet"] == "true" else ""
            head = [row["tweetid"], row["userid"], row["user_screen_name"], repost, row["in_reply_to_tweetid"],
                    row["tweet_text"], epoch_seconds(row["tweet_time"])]
            for column, writer in writers.items():
                writer.writerow(head + [" ".join(items(row[column]))])
    for file in files.values():
        file.close()
    return feeds


# The toolkit's `preprocess --format csv` splits an empty URL field into one empty URL, which would make every
# message without URLs share the URL "": this runs its own preprocessing function on the same rows with no
# empty items, which is what its CLI does otherwise.
PREPROCESS = """
import csv, sys
from coordination_network_toolkit.preprocess import preprocess_data
with open(sys.argv[2], newline="") as messages:
    reader = csv.reader(messages)
    next(reader)
    preprocess_data(sys.argv[1], ((*row[:-1], row[-1].split()) for row in reader))
"""


def toolkit_preprocess(feed, database):
    database.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(str(database) + suffix).unlink(missing_ok=True)
    return run_timed([sys.executable, "-c", PREPROCESS, str(database), str(feed)])[0]


def toolkit_compute(database, network, window):
    return run_timed([sys.executable, "-m", "coordination_network_toolkit", str(database), "compute", network,
                      "--time_window", str(window), "--min_edge_weight", "1", "--n_cpus", str(CPUS)])[0]


def toolkit_edges(database, network):
    """The toolkit's directed edges without loops: {(user_1, user_2): weight}."""
    answer = run_timed(["sqlite3", "-csv", str(database),
                        f"SELECT user_1, user_2, weight FROM {network}_network WHERE user_1 != user_2"])[2]
    return {(a, b): int(w) for a, b, w in csv.reader(answer.splitlines())}


def tei_edges(path, weights):
    """tei's pairs as the toolkit's directed edges: a -> b weighing one column, b -> a the other."""
    edges = {}
    with open(path, newline="") as file:
        for row in csv.DictReader(file):
            edges[(row["account_a"], row["account_b"])] = int(row[weights[0]])
            edges[(row["account_b"], row["account_a"])] = int(row[weights[1]])
    return edges


def compare(mine, theirs):
    """A sentence saying whether two edge sets are equal, or how and where they first differ."""
    if mine == theirs:
        return True, f"the same {len(mine) // 2:,} pairs ({len(mine):,} directed edges, weights equal)"
    only_tei = sorted(set(mine) - set(theirs))
    only_toolkit = sorted(set(theirs) - set(mine))
    weights = sorted(edge for edge in set(mine) & set(theirs) if mine[edge] != theirs[edge])
    first = (f"e.g. {only_tei[0]} only in tei" if only_tei else f"e.g. {only_toolkit[0]} only in the toolkit"
             if only_toolkit else f"e.g. {weights[0]}: tei {mine[weights[0]]}, toolkit {theirs[weights[0]]}")
    return False, (f"DIFFERENT: {len(only_tei):,} directed edges only in tei, {len(only_toolkit):,} only in the "
                   f"toolkit, {len(weights):,} with other weights ({first})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tei", required=True)
    parser.add_argument("--window", type=int, default=3600, help="the time window in seconds (default 3600)")
    parser.add_argument("--limit", type=float, default=bench.LIMIT, help="seconds one run may take before it is stopped")
    parser.add_argument("--only", action="append", choices=list(NETWORKS), help="run only this network (repeatable)")
    parser.add_argument("--replies-to", type=int, metavar="N",
                        help="run on a copy of the release whose replies reply to N tweets only (co-reply has pairs)")
    args = parser.parse_args()
    global TWEETS, WORK
    if args.replies_to:
        TWEETS = replies_to(args.replies_to)
        WORK = TWEETS.parent
    bench.LIMIT = args.limit
    tei = str(Path(args.tei).resolve())
    if not TWEETS.exists():
        sys.exit(f"coordination.py: {TWEETS} does not exist; coordination.sh generates it")
    say = Report()
    load = os.getloadavg()
    say(f"# Coordination networks: tei against the Coordination Network Toolkit")
    say()
    say(f"{TWEETS.stat().st_size / 1e6:.0f} MB of tweets ({TWEETS}); window {args.window} s, minimum weight 1; "
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores, load average "
        f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the start (a machine shared with other builds); tei {tei}")
    say()
    feeds = write_feeds()
    cache = WORK / "tei-cache"
    databases = {column: WORK / f"toolkit-{column}.sqlite" for column in feeds}
    import_seconds = tei_import(tei, cache)
    wanted = args.only or list(NETWORKS)
    preprocess = {column: toolkit_preprocess(feeds[column], databases[column])
                  for column in {NETWORKS[name][2] for name in wanted}}
    say("| step | tei (s) | toolkit (s) | tei / toolkit | edges |")
    say("|---|---:|---:|---:|---|")
    say(f"| import (tei `load`; the toolkit's preprocess of the tweets with their URLs) | {import_seconds:.2f} | "
        f"{preprocess.get('urls', float('nan')):.2f} | {import_seconds / preprocess['urls']:.2f}× |  |"
        if "urls" in preprocess else f"| import | {import_seconds:.2f} | | | |")
    all_equal = True
    for name in wanted:
        call, network, column, weights = NETWORKS[name]
        output = WORK / f"{name}.tei.csv"
        try:
            mine = tei_network(tei, cache, call.format(w=args.window), output)
        except bench.OverLimit:
            mine = None
        try:
            theirs = toolkit_compute(databases[column], network, args.window)
        except bench.OverLimit:
            theirs = None
        if mine is None or theirs is None:
            say(f"| {name} | {mine or f'> {args.limit:.0f}'} | {theirs or f'> {args.limit:.0f}'} | | not compared |")
            all_equal = False
            continue
        equal, sentence = compare(tei_edges(output, weights), toolkit_edges(databases[column], network))
        all_equal &= equal
        mark = "✓" if mine / theirs <= TARGET else "✗"
        say(f"| {name} (`{call.format(w=args.window)}`; toolkit `{network}`"
            f"{'' if column == 'urls' else f' on the {column} as URLs'}) | {mine:.2f} | {theirs:.2f} | "
            f"{mine / theirs:.2f}× {mark} | {sentence} |")
    for column in preprocess:
        if column != "urls":
            say(f"\nThe toolkit's preprocess of the tweets with their {column} as URLs took {preprocess[column]:.2f} s.")
    say(f"\nTarget: each ratio ≤ {TARGET:.1f}×. tei's network times include its start, the cached `load` and "
        f"writing the edges as CSV; the toolkit's, its start and writing the edges into its table.")
    say.write(RESULTS / "coordination.md")
    if not all_equal:
        sys.exit("coordination.py: some edges differ (see above)")


if __name__ == "__main__":
    main()
