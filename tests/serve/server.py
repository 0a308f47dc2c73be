"""Starts `nianbao serve` on a free port of the loopback for a test, and talks to
it with the standard library only (no package beyond Debian's python3)."""
import http.client
import json
import os
import re
import signal
import subprocess
import time


class Server:
    def __init__(self, binary, data, log_path, extra_env=None):
        env = dict(os.environ)
        env.update(extra_env or {})
        self.log = open(log_path, "w+")
        self.proc = subprocess.Popen([binary, "serve", "--port", "0", "--data", data],
                                     stdout=self.log, stderr=self.log, env=env)
        deadline = time.time() + 60
        self.port = None
        while time.time() < deadline and self.port is None:
            if self.proc.poll() is not None:
                raise RuntimeError("nianbao serve exited: " + self.log_text())
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", self.log_text())
            if m:
                self.port = int(m.group(1))
            else:
                time.sleep(0.05)
        if self.port is None:
            raise RuntimeError("nianbao serve printed no address: " + self.log_text())
        self.url = "http://127.0.0.1:%d" % self.port

    def log_text(self):
        self.log.flush()
        with open(self.log.name) as f:
            return f.read()

    def request(self, method, path, body=None, headers=None, raw=False, conn=None):
        """(status, headers, body); body parsed as JSON unless raw."""
        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        h = dict(headers or {})
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body, ensure_ascii=False).encode()
            h.setdefault("Content-Type", "application/json")
        if isinstance(body, str):
            body = body.encode()
        conn.request(method, path, body=body, headers=h)
        res = conn.getresponse()
        data = res.read()
        if own:
            conn.close()
        if not raw and res.getheader("Content-Type", "").startswith("application/json"):
            data = json.loads(data)
        return res.status, dict(res.getheaders()), data

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                return self.proc.wait()
        return self.proc.returncode
