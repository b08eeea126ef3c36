"""Two tei binaries on caches each already imported, q1–q8 interleaved, with peak RSS: a release too large
to import again for every comparison (9M rows: a quarter of an hour per side on a loaded machine).

    python3 Benchmarks/cached_pairs.py --old OLD_TEI --new NEW_TEI [--repeats N] [--only q1,q8] FOLDER...

Each FOLDER holds `questions/` (copies of Benchmarks/questions/q*.tei), `data/` (the release, or a link to
it) and `work/cache-old`, `work/cache-new`, the caches each binary imported with `-c` from `questions/`
(`let t = load "../data/tweets.csv"`, then the users). The questions run the same way, `-c` with the
script's text, so that they find those caches. See Benchmarks/README.md ("q8 at 9M: the rollup by code").
"""
import argparse
import os
from pathlib import Path

import bench


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", required=True)
    parser.add_argument("--new", required=True)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", default="", help="question prefixes, comma-separated (q1,q8)")
    parser.add_argument("folders", nargs="+")
    args = parser.parse_args()
    binaries = {"old": str(Path(args.old).resolve()), "new": str(Path(args.new).resolve())}
    only = [name for name in args.only.split(",") if name]
    for folder in map(Path, args.folders):
        folder = folder.resolve()
        questions = folder / "questions"
        load = os.getloadavg()
        print(f"## {folder.name}: load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the start", flush=True)
        print("| question | old s | new s | new / old | old peak MB | new peak MB | answers |")
        print("|---|---:|---:|---:|---:|---:|---|")
        for script in sorted(questions.glob("q*.tei"), key=lambda path: int(path.name.split("_")[0][1:])):
            number = script.name.split("_")[0]
            if int(number[1:]) > 8 or (only and number not in only):
                continue
            peaks = {label: [] for label in binaries}

            def runner(label, script=script, peaks=peaks):
                def run():
                    seconds, peak, answer = bench.run_timed(
                        [binaries[label], "--no-progress", "--format", "csv", "-c", script.read_text()],
                        env=bench.tei_env(folder / "work" / f"cache-{label}"), cwd=questions)
                    peaks[label].append(peak)
                    return seconds, answer
                return run

            timings, answers = bench.interleaved({label: runner(label) for label in binaries}, args.repeats)
            same = "same" if answers.get("old") == answers.get("new") else "DIFFERENT"
            print(f"| {script.stem} | {timings['old'].text()} | {timings['new'].text()} | "
                  f"{bench.ratio_text(bench.ratio(timings['new'], timings['old']))} | {max(peaks['old']):.0f} | "
                  f"{max(peaks['new']):.0f} | {same} |", flush=True)
        load = os.getloadavg()
        print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the end", flush=True)


if __name__ == "__main__":
    main()
