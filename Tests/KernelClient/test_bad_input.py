"""The kernel started by hand on a connection file, as Jupyter starts it: frames that are not a
message, or are wrongly signed, are dropped with a line in its log and it goes on serving; it
exits cleanly when its parent dies."""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import zmq
from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file

from kernel_support import REPOSITORY, TEI, WORK


def connection_file():
    path = tempfile.mktemp(suffix=".json", dir=WORK)
    write_connection_file(path, key=b"a-secret-key-for-the-tests")
    return path


def client_for(path):
    client = BlockingKernelClient(connection_file=path)
    client.load_connection_file()
    client.start_channels()
    client.wait_for_ready(timeout=30)
    return client


def process_exists(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has ended; only its parent has not collected it yet.
    with open("/proc/{}/stat".format(pid)) as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"


class BadInputTests(unittest.TestCase):
    def test_malformed_and_wrongly_signed_messages_are_dropped_with_a_log_line(self):
        path = connection_file()
        log = open(os.path.join(WORK, "bad-input.log"), "w+")
        kernel = subprocess.Popen([TEI, "kernel", "--connection-file", path], stderr=log, cwd=REPOSITORY)
        try:
            client = client_for(path)
            with open(path) as file:
                info = json.load(file)
            raw = zmq.Context.instance().socket(zmq.DEALER)
            raw.connect("tcp://{}:{}".format(info["ip"], info["shell_port"]))
            header = json.dumps({"msg_id": "x", "msg_type": "kernel_info_request", "session": "s",
                                 "username": "u", "version": "5.3", "date": "2026-01-01T00:00:00Z"}).encode()
            raw.send_multipart([b"no delimiter at all"])
            raw.send_multipart([b"<IDS|MSG>", b"0" * 64, header, b"{}", b"{}", b"{}"])
            raw.send_multipart([b"<IDS|MSG>", b"", b"not json", b"{}", b"{}", b"{}"])
            raw.send_multipart([b"<IDS|MSG>", b"too few frames"])
            control = zmq.Context.instance().socket(zmq.DEALER)
            control.connect("tcp://{}:{}".format(info["ip"], info["control_port"]))
            control.send_multipart([b"<IDS|MSG>", b"deadbeef", header, b"{}", b"{}", b"{}"])
            time.sleep(0.5)
            # Still serving, and the properly signed request is answered.
            reply = client.kernel_info(reply=True, timeout=10)
            self.assertEqual(reply["content"]["implementation"], "tei")
            self.assertIsNone(kernel.poll())
            client.shutdown()
            self.assertEqual(kernel.wait(timeout=10), 0)
            client.stop_channels()
            raw.close(0)
            control.close(0)
        finally:
            if kernel.poll() is None:
                kernel.kill()
        log.seek(0)
        lines = log.read().splitlines()
        log.close()
        dropped = [line for line in lines if "dropped a message" in line]
        self.assertEqual(len(dropped), 5, "\n".join(lines))
        self.assertTrue(any("no <IDS|MSG> delimiter" in line for line in dropped))
        self.assertEqual(sum("wrong signature" in line for line in dropped), 3, "\n".join(dropped))
        self.assertTrue(any("frames after the delimiter" in line for line in dropped))
        self.assertTrue(any("on control" in line for line in dropped))

    def test_a_connection_file_that_is_not_one_is_a_clear_error(self):
        path = os.path.join(WORK, "bad-connection.json")
        with open(path, "w") as file:
            file.write('{"ip": "127.0.0.1"}')
        result = subprocess.run([TEI, "kernel", "--connection-file", path], capture_output=True, text=True, timeout=30)
        self.assertEqual(result.returncode, 1)
        self.assertIn("shell_port", result.stderr)
        self.assertNotIn("Error Domain", result.stderr)

    def test_the_kernel_exits_when_its_parent_dies(self):
        path = connection_file()
        # A parent that starts the kernel, says its pid, and waits: then is killed without warning.
        parent = subprocess.Popen(
            [sys.executable, "-c",
             "import subprocess, sys, time\n"
             "kernel = subprocess.Popen(sys.argv[1:])\n"
             "print(kernel.pid, flush=True)\n"
             "time.sleep(600)\n",
             TEI, "kernel", "--connection-file", path],
            stdout=subprocess.PIPE, text=True, cwd=REPOSITORY)
        kernel_pid = int(parent.stdout.readline())
        parent.stdout.close()
        client = client_for(path)
        client.stop_channels()
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while process_exists(kernel_pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        alive = process_exists(kernel_pid)
        if alive:
            os.kill(kernel_pid, signal.SIGKILL)
        self.assertFalse(alive, "the kernel outlived its parent")

    def test_sigterm_stops_the_kernel_cleanly(self):
        path = connection_file()
        kernel = subprocess.Popen([TEI, "kernel", "--connection-file", path], cwd=REPOSITORY, stderr=subprocess.DEVNULL)
        client = client_for(path)
        client.stop_channels()
        kernel.send_signal(signal.SIGTERM)
        self.assertEqual(kernel.wait(timeout=10), 0)


if __name__ == "__main__":
    unittest.main()
