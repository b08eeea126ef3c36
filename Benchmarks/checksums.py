"""Times two tei binaries on one tweets file, to measure what a storage change costs.

    python3 Benchmarks/checksums.py --baseline OLD_TEI --candidate NEW_TEI --csv tweets.csv [--repeats 5]

For each binary, alternating so that a disturbance on the shared machine hits both alike: the import
(an empty cache, `load` + `count`), the cached load, and the questions in Benchmarks/questions (run
on a copy whose `load` points at the CSV and the users.csv beside it) from a warm cache. Prints the medians and their ratio.
Written for the page checksums of the cache (Benchmarks/README.md), usable for any A/B of storage.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

QUESTIONS = Path(__file__).resolve().parent / "questions"


def timed(tei, cache, arguments):
    env = dict(os.environ, TEI_CACHE_DIR=str(cache), NO_COLOR="1")
    start = time.perf_counter()
    done = subprocess.run([tei, "--no-progress"] + arguments, env=env, capture_output=True, text=True, timeout=1800)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{tei} {' '.join(arguments)} failed:\n{done.stderr}")
    return elapsed, done.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--candidate", required=True)
    parser.add_argument("--csv", required=True)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    csv = Path(args.csv).resolve()
    work = Path(tempfile.mkdtemp(prefix="tei-ab-"))
    binaries = {"baseline": args.baseline, "candidate": args.candidate}
    caches = {name: work / f"cache-{name}" for name in binaries}
    times = {}

    def measure(label, name, arguments, fresh_cache=False):
        if fresh_cache:
            shutil.rmtree(caches[name], ignore_errors=True)
        elapsed, output = timed(binaries[name], caches[name], arguments)
        times.setdefault(label, {}).setdefault(name, []).append(elapsed)
        return output

    load = ["-c", f'let t = load "{csv}"\nt | count']
    for _ in range(3):
        for name in binaries:
            measure("import", name, load, fresh_cache=True)
    for _ in range(args.repeats):
        for name in binaries:
            measure("cached load + count", name, load)
    for question in sorted(QUESTIONS.glob("q*.tei")):
        script = work / question.name
        # The questions load ../data/tweets.csv (and users.csv beside it).
        text = question.read_text().replace('"../data/tweets.csv"', f'"{csv}"')
        script.write_text(text.replace('"../data/', f'"{csv.parent}/'))
        answers = {name: measure(question.stem, name, ["run", str(script)]) for name in binaries}
        if answers["baseline"] != answers["candidate"]:
            raise SystemExit(f"{question.name}: the two binaries answer differently")
        for _ in range(args.repeats):
            for name in binaries:
                measure(question.stem, name, ["run", str(script)])
        for name in binaries:
            times[question.stem][name].pop(0)  # the warm-up run

    sizes = {name: sum(f.stat().st_size for f in caches[name].glob("*.sqlite")) for name in binaries}
    print(f"cache size: baseline {sizes['baseline'] / 1e6:.1f} MB, candidate {sizes['candidate'] / 1e6:.1f} MB, "
          f"ratio {sizes['candidate'] / sizes['baseline']:.3f}")
    print("| step | baseline s | candidate s | candidate / baseline |")
    print("|---|---:|---:|---:|")
    for label, by_name in times.items():
        base, cand = statistics.median(by_name["baseline"]), statistics.median(by_name["candidate"])
        print(f"| {label} | {base:.3f} | {cand:.3f} | {cand / base:.2f}× |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
