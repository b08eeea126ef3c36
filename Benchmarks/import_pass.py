# The parse-and-insert pass of an import, per thread: python3 Benchmarks/import_pass.py NAME TEI_BINARY CSV
# See Benchmarks/README.md ("The import's pass on two cores").
#
# Imports CSV with TEI_BINARY into Benchmarks/data/import-pass/cache-NAME, samples every thread's CPU each second,
# and once the pass is over (no thread but the main one and dispatch's with over 2 s of CPU is alive any more: the
# reader and the writer have ended) prints the pass's wall time, each thread's CPU, the peak RSS so far, then stops
# the import (its own process, by pid) and removes its cache folder: the index builds after the pass are not measured.
import os, sys, time, glob, subprocess, shutil, signal
name, binary, csv = sys.argv[1:4]
cache = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "import-pass", f"cache-{name}")
shutil.rmtree(cache, ignore_errors=True)
tick = os.sysconf("SC_CLK_TCK")
env = dict(os.environ, TEI_CACHE_DIR=cache, NO_COLOR="1")
start = time.time()
proc = subprocess.Popen([os.path.abspath(binary), "--no-progress", "-c", f'let t = load "{os.path.abspath(csv)}"\nt | count'], env=env, stdout=subprocess.DEVNULL)
cpu, comm, alive = {}, {}, set()
def sample():
    alive.clear()
    for t in glob.glob(f"/proc/{proc.pid}/task/*"):
        try:
            f = open(t + "/stat").read().rsplit(")", 1)[1].split(); c = open(t + "/comm").read().strip()
        except OSError: continue
        tid = int(t.rsplit("/", 1)[1]); cpu[tid] = (int(f[11]) + int(f[12])) / tick; comm[tid] = c; alive.add(tid)
def busy_workers(): return [t for t in alive if t != proc.pid and "qos" not in comm[t] and cpu[t] > 2]
started = False
while proc.poll() is None:
    sample()
    if busy_workers(): started = True
    elif started:
        break
    time.sleep(1)
wall = time.time() - start
hwm = next((l.split()[1] for l in open(f"/proc/{proc.pid}/status") if l.startswith("VmHWM")), "?") if proc.poll() is None else "?"
proc.send_signal(signal.SIGKILL); proc.wait()
shutil.rmtree(cache, ignore_errors=True)
total = sum(cpu.values())
print(f"{name}: pass wall {wall:.1f} s, CPU {total:.1f} s (all threads), peak RSS {int(hwm) // 1024 if hwm != '?' else '?'} MB, load {open('/proc/loadavg').read().split()[:3]}")
for c, t in sorted(((cpu[t], t) for t in cpu), reverse=True)[:5]:
    print(f"  {'main' if t == proc.pid else comm[t]:<16} tid {t}: {c:.2f} s")
