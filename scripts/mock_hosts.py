#!/usr/bin/env python3
"""Local stand-ins for arXiv, GitHub and ordinary web hosts, on 127.0.0.1 only.

Usage: mock_hosts.py CONFIG.json PORTFILE [--latency MS] [--hosts N]

Listens on one port for the APIs (arXiv's /api/query and GitHub's /repos) and
on N more ports for plain hosts, writes the ports to PORTFILE as JSON, and
serves until killed. GET /__stats on any port returns the request counts.

CONFIG: {"arxiv": {"ID": ["title", "YYYY-MM-DD"]},
         "github": {"owner/repo": {"full_name": ..., "archived": bool} | 404}}
Plain-host paths: /dead/... 404, /blocked/... 403, /limited/... 429 forever
(Retry-After: 1), /moved/X 301 to /X, anything else 200.
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse
from xml.sax.saxutils import escape

CONFIG = json.load(open(sys.argv[1]))
PORTFILE = sys.argv[2]
LATENCY = 0.0
HOSTS = 5
args = sys.argv[3:]
while args:
    flag, value, *args = args
    if flag == "--latency":
        LATENCY = float(value) / 1000
    elif flag == "--hosts":
        HOSTS = int(value)
STATS = {"requests": 0, "by_method": {}}
LOCK = threading.Lock()
RENAMED = {}


def feed(ids):
    out = ['<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>q</title>']
    for i in ids:
        if i in CONFIG.get("arxiv", {}):
            title, date = CONFIG["arxiv"][i]
            out.append(f"<entry><id>http://arxiv.org/abs/{i}v1</id><published>{date}T00:00:00Z"
                       f"</published><title>{escape(title)}</title></entry>")
    out.append("</feed>")
    return "".join(out).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        url = urlparse(self.path)
        if url.path == "/__stats":
            with LOCK:
                return self.answer(200, json.dumps(STATS).encode())
        with LOCK:
            STATS["requests"] += 1
            STATS["by_method"][self.command] = STATS["by_method"].get(self.command, 0) + 1
        time.sleep(LATENCY)
        p = url.path
        if p == "/api/query":
            ids = parse_qs(url.query).get("id_list", [""])[0].split(",")
            return self.answer(200, feed(ids), [("content-type", "application/atom+xml")])
        if p.startswith("/repos/"):
            key = p[len("/repos/"):].lower()
            repo = CONFIG.get("github", {}).get(key, {"full_name": key})
            if repo == 404:
                return self.answer(404, b'{"message":"Not Found"}')
            if repo["full_name"].lower() != key:
                rid = str(len(RENAMED) + 1)
                RENAMED.setdefault(key, rid)
                rid = RENAMED[key]
                loc = f"http://127.0.0.1:{self.server.server_port}/repositories/{rid}:{key}"
                return self.answer(301, b"", [("location", loc)])
            return self.answer(200, json.dumps(repo).encode())
        if p.startswith("/repositories/"):
            key = p.split(":", 1)[1]
            return self.answer(200, json.dumps(CONFIG["github"][key]).encode())
        if "/dead/" in p:
            return self.answer(404)
        if "/blocked/" in p:
            return self.answer(403, b"Access denied")
        if "/limited/" in p:
            return self.answer(429, b"", [("retry-after", "1")])
        if "/moved/" in p:
            return self.answer(301, b"", [("location", p.replace("/moved/", "/", 1))])
        return self.answer(200, b"<html>ok</html>", [("content-type", "text/html")])

    do_GET = do_HEAD = handle_any


def serve():
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), Handler) for _ in range(HOSTS + 1)]
    ports = [s.server_port for s in servers]
    with open(PORTFILE + ".tmp", "w") as f:
        json.dump({"api": ports[0], "hosts": ports[1:]}, f)
    import os
    os.replace(PORTFILE + ".tmp", PORTFILE)
    for s in servers[1:]:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    servers[0].serve_forever()


serve()
