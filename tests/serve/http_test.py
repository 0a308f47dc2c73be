#!/usr/bin/python3
"""nianbao serve over HTTP, as a shared service must behave: every bad request
answered 4xx with a Chinese message, nothing read or written outside --data.
  http_test.py NIANBAO_BINARY SOURCE_DIR"""
import hashlib
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from verdicts import check, exit_code  # noqa: E402
from server import Server  # noqa: E402

binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])


def tree(path):
    """Every file under path with a digest of its bytes (symlinks as their target)."""
    out = {}
    for root, dirs, files in os.walk(path):
        for n in files + dirs:
            p = os.path.join(root, n)
            if os.path.islink(p):
                out[p] = "-> " + os.readlink(p)
            elif os.path.isfile(p):
                with open(p, "rb") as f:
                    out[p] = hashlib.sha256(f.read()).hexdigest()
    return out


tmp = tempfile.mkdtemp(prefix="nianbao-http-")
data = os.path.join(tmp, "data")
outside = os.path.join(tmp, "outside")
os.mkdir(data)
os.mkdir(outside)
sample = os.path.join(source, "input", "quanan-2020.toml")
shutil.copy(sample, data)
with open(os.path.join(outside, "secret.toml"), "w") as f:
    f.write('format = "2019"\n# 不应被读到\n')
os.symlink(os.path.join(outside, "secret.toml"), os.path.join(data, "link.toml"))
before_outside = tree(outside)
srv = Server(binary, data, os.path.join(tmp, "serve.log"))


def expect(status, method, path, body=None, headers=None, what=""):
    s, h, d = srv.request(method, path, body, headers)
    msg = d.get("error", "") if isinstance(d, dict) else ""
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in msg)
    check(s == status and chinese, "%s %s → %d with a message (%d: %s) %s" % (method, path[:60], status, s, msg[:70], what))
    return d


try:
    # Paths that leave the folder.
    for p in ["/api/reports/..%2F..%2Fetc%2Fpasswd", "/api/reports/%2Fetc%2Fpasswd", "/api/reports/..",
              "/api/reports/..%2Foutside%2Fsecret.toml", "/api/reports/%2e%2e%2foutside%2fsecret.toml/toml",
              "/api/reports/.hidden.toml", "/api/reports/notes.txt", "/api/reports/a%00b.toml"]:
        expect(400, "GET", p)
    expect(403, "GET", "/api/reports/link.toml", what="(a symlink out of --data)")
    expect(403, "GET", "/api/reports/link.toml/toml")
    expect(403, "GET", "/api/reports/link.toml/pdf")
    s, _, d = srv.request("GET", "/api/reports")
    check(s == 200 and [r["name"] for r in d["reports"]] == ["quanan-2020.toml"], "the list leaves out the symlink: %r" % d)
    v = srv.request("GET", "/api/reports/quanan-2020.toml")[2]["version"]
    expect(403, "POST", "/api/reports/link.toml/edits", {"version": v, "edits": [{"path": ["organ"], "line": "x"}]})
    expect(403, "PUT", "/api/reports/link.toml", {"version": "", "toml": "x = 1\n"})
    expect(403, "POST", "/api/reports", {"name": "link.toml", "toml": "x = 1\n"}, what="(creating over a symlink)")
    expect(400, "POST", "/api/reports", {"name": "../outside/new.toml", "toml": "x = 1\n"})
    expect(400, "POST", "/api/reports", {"name": "/tmp/new.toml", "toml": "x = 1\n"})
    expect(400, "POST", "/api/reports", {"name": "x" * 300 + ".toml", "toml": "x = 1\n"})
    expect(404, "POST", "/api/reports", {"name": "new.toml", "from": "missing.toml"})
    expect(400, "POST", "/api/reports", {"name": "new.toml", "from": "../outside/secret.toml"})

    # Bodies: malformed, too deep, too big, not JSON.
    ed = "/api/reports/quanan-2020.toml/edits"
    j = {"Content-Type": "application/json"}
    expect(400, "POST", ed, b"{not json", j)
    expect(400, "POST", ed, b"[1, 2]", j)
    expect(400, "POST", ed, ("[" * 100000 + "]" * 100000).encode(), j, "(nested 100000 deep)")
    expect(400, "POST", ed, json.dumps({"version": v, "edits": [[[[[[[[[[1]]]]]]]]]]}).encode(), j)
    expect(415, "POST", ed, b'{"version":"x","edits":[]}', {"Content-Type": "text/plain"})
    expect(400, "POST", ed, {"version": v, "edits": [{"path": ["../x"], "line": "1"}]})
    expect(400, "POST", ed, {"version": v, "edits": [{"path": ["a", "b", "c"], "line": "1"}]})
    expect(400, "POST", ed, {"version": v, "edits": [{"path": ["organ"], "nothing": 1}]})
    expect(413, "POST", ed, {"version": v, "edits": [{"path": ["organ"], "line": "1"}] * 1001})
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    big = b'{"version":"' + b"x" * (17 * 1024 * 1024) + b'"}'
    try:
        conn.request("POST", ed, body=big, headers=j)
        status = conn.getresponse().status
    except (BrokenPipeError, ConnectionResetError):
        status = 413  # the server answered and closed before the body was sent
    check(status == 413, "a 17 MB body → 413 (%d)" % status)
    conn.close()

    # Methods, addresses, other sites.
    for m, p in [("DELETE", "/api/reports/quanan-2020.toml"), ("POST", "/api/formats"), ("PUT", "/"),
                 ("GET", "/api/reports/quanan-2020.toml/edits"), ("POST", "/api/reports/quanan-2020.toml/pdf")]:
        d = expect(405, m, p, b"{}" if m != "GET" else None, j if m != "GET" else None)
    expect(404, "GET", "/api/nothing")
    expect(404, "GET", "/api/formats/1999")
    expect(404, "GET", "/api/reports/missing.toml")
    expect(403, "POST", ed, {"version": v, "edits": [{"path": ["organ"], "line": "x"}]},
           {"Origin": "http://evil.example", "Content-Type": "application/json"}, "(a page of another site)")

    expect(403, "GET", "/api/reports/quanan-2020.toml", headers={"Host": "rebound.example:%d" % srv.port},
           what="(DNS rebinding: a host name other than the loopback's)")
    s, _, _ = srv.request("GET", "/api/reports", headers={"Host": "localhost:%d" % srv.port})
    check(s == 200, "Host localhost is the loopback (%d)" % s)

    # Raw garbage on the socket: answered or closed, the server lives on.
    for garbage in [b"\x00\xff\r\n\r\n", b"POST /api/reports HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                    b"BREW /pot HTTP/1.1\r\n\r\n", b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\n\r\n"]:
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=15)
        s.sendall(garbage)
        try:
            reply = s.recv(200)
        except (ConnectionResetError, socket.timeout):
            reply = b""
        s.close()
        check(reply == b"" or reply.startswith(b"HTTP/1.1 4"), "garbage %r → %r" % (garbage[:20], reply[:20]))
    check(srv.proc.poll() is None, "the server still runs")

    # Two editors of one report: the second, sent with the old version, gets 409.
    s1, _, d1 = srv.request("POST", ed, {"version": v, "edits": [{"path": ["organ"], "line": "甲机关"}]})
    s2, _, d2 = srv.request("POST", ed, {"version": v, "edits": [{"path": ["organ"], "line": "乙机关"}]})
    check(s1 == 200 and s2 == 409 and "已在别处被修改" in d2["error"], "concurrent edit → 409 (%d, %d)" % (s1, s2))
    with open(os.path.join(data, "quanan-2020.toml"), encoding="utf-8") as f:
        check('organ  = "甲机关"' in f.read(), "the first edit kept, the second not written")
    # Edited from outside (a text editor): the page's version is stale too.
    with open(os.path.join(data, "quanan-2020.toml"), "a", encoding="utf-8") as f:
        f.write("\n# 文本编辑器加的注释\n")
    s3, _, d3 = srv.request("POST", ed, {"version": d1["version"], "edits": [{"path": ["organ"], "line": "丙"}]})
    check(s3 == 409, "an edit over a change made outside the page → 409 (%d)" % s3)

    # The web page of a report (issue 21's build --html): text/html; 422 while it has errors.
    s, h, page = srv.request("GET", "/api/reports/quanan-2020.toml/html?download=1", raw=True)
    check(s == 200 and h.get("Content-Type") == "text/html; charset=utf-8" and b"<table" in page
          and "quanan-2020.html" in h.get("Content-Disposition", ""), "GET …/html: the page as a download (%d)" % s)
    _, _, cur = srv.request("GET", "/api/reports/quanan-2020.toml")
    srv.request("POST", ed, {"version": cur["version"], "edits": [{"path": ["requests", "new"], "cells": ["5"] + ["0"] * 6}]})
    d = expect(422, "GET", "/api/reports/quanan-2020.toml/html", what="(R1 broken)")
    check("改正后才能生成网页" in d.get("error", ""), "… says the page needs the errors fixed")
    _, _, cur = srv.request("GET", "/api/reports/quanan-2020.toml")
    srv.request("POST", ed, {"version": cur["version"], "edits": [{"path": ["requests", "new"], "cells": ["0"] * 7}]})


    # A new report from a template, and from last year's.
    s, _, d = srv.request("POST", "/api/reports", {"name": "new-2021.toml", "year": 2021, "organ": "某某局"})
    check(s == 201 and d["format"] == "2021", "a new report of 2021 in the 2021 format (%d)" % s)
    expect(409, "POST", "/api/reports", {"name": "new-2021.toml", "year": 2021}, what="(the name is taken)")
    s, _, d = srv.request("POST", "/api/reports", {"name": "next.toml", "from": "quanan-2020.toml"})
    check(s == 201 and d["values"]["year"] == "2021" if s == 201 else False, "a report following last year's (%d)" % s)

    after = sorted(os.listdir(data))
    check(after == ["link.toml", "new-2021.toml", "next.toml", "quanan-2020.toml"], "only the reports made in --data: %r" % after)
    check(tree(outside) == before_outside, "nothing outside --data changed")
    check(not [n for n in os.listdir(tmp) if n not in ("data", "outside", "serve.log")], "no file next to --data")
finally:
    code = srv.stop()
    check(code == 0, "stopped with 0 (%s)" % code)
    shutil.rmtree(tmp)
sys.exit(exit_code())
