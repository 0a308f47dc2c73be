#!/usr/bin/python3
"""50 editors typing at once into nianbao serve on the loopback, each into a
report of its own: a check per keystroke (an edit of the prose, five a second)
and a build of the preview each second, for SECONDS (default 60); then stops.
Fails on any error response or a server whose memory grows in the second half;
prints p50/p95/max of check and build latency and the server's memory.
  load_test.py NIANBAO_BINARY SOURCE_DIR [SECONDS] [EDITORS]"""
import os
import shutil
import sys
import tempfile
import threading
import time
import http.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server import Server  # noqa: E402

binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 60
editors = int(sys.argv[4]) if len(sys.argv) > 4 else 50
TYPED = "本机关将进一步完善政府信息公开工作制度，加强培训，提高答复质量。"

tmp = tempfile.mkdtemp(prefix="nianbao-load-")
data = os.path.join(tmp, "data")
os.mkdir(data)
for i in range(editors):
    shutil.copy(os.path.join(source, "input", "quanan-2020.toml"), os.path.join(data, "editor-%02d.toml" % i))
srv = Server(binary, data, os.path.join(tmp, "serve.log"))

lock = threading.Lock()
checks, builds, errors = [], [], []
stop_at = time.time() + seconds


def rss_kb():
    with open("/proc/%d/status" % srv.proc.pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def editor(i):
    name = "/api/reports/editor-%02d.toml" % i
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    status, _, state = srv.request("GET", name, conn=conn)
    version = state["version"]
    text, k, next_build = "", 0, time.time() + 1
    while time.time() < stop_at:
        text += TYPED[k % len(TYPED)]
        k += 1
        t0 = time.time()
        status, _, d = srv.request("POST", name + "/edits",
                                   {"version": version, "edits": [{"path": ["other", "text"], "text": text}]}, conn=conn)
        dt = time.time() - t0
        with lock:
            checks.append(dt)
            if status != 200 or d["diagnostics"]["errors"]:
                errors.append("check %d %s" % (status, str(d)[:200]))
        if status == 200:
            version = d["version"]
        if time.time() >= next_build:
            next_build += 1
            t0 = time.time()
            status, headers, pdf = srv.request("GET", name + "/pdf?v=" + version, raw=True, conn=conn)
            dt = time.time() - t0
            with lock:
                builds.append(dt)
                if status != 200 or not pdf.startswith(b"%PDF-"):
                    errors.append("build %d %s" % (status, pdf[:200]))
        time.sleep(max(0.0, 0.2 - (time.time() - t0)))
    conn.close()


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] * 1000 if xs else float("nan")


threads = [threading.Thread(target=editor, args=(i,)) for i in range(editors)]
for t in threads:
    t.start()
samples = []
while time.time() < stop_at:
    time.sleep(1)
    samples.append(rss_kb())
for t in threads:
    t.join()
code = srv.stop()
half = len(samples) // 2
first, second = max(samples[:half] or [0]), max(samples[half:] or [0])
print("editors %d, %.0f s: %d checks, %d builds, %d errors" % (editors, seconds, len(checks), len(builds), len(errors)))
print("check latency ms: p50 %.1f, p95 %.1f, max %.1f" % (pct(checks, .5), pct(checks, .95), pct(checks, 1)))
print("build latency ms: p50 %.1f, p95 %.1f, max %.1f" % (pct(builds, .5), pct(builds, .95), pct(builds, 1)))
print("server RSS MB: peak of first half %.1f, of second half %.1f" % (first / 1024, second / 1024))
for e in errors[:5]:
    print("error:", e)
shutil.rmtree(tmp)
ok = not errors and checks and builds and code == 0 and second <= first * 1.10 + 8 * 1024
print("ok" if ok else "FAIL")
sys.exit(0 if ok else 1)
