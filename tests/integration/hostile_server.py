#!/usr/bin/env python3
"""A hostile court site on loopback, for tests/integration/security.sh.

Courts are told apart by the Host header (the crawler's --connect-to sends every
court here).  Every request's Host is logged, one per line, to LOG.

  235gvs--msk.sudrf.ru        every answer a redirect to another host (evil.example)
  moskovskygvs--msk.sudrf.ru  a listing announcing a million cases (endless pages)
  gvs--spb.sudrf.ru           a 40 MB body
  voen--perm.sudrf.ru         slow-loris: one byte a second, for a minute
  tverskoy--twr.sudrf.ru      a redirect to its own dot form, which answers "nothing found"

usage: hostile_server.py PORTFILE LOG LISTING_FIXTURE EMPTY_FIXTURE
"""
import http.server
import socketserver
import sys
import threading
import time

portfile, logfile, listing_path, empty_path = sys.argv[1:5]
LISTING = open(listing_path, "rb").read().replace(b"\x97 53.", b"\x97 1000000.")
assert LISTING != open(listing_path, "rb").read(), "the fixture's total is not where expected"
EMPTY = open(empty_path, "rb").read()
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, code, body, ctype="text/html; charset=windows-1251", extra=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        with lock:
            with open(logfile, "a") as f:
                f.write(host + "\n")
        try:
            if host == "235gvs--msk.sudrf.ru":
                self.send(302, b"", extra=[("Location", "http://evil.example" + self.path)])
            elif host == "moskovskygvs--msk.sudrf.ru":
                self.send(200, LISTING)
            elif host == "gvs--spb.sudrf.ru":
                n = 40 * 1024 * 1024
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(n))
                self.end_headers()
                chunk = b"a" * 65536
                for _ in range(n // len(chunk)):
                    self.wfile.write(chunk)
            elif host == "voen--perm.sudrf.ru":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                for _ in range(60):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(1)
            elif host == "tverskoy--twr.sudrf.ru":
                self.send(302, b"", extra=[("Location", "http://tverskoy.twr.sudrf.ru" + self.path)])
            elif host == "tverskoy.twr.sudrf.ru":
                self.send(200, EMPTY)
            else:
                self.send(404, b"no such court here")
        except (BrokenPipeError, ConnectionResetError):
            pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


srv = Server(("127.0.0.1", 0), Handler)
with open(portfile + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os
os.rename(portfile + ".tmp", portfile)
srv.serve_forever()
