#!/usr/bin/env python3
"""The import's pass and what follows it: python3 Benchmarks/import_phases.py NAME TEI_BINARY CSV

Imports CSV into an empty cache (Benchmarks/data/import-phases/cache-NAME) with the tei binary, sampling
the process every 0.1 s, and prints the wall and CPU time (user + system, every thread) of the whole
import, of its parse-and-insert pass and of everything after it (index builds, the copies sorted by
value, the rollups, metadata, commit, fsync), and the importing thread's (the main one's) CPU in the
pass. The pass ends when its writer thread does: the busiest thread but the main one, 2 s in. See Benchmarks/README.md ("Import at 9M: what the layout costs after
the pass").
"""
import os
import resource
import shutil
import subprocess
import sys
import time

name, binary, csv = sys.argv[1:4]
cache = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "import-phases", f"cache-{name}")
shutil.rmtree(cache, ignore_errors=True)
tick = os.sysconf("SC_CLK_TCK")


def cpu(stat_path):
    fields = open(stat_path).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick


start = time.time()
process = subprocess.Popen([binary, "--no-progress", "-c", f'let t = load "{csv}"\nt | count'],
                           env=dict(os.environ, TEI_CACHE_DIR=cache, NO_COLOR="1"), stdout=subprocess.DEVNULL)
writer = None
pass_end, pass_cpu, importing_cpu = start, 0.0, 0.0
while process.poll() is None:
    try:
        total = cpu(f"/proc/{process.pid}/stat")
        tasks = os.listdir(f"/proc/{process.pid}/task")
        if writer is None and time.time() - start > 2:
            writer = max((cpu(f"/proc/{process.pid}/task/{task}/stat"), task) for task in tasks if int(task) != process.pid)[1]
        if writer is not None and writer in tasks:
            pass_end, pass_cpu = time.time(), total
            importing_cpu = cpu(f"/proc/{process.pid}/task/{process.pid}/stat")
    except (FileNotFoundError, ProcessLookupError, ValueError):
        pass
    time.sleep(0.1)
wall = time.time() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
total = usage.ru_utime + usage.ru_stime
load = " ".join(open("/proc/loadavg").read().split()[:3])
print(f"{time.strftime('%H:%M:%S', time.gmtime())} {name:6} wall {wall:7.1f} s  cpu {total:6.1f} s  peak {usage.ru_maxrss // 1024} MB"
      f" | pass wall {pass_end - start:7.1f} s  cpu {pass_cpu:6.1f} s | after wall {wall - (pass_end - start):6.1f} s"
      f"  cpu {total - pass_cpu:6.1f} s | importing thread in the pass cpu {importing_cpu:6.1f} s | load {load}", flush=True)
