#!/usr/bin/env python3
"""Tiny loopback proxies for tests/integration/proxy.sh.

  proxy_server.py http   PORTFILE LOG [--forward-to HOST:PORT] [--auth USER:PASS]
  proxy_server.py socks5 PORTFILE LOG
  proxy_server.py tls    PORTFILE LOG --forward-to HOST:PORT --cert PEM --key PEM

http: an HTTP forward proxy.  An absolute-URI request (GET http://host/path) is sent
to --forward-to whatever its host (the test's stand-in for DNS: nothing leaves
loopback); CONNECT is tunnelled to a loopback address only.  With --auth, requests
without that Proxy-Authorization get 407.
socks5: a SOCKS5 proxy without authentication, CONNECT to loopback only.
tls: a TLS front for --forward-to (the simulator speaks plain HTTP).
Every request or connection is one line in LOG ("GET URL", "CONNECT HOST:PORT",
"REFUSED ...").  The bound port is written to PORTFILE.
"""
import argparse
import os
import base64
import socket
import socketserver
import ssl
import struct
import sys
import threading

args = None
log_lock = threading.Lock()


def log(line):
    with log_lock:
        with open(args.log, "a", encoding="utf-8") as f:
            f.write(line + "\n")


def loopback(host):
    return host in ("127.0.0.1", "localhost", "::1")


def pipe(a, b):
    """Copy both ways until either side closes."""
    def one(src, dst):
        try:
            while True:
                d = src.recv(65536)
                if not d:
                    break
                dst.sendall(d)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
    t = threading.Thread(target=one, args=(b, a), daemon=True)
    t.start()
    one(a, b)
    t.join()


def read_head(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        d = sock.recv(4096)
        if not d:
            return None, b""
        data += d
        if len(data) > 65536:
            return None, b""
    head, rest = data.split(b"\r\n\r\n", 1)
    return head.decode("latin-1").split("\r\n"), rest


def hostport(s):
    h, p = s.rsplit(":", 1)
    return h.strip("[]"), int(p)


class HTTPProxy(socketserver.BaseRequestHandler):
    def handle(self):
        c = self.request
        while True:
            lines, rest = read_head(c)
            if not lines:
                return
            method, target, _ = lines[0].split(" ", 2)
            headers = lines[1:]
            if args.auth:
                want = "Basic " + base64.b64encode(args.auth.encode()).decode()
                got = [h.split(":", 1)[1].strip() for h in headers
                       if h.lower().startswith("proxy-authorization:")]
                if got != [want]:
                    log("REFUSED auth " + method)
                    c.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                              b"Proxy-Authenticate: Basic realm=\"t\"\r\n"
                              b"Content-Length: 0\r\n\r\n")
                    continue
            if method == "CONNECT":
                host, port = hostport(target)
                if not loopback(host):
                    log("REFUSED CONNECT " + target)
                    c.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                    return
                log("CONNECT " + target)
                u = socket.create_connection((host, port))
                c.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                if rest:
                    u.sendall(rest)
                pipe(c, u)
                return
            if not target.startswith("http://") or not args.forward_to:
                log("REFUSED " + method + " " + target)
                c.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                return
            log(method + " " + target)
            path = "/" + target[len("http://"):].split("/", 1)[1] if "/" in target[7:] else "/"
            keep = [h for h in headers if not h.lower().startswith(("proxy-", "connection:"))]
            req = "\r\n".join([method + " " + path + " HTTP/1.1"] + keep +
                              ["Connection: close", "", ""]).encode("latin-1")
            u = socket.create_connection(hostport(args.forward_to))
            u.sendall(req + rest)
            resp = b""
            while True:
                d = u.recv(65536)
                if not d:
                    break
                resp += d
            u.close()
            c.sendall(resp)
            return  # the answer is delimited by our closing (the upstream closed)


class SOCKS5(socketserver.BaseRequestHandler):
    def recvn(self, n):
        d = b""
        while len(d) < n:
            x = self.request.recv(n - len(d))
            if not x:
                raise OSError("short")
            d += x
        return d

    def handle(self):
        c = self.request
        ver, nm = self.recvn(2)
        methods = self.recvn(nm)
        if ver != 5 or 0 not in methods:
            c.sendall(b"\x05\xff")
            return
        c.sendall(b"\x05\x00")
        ver, cmd, _, atyp = self.recvn(4)
        if atyp == 1:
            host = socket.inet_ntoa(self.recvn(4))
        elif atyp == 3:
            host = self.recvn(self.recvn(1)[0]).decode("latin-1")
        elif atyp == 4:
            host = socket.inet_ntop(socket.AF_INET6, self.recvn(16))
        else:
            return
        port = struct.unpack(">H", self.recvn(2))[0]
        if cmd != 1 or not loopback(host):
            log("REFUSED CONNECT %s:%d" % (host, port))
            c.sendall(b"\x05\x02\x00\x01" + b"\0" * 6)  # not allowed by ruleset
            return
        try:
            u = socket.create_connection((host, port))
        except OSError:
            c.sendall(b"\x05\x05\x00\x01" + b"\0" * 6)  # connection refused
            return
        log("CONNECT %s:%d" % (host, port))
        c.sendall(b"\x05\x00\x00\x01" + b"\0" * 6)
        pipe(c, u)


class TLSFront(socketserver.BaseRequestHandler):
    def handle(self):
        try:
            s = ctx.wrap_socket(self.request, server_side=True)
        except (ssl.SSLError, OSError) as e:
            log("TLS failed " + type(e).__name__)
            return
        log("TLS")
        u = socket.create_connection(hostport(args.forward_to))
        pipe(s, u)


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


ap = argparse.ArgumentParser()
ap.add_argument("kind", choices=["http", "socks5", "tls"])
ap.add_argument("portfile")
ap.add_argument("log")
ap.add_argument("--forward-to")
ap.add_argument("--auth")
ap.add_argument("--cert")
ap.add_argument("--key")
args = ap.parse_args()
open(args.log, "w").close()
handler = {"http": HTTPProxy, "socks5": SOCKS5, "tls": TLSFront}[args.kind]
if args.kind == "tls":
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(args.cert, args.key)
srv = Server(("127.0.0.1", 0), handler)
with open(args.portfile + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.replace(args.portfile + ".tmp", args.portfile)
try:
    srv.serve_forever()
except KeyboardInterrupt:
    sys.exit(0)
