"""What the kernel tests share: the built tei, its kernelspec installed into a temporary prefix,
and a private cache, so the tests never touch the user's Jupyter or tei folders.

The tests are run by Tests/TEIKernelTests/KernelClientTests.swift with the venv that `./dev test`
makes (.venv-test); TEI names the built tei binary.
"""
import atexit
import os
import re
import shutil
import subprocess
import tempfile

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEI = os.environ["TEI"]
WORK = tempfile.mkdtemp(prefix="tei-kernel-tests-")
atexit.register(shutil.rmtree, WORK, True)

os.environ["TEI_CACHE_DIR"] = os.path.join(WORK, "cache")
os.environ["NO_COLOR"] = "1"
os.environ["JUPYTER_PATH"] = os.path.join(WORK, "share", "jupyter")
# Jupyter's own folders (runtime files, the user's kernelspecs) are kept out of the way too.
os.environ["JUPYTER_DATA_DIR"] = os.path.join(WORK, "data")
os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(WORK, "runtime")
os.environ["JUPYTER_CONFIG_DIR"] = os.path.join(WORK, "config")
os.environ["JUPYTER_PLATFORM_DIRS"] = "1"

_installed = subprocess.run([TEI, "kernel", "install", "--prefix", WORK], capture_output=True, text=True)
if _installed.returncode != 0:
    raise RuntimeError("tei kernel install failed: " + _installed.stderr)

KERNEL_NAME = "tei"
FIXTURE_TWEETS = os.path.join(REPOSITORY, "Fixtures", "freedonia_201901_1_tweets_csv_hashed.csv")

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def plain(text):
    """Text without ANSI colours."""
    return ANSI.sub("", text)


def normalized(text):
    """Cache schemas are named after a hash of the loaded file's path (as GoldenTests does)."""
    return re.sub(r'"tei_[0-9a-f]{16}"', '"tei_<cache>"', text)


def start_kernel(cwd=REPOSITORY):
    """A kernel started from the installed kernelspec, and a client with its channels ready."""
    from jupyter_client.manager import start_new_kernel
    return start_new_kernel(kernel_name=KERNEL_NAME, cwd=cwd, startup_timeout=60)


def execute(client, code, timeout=60):
    """Runs `code`; returns the execute_reply and the iopub messages the request caused, up to idle."""
    msg_id = client.execute(code)
    reply = client.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = client.get_shell_msg(timeout=timeout)
    outputs = []
    while True:
        message = client.get_iopub_msg(timeout=timeout)
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            return reply, outputs
        if message["msg_type"] not in ("status", "execute_input"):
            outputs.append(message)
