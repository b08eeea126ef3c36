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
`rate` (bytes per second) sends the body no faster. The path "*" may give {"rate": BYTES_PER_SECOND}:
every reply's body is sent no faster (for the benchmark of --jobs; a limit per connection, as many
servers have).

Every file reply has an ETag (from the file's inode, size and modification time) and a
Last-Modified, as a static file server's, and a Range request with an If-Range naming another
version gets the whole file (200).

A paged bucket listing in the shape of Cloud Storage's JSON API (the only shape it was tested
against): GET /storage/v1/b/BUCKET/o?prefix=P[&pageToken=T][&maxResults=N] lists the files under
FOLDER/BUCKET whose name (path below the bucket) starts with P, sorted, as
{"kind": "storage#objects", "items": [{"kind": "storage#object", "name", "bucket", "size" (a
decimal string), "md5Hash" and "crc32c" (base64; the CRC32C big-endian), "etag", "updated"}],
"nextPageToken"}. Each object is downloaded as GET /BUCKET/NAME. The rule "listing" shapes it:
{"page_size": N (default 1000), "composite": [NAMES] (no md5Hash, as for composite objects),
"wrong_md5": [NAMES], "wrong_crc32c": [NAMES] (a digest that does not match the file),
"no_crc32c": true (no crc32c at all: this server's CRC32C is pure Python, too slow for the
benchmark's 32 MB)}. Digests are computed once per version of a file. The
listing's path counts as one path in /_requests, whatever its query.

GET /_requests answers a JSON object of the GET requests served so far per path (itself excluded);
GET /_bytes answers the number of body bytes sent so far by file replies.
"""

import base64
import hashlib
import json
import os
import re
import sys
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

FOLDER = sys.argv[1]
with open(sys.argv[2]) as rules_file:
    RULES = json.load(rules_file)
LOCK = threading.Lock()
REQUESTS = {}
BYTES_SENT = [0]
LISTING = re.compile(r"/storage/v1/b/([^/]+)/o")


def crc32c_table():
    table = []
    for n in range(256):
        crc = n
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
        table.append(crc)
    return table


CRC32C_TABLE = crc32c_table()


def crc32c(data):
    """CRC-32C (Castagnoli) as Cloud Storage computes it; written apart from tei's, to check it."""
    crc = 0xFFFFFFFF
    for byte in data:
        crc = (crc >> 8) ^ CRC32C_TABLE[(crc ^ byte) & 0xFF]
    return crc ^ 0xFFFFFFFF


DIGESTS = {}


def digests(path, with_crc32c):
    """The MD5 and CRC32C (None without) of the file at `path`, computed once per version."""
    key = (path, etag(path), with_crc32c)
    with LOCK:
        if key in DIGESTS:
            return DIGESTS[key]
    with open(path, "rb") as source:
        data = source.read()
    value = (hashlib.md5(data).digest(), crc32c(data).to_bytes(4, "big") if with_crc32c else None, len(data))
    with LOCK:
        DIGESTS[key] = value
    return value


def object_resource(bucket, name, path, listing_rule):
    """The listing's item for the file at `path`, named `name` in `bucket`."""
    md5, crc, size = digests(path, not listing_rule.get("no_crc32c"))
    if name in listing_rule.get("wrong_md5", []):
        md5 = bytes(b ^ 0xFF for b in md5)
    if crc is not None and name in listing_rule.get("wrong_crc32c", []):
        crc = bytes(b ^ 0xFF for b in crc)
    item = {"kind": "storage#object", "name": name, "bucket": bucket, "size": str(size), "etag": etag(path),
            "updated": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(os.path.getmtime(path)))}
    if crc is not None:
        item["crc32c"] = base64.b64encode(crc).decode()
    if name not in listing_rule.get("composite", []):
        item["md5Hash"] = base64.b64encode(md5).decode()
    return item


def etag(path):
    info = os.stat(path)
    return f'"{info.st_ino:x}-{info.st_size:x}-{info.st_mtime_ns:x}"'


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
        if self.path in ("/_requests", "/_bytes"):
            with LOCK:
                self.send_json(REQUESTS if self.path == "/_requests" else BYTES_SENT[0])
            return
        path = unquote(urlsplit(self.path).path)
        with LOCK:
            REQUESTS[path] = REQUESTS.get(path, 0) + 1
        if LISTING.fullmatch(urlsplit(self.path).path):
            self.list_bucket(urlsplit(self.path).path)
            return
        self.serve(send_body=True)

    def send_json(self, value, status=200):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def list_bucket(self, path):
        fault = take_fault(path)
        if fault and "status" in fault:
            self.send_status(fault["status"])
            return
        bucket = unquote(LISTING.fullmatch(path).group(1))
        root = os.path.join(FOLDER, bucket)
        if not os.path.isdir(root):
            self.send_json({"error": {"code": 404, "message": "The specified bucket does not exist."}}, 404)
            return
        query = parse_qs(urlsplit(self.path).query)
        prefix = query.get("prefix", [""])[0]
        rule = RULES.get("listing", {})
        page_size = int(query.get("maxResults", [rule.get("page_size", 1000)])[0])
        start = int(query.get("pageToken", ["page-0"])[0].split("-")[1])
        names = sorted(os.path.relpath(os.path.join(folder, file), root)
                       for folder, _, files in os.walk(root) for file in files)
        names = [name for name in names if name.startswith(prefix)]
        listing = {"kind": "storage#objects",
                   "items": [object_resource(bucket, name, os.path.join(root, name), rule)
                             for name in names[start:start + page_size]]}
        if start + page_size < len(names):
            listing["nextPageToken"] = f"page-{start + page_size}"
        self.send_json(listing)

    def send_status(self, status):
        body = b"fault injected\n"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def serve(self, send_body):
        path = unquote(urlsplit(self.path).path)
        file = os.path.join(FOLDER, path.lstrip("/"))
        if "/../" in "/" + path + "/" or not os.path.isfile(file):
            self.send_status(404)
            return
        fault = take_fault(path) if send_body else None
        if fault and "status" in fault:
            self.send_status(fault["status"])
            return
        size = os.path.getsize(file)
        start, end = 0, size - 1
        status = 200
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        # If-Range (RFC 9110): the range only while the file is the version named, else all of it.
        condition = self.headers.get("If-Range")
        current = (etag(file), formatdate(os.path.getmtime(file), usegmt=True))
        if match and condition is not None and condition not in current:
            match = None
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
        self.send_header("ETag", etag(file))
        self.send_header("Last-Modified", formatdate(os.path.getmtime(file), usegmt=True))
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.end_headers()
        if not send_body:
            return
        limit = fault["drop_after"] if fault and "drop_after" in fault else length
        rate = fault["rate"] if fault and "rate" in fault else RULES.get("*", {}).get("rate")
        with open(file, "rb") as source:
            source.seek(start)
            remaining = min(length, limit)
            while remaining > 0:
                chunk = source.read(min(65536, remaining))
                self.wfile.write(chunk)
                remaining -= len(chunk)
                with LOCK:
                    BYTES_SENT[0] += len(chunk)
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
