"""Pipelines timed on caches already imported, each with its binary, alternating: what an index or a layout
change does to the questions beyond q1–q8 (cached_pairs.py), such as the standard library's functions.

    python3 Benchmarks/pipeline_pairs.py CASES REPEATS FOLDER CACHE_DIR=TEI_BINARY...

CASES has one case a line, `name<TAB>pipeline` over `t` (FOLDER/data/tweets.csv) and `users`
(FOLDER/data/users.csv), every standard library imported; lines starting with `#` are skipped. Each run is
the whole process (`-c`, from FOLDER/questions so that the paths match those the caches were imported
with), after one untimed run per setup that imports what its cache lacks; prints the median wall time and
CPU (user + system) of each setup, the last over the first, and whether every setup printed the same answer. Set TEI_STDLIB when a binary is not in its build folder.
See Benchmarks/README.md ("Import at 9M: the indexes a rollup or a longer index could replace").
"""
import os
import resource
import statistics
import subprocess
import sys
import time

LIBRARIES = ["accounts", "activity", "amplification", "coordination", "popular", "releases"]
PRELUDE = "".join(f'import "{name}"\n' for name in LIBRARIES) + 'let t = load "../data/tweets.csv"\nlet users = load "../data/users.csv"\n'


def run(folder, cache, binary, pipeline, limit=600):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    try:
        done = subprocess.run([binary, "--no-progress", "--format", "csv", "-c", PRELUDE + pipeline], cwd=os.path.join(folder, "questions"),
                              env=dict(os.environ, TEI_CACHE_DIR=cache, NO_COLOR="1"), capture_output=True, timeout=limit)
        answer = (done.returncode, done.stdout)
    except subprocess.TimeoutExpired:
        answer = ("over the limit", b"")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.time() - start, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), answer


def main():
    cases_path, repeats, folder = sys.argv[1], int(sys.argv[2]), os.path.abspath(sys.argv[3])
    setups = [spec.split("=", 1) for spec in sys.argv[4:]]
    cases = [line.rstrip("\n").split("\t", 1) for line in open(cases_path) if line.strip() and not line.startswith("#")]
    for cache, binary in setups:  # imports whatever a cache lacks, untimed
        run(folder, cache, binary, "t | count")
    print("load average %.1f %.1f %.1f at the start" % os.getloadavg(), flush=True)
    print("| case | " + " | ".join(f"{os.path.basename(cache)} s (CPU s)" for cache, _ in setups) + " | last / first | answers |")
    print("|---|" + "---:|" * len(setups) + "---:|---|")
    for name, pipeline in cases:
        times = [[] for _ in setups]
        answers = {}
        for round_number in range(repeats):
            order = list(range(len(setups)))
            for index in (order if round_number % 2 == 0 else reversed(order)):
                wall, cpu, answers[index] = run(folder, setups[index][0], setups[index][1], pipeline)
                times[index].append((wall, cpu))
        medians = [(statistics.median(w for w, _ in each), statistics.median(c for _, c in each)) for each in times]
        same = len({answers[i] for i in answers}) == 1 and answers[0][0] == 0
        cells = " | ".join(f"{wall:.3f} ({cpu:.3f})" for wall, cpu in medians)
        print(f"| {name} | {cells} | {medians[-1][0] / medians[0][0]:.2f}× | {'same' if same else 'DIFFERENT or failed'} |", flush=True)
    print("load average %.1f %.1f %.1f at the end" % os.getloadavg(), flush=True)


if __name__ == "__main__":
    main()
