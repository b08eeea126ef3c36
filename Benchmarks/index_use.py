"""Which of a cache's indexes, rollups and sorted copies each pipeline's SQL reads, from SQLite's own plan:

    python3 Benchmarks/index_use.py CASES FOLDER CACHE_DIR TEI_BINARY

CASES and FOLDER as for pipeline_pairs.py. For each case, `explain` gives the statements tei writes on the
caches of CACHE_DIR, and the sqlite3 shell (the version tei links) plans each with `EXPLAIN QUERY PLAN`, the
caches attached under the names tei gives them. tei's own SQL functions are not in the shell: each call is
planned as `json_array(…)` of the same arguments (a function call either way, which decides no index); a
statement reading what an operator of tei's makes (the merge of parallel ranges, a window read from an index)
cannot be planned so and is reported as such. Prints, per case, the plan lines naming an index, rollup or copy,
counted (SQLite's plan names the indexes it reads, but a table only by its alias: a rollup or sorted copy
read through its own key shows as no index). See Benchmarks/README.md ("Import at 9M: the indexes a rollup or a longer index could replace").
"""
import collections
import glob
import os
import re
import subprocess
import sys

from pipeline_pairs import PRELUDE


def statements(explained):
    """The statements of `explain`'s output: one, or the ranges and merge of a split plan (`-- ` lines)."""
    parts = re.split(r"^-- .*$", explained, flags=re.M)
    return [part.strip() for part in parts if part.strip()]


def main():
    cases_path, folder, cache, binary = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3]), sys.argv[4]
    cases = [line.rstrip("\n").split("\t", 1) for line in open(cases_path) if line.strip() and not line.startswith("#")]
    for name, pipeline in cases:
        done = subprocess.run([binary, "--no-progress", "-c", PRELUDE + "explain " + pipeline], cwd=os.path.join(folder, "questions"),
                              env=dict(os.environ, TEI_CACHE_DIR=cache, NO_COLOR="1"), capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{name}: explain failed: {done.stderr.strip().splitlines()[0] if done.stderr.strip() else done.returncode}")
            continue
        sql = re.sub(r'"?\btei_[a-z_]+"?\(', "json_array(", done.stdout)
        attach = "".join(f"ATTACH '{glob.glob(os.path.join(cache, schema[4:] + '*.sqlite'))[0]}' AS {schema};\n"
                         for schema in sorted(set(re.findall(r'"(tei_[0-9a-f]{16})"', sql))))
        read = collections.Counter()
        for statement in statements(sql):
            plan = subprocess.run(["sqlite3", "-readonly", ":memory:"], input=attach + "EXPLAIN QUERY PLAN " + statement + ";\n",
                                  capture_output=True, text=True)
            for line in (plan.stdout + plan.stderr).splitlines():
                found = re.search(r"(rows_index_\d+|rollup_\d+(_by_code)?|items_\d+_by_value|no such table: \S+)", line)
                if found:
                    read[found.group(1) if "no such" not in found.group(1) else "not planned (" + found.group(1) + ")"] += 1
        print(f"{name}: " + (", ".join(f"{what} ×{count}" for what, count in sorted(read.items())) or "no index"), flush=True)


if __name__ == "__main__":
    main()
