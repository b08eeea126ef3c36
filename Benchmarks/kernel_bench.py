"""Measures the tei Jupyter kernel (run by Benchmarks/kernel.sh): the round trip of a trivial
cell (execute_request sent → its idle status received) and of a small table from a cached load,
and the kernel's resident memory when idle. Prints a Markdown report."""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.manager import start_new_kernel

TEI = sys.argv[1]
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 200
REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TWEETS = os.path.join(REPOSITORY, "Fixtures", "freedonia_201901_1_tweets_csv_hashed.csv")
TARGET_MS, TARGET_MB = 20.0, 50.0


def round_trip(client, code):
    """Seconds from sending `code` to the idle status of its request on iopub."""
    started = time.perf_counter()
    msg_id = client.execute(code)
    while True:
        message = client.get_iopub_msg(timeout=60)
        if (message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "status"
                and message["content"]["execution_state"] == "idle"):
            return time.perf_counter() - started


def resident_mb(pid):
    with open("/proc/{}/status".format(pid)) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def measure(client, code):
    for _ in range(20):
        round_trip(client, code)
    times = sorted(round_trip(client, code) * 1000 for _ in range(ROUNDS))
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def process_ms(code):
    """A fresh `tei -c CODE` process, for comparison: what a cell would cost without a kernel."""
    times = []
    for _ in range(10):
        started = time.perf_counter()
        subprocess.run([TEI, "-c", code], check=True, capture_output=True)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main():
    work = tempfile.mkdtemp(prefix="tei-kernel-bench-")
    try:
        os.environ.update(TEI_CACHE_DIR=os.path.join(work, "cache"), JUPYTER_PATH=os.path.join(work, "share", "jupyter"),
                          JUPYTER_RUNTIME_DIR=os.path.join(work, "runtime"), JUPYTER_PLATFORM_DIRS="1")
        subprocess.run([TEI, "kernel", "install", "--prefix", work], check=True, capture_output=True)
        manager, client = start_new_kernel(kernel_name="tei", cwd=REPOSITORY, startup_timeout=60)
        pid = manager.provisioner.process.pid
        time.sleep(1)
        idle_mb = resident_mb(pid)
        trivial = measure(client, "let x = 1")
        round_trip(client, 'let tweets = load "{}"'.format(TWEETS))
        table = measure(client, "tweets | group tweet_language (n = count()) | sort -n | take 5")
        after_mb = resident_mb(pid)
        client.stop_channels()
        manager.shutdown_kernel()
        trivial_process = process_ms("let x = 1")
        table_process = process_ms('load "{}" | group tweet_language (n = count()) | sort -n | take 5'.format(TWEETS))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("| measure | tei kernel | target | ratio to target | a fresh `tei -c` process | kernel / process |")
    print("|---|---|---|---|---|---|")
    print("| trivial cell `let x = 1`, execute → idle (median; p95) | {:.2f} ms; {:.2f} ms | < {:.0f} ms | {:.2f}x | {:.1f} ms | {:.2f}x |"
          .format(trivial[0], trivial[1], TARGET_MS, trivial[0] / TARGET_MS, trivial_process, trivial[0] / trivial_process))
    print("| 5-row group over the cached fixture (median; p95) | {:.2f} ms; {:.2f} ms | | | {:.1f} ms | {:.2f}x |"
          .format(table[0], table[1], table_process, table[0] / table_process))
    print("| resident memory, idle after start | {:.1f} MB | < {:.0f} MB | {:.2f}x | | |".format(idle_mb, TARGET_MB, idle_mb / TARGET_MB))
    print("| resident memory after the cells above | {:.1f} MB | | {:.2f}x | | |".format(after_mb, after_mb / TARGET_MB))
    print("\n{} rounds after 20 warm-up rounds; machine load average {:.1f}.".format(ROUNDS, os.getloadavg()[0]))


if __name__ == "__main__":
    main()
