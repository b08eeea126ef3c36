#!/usr/bin/env python3
"""A local HTTP server for the `tei fetch` tests: never the internet.

Serves the files of one folder on 127.0.0.1 with HTTP Range (`bytes=N-` and `bytes=N-M`), counts the
GET requests per path, and injects the faults a rules file asks for. Prints the port it listens on
(chosen by the system) as its first line of output.

    fetch_server.py FOLDER RULES.json

RULES.json maps a path to a fault, each applied the given number of `times` (default 1):
    {"/drop.bin": {"drop_after": 50000}, "/flaky.bin": {"status": 503, "times": 2}}
`drop_after` sends the headers of the full reply and that many bytes, then closes the connection;
`status` answers with that status and a short body instead of the file.
`ignore_range` (any value) answers with the whole file (200), as a server without ranges does.
The path "*" may give {"rate": BYTES_PER_SECOND}: every reply's body is sent no faster (for the
benchmark of --jobs; a limit per connection, as many servers have).

GET /_requests answers a JSON object of the GET requests served so far per path (itself excluded).
"""

import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FOLDER = sys.argv[1]
with open(sys.argv[2]) as rules_file:
    RULES = json.load(rules_file)
LOCK = threading.Lock()
REQUESTS = {}


def take_fault(path):
    """The fault to inject on this request of `path`, if any is left."""
    with LOCK:
        rule = RULES.get(path)
        if not rule or rule.get("times", 1) <= 0:
            return None
        rule["times"] = rule.get("times", 1) - 1
        return rule


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def do_HEAD(self):
        self.serve(send_body=False)

    def do_GET(self):
        if self.path == "/_requests":
            with LOCK:
                body = json.dumps(REQUESTS).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        with LOCK:
            REQUESTS[self.path] = REQUESTS.get(self.path, 0) + 1
        self.serve(send_body=True)

    def send_status(self, status):
        body = b"fault injected\n"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def serve(self, send_body):
        file = os.path.join(FOLDER, self.path.lstrip("/"))
        if "/../" in "/" + self.path + "/" or not os.path.isfile(file):
            self.send_status(404)
            return
        fault = take_fault(self.path) if send_body else None
        if fault and "status" in fault:
            self.send_status(fault["status"])
            return
        size = os.path.getsize(file)
        start, end = 0, size - 1
        status = 200
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        if match and not (fault and "ignore_range" in fault):
            start = int(match.group(1))
            end = min(int(match.group(2)), size - 1) if match.group(2) else size - 1
            if start >= size:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = 206
        length = end - start + 1
        self.send_response(status)
        self.send_header("Content-Length", str(length))
        self.send_header("Accept-Ranges", "bytes")
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.end_headers()
        if not send_body:
            return
        limit = fault["drop_after"] if fault and "drop_after" in fault else length
        rate = RULES.get("*", {}).get("rate")
        with open(file, "rb") as source:
            source.seek(start)
            remaining = min(length, limit)
            while remaining > 0:
                chunk = source.read(min(65536, remaining))
                self.wfile.write(chunk)
                remaining -= len(chunk)
                if rate:
                    time.sleep(len(chunk) / rate)
        if limit < length:
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
