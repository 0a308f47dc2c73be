#!/usr/bin/env python3
"""Benchmarks of nianbao (issue 8): prints medians, ratios and the targets.

    ./bench.py                  # everything, on build/ (configured Release)
    ./bench.py --baseline REV   # also a build of git revision REV, measured in the same run
    ./bench.py --quick          # fewer repetitions, no 1,000-report batch

In process (tests/bench.cpp, Google Benchmark): each stage on the sample, the
sample end to end, synthetic reports of about 10, 100 and 500 pages, a batch of
200 reports. Whole process: `nianbao build input/quanan-2020.toml` from start to
PDF written (wall and CPU time, peak resident memory from wait4, as
/usr/bin/time -v reports it), cold (NIANBAO_CACHE=off: every run cuts its fonts,
as a first build does), warm (a re-run: the cut fonts stored by the run
before) and edited (a re-run after an edit that adds a character: the body
face cut again, the other faces from the cache), and 1,000 copies of the sample in one `nianbao build -j 2` (cold).
With --baseline, the whole-process runs of both binaries alternate, so that
both see the same load.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(ROOT, "input", "quanan-2020.toml")


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def build(build_dir, targets):
    sh(["cmake", "--build", build_dir, "-j2", "--target", *targets], stdout=subprocess.DEVNULL)


def baseline_binary(rev):
    """Builds `rev` (Release) under build/bench-baseline-REV once; returns its nianbao."""
    sha = sh(["git", "-C", ROOT, "rev-parse", "--short", rev], capture_output=True, text=True).stdout.strip()
    src = os.path.join(ROOT, "build", "bench-baseline-" + sha)
    binary = os.path.join(src, "build", "nianbao")
    if not os.path.exists(binary):
        os.makedirs(src, exist_ok=True)
        archive = subprocess.Popen(["git", "-C", ROOT, "archive", sha], stdout=subprocess.PIPE)
        sh(["tar", "-x", "-C", src], stdin=archive.stdout)
        archive.wait()
        sh(["cmake", "-S", src, "-B", os.path.join(src, "build"), "-DCMAKE_BUILD_TYPE=Release", "-DBUILD_TESTING=OFF"],
           stdout=subprocess.DEVNULL)
        build(os.path.join(src, "build"), ["nianbao"])
    return binary, sha


def run_once(cmd, cache="off"):
    """Wall ms, CPU ms (user + system) and peak resident KiB of one run."""
    env = dict(os.environ, NIANBAO_CACHE=cache)
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = (time.perf_counter() - t) * 1e3
    if status != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    return wall, (ru.ru_utime + ru.ru_stime) * 1e3, ru.ru_maxrss


def edited_samples(tmp, count):
    """`count` copies of the sample, each with one more character (of GB 2312's first
    level, not in the sample) in its first paragraph: a re-run after an edit that
    brings a new character to the body face."""
    text = open(SAMPLE, encoding="utf-8").read()
    anchor = "有效推进了政府信息公开工作的开展。"
    assert anchor in text
    paths = []
    for i in range(3755):
        c = bytes([0xB0 + i // 94, 0xA1 + i % 94]).decode("gb2312")
        if c in text:
            continue
        path = os.path.join(tmp, f"edited-{len(paths):03d}.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(anchor, anchor[:-1] + c + "。", 1))
        paths.append(path)
        if len(paths) == count:
            return paths


def whole_process(variants, runs, out, edited):
    """Median wall, CPU and peak memory of building the sample, runs alternating between
    variants (name -> binary, cache folder, whether to build an edited sample)."""
    samples = {name: [] for name in variants}
    for i in range(runs):
        for name, (binary, cache, edit) in variants.items():
            samples[name].append(run_once([binary, "build", edited[i] if edit else SAMPLE, "-o", out], cache))
    return {name: tuple(statistics.median(x[i] for x in s) for i in range(3)) for name, s in samples.items()}


def time_v_peak(binary, out):
    """Peak memory as /usr/bin/time -v reports it (KiB), for the record."""
    r = subprocess.run(["/usr/bin/time", "-v", binary, "build", SAMPLE, "-o", out], capture_output=True, text=True,
                       env=dict(os.environ, NIANBAO_CACHE="off"))
    for line in r.stderr.splitlines():
        if "Maximum resident set size" in line:
            return int(line.split(":")[1])
    return 0


def batch(binary, copies, tmp):
    src = os.path.join(tmp, "batch-in")
    out = os.path.join(tmp, "batch-out")
    os.makedirs(src, exist_ok=True)
    os.makedirs(out, exist_ok=True)
    text = open(SAMPLE, "rb").read()
    inputs = []
    for i in range(copies):
        path = os.path.join(src, f"report-{i:04d}.toml")
        with open(path, "wb") as f:
            f.write(text)
        inputs.append(path)
    wall, cpu, peak = run_once([binary, "build", "-j", "2", "-q", *inputs, "-o", out])
    shutil.rmtree(out)
    return wall / 1e3, cpu / 1e3, peak


def in_process(build_dir, reps, quick):
    exe = os.path.join(build_dir, "tests", "nianbao_bench")
    with tempfile.NamedTemporaryFile(suffix=".json") as j:
        args = [exe, f"--benchmark_repetitions={reps}", "--benchmark_report_aggregates_only=true",
                f"--benchmark_out={j.name}", "--benchmark_out_format=json"]
        if quick:
            args.append("--benchmark_filter=-BM_Batch200")
        sh(args, stdout=subprocess.DEVNULL)
        data = json.load(open(j.name))
    med = {}
    for b in data["benchmarks"]:
        if b.get("aggregate_name") == "median":
            name = b["run_name"].split("/iterations")[0].replace("/real_time", "")
            med[name] = b
    return med


def ms(b):
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[b["time_unit"]]
    return b["real_time"] * scale, b["cpu_time"] * scale


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--runs", type=int, default=40, help="whole-process runs of the sample (default 40)")
    ap.add_argument("--reps", type=int, default=5, help="Google Benchmark repetitions (default 5)")
    ap.add_argument("--baseline", help="git revision to measure against, in the same run")
    ap.add_argument("--quick", action="store_true", help="3 repetitions, 15 runs, no batches")
    a = ap.parse_args()
    if a.quick:
        a.runs, a.reps = 15, 3

    build(a.build, ["nianbao", "nianbao_bench"])
    binaries = {"now": os.path.join(a.build, "nianbao")}
    if a.baseline:
        binary, sha = baseline_binary(a.baseline)
        binaries["baseline " + sha] = binary

    load = os.getloadavg()[0]
    print(f"load average at start: {load:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        med = in_process(a.build, a.reps, a.quick)
        print("\nIn process, medians of", a.reps, "repetitions (ms, wall / CPU):")
        for name, b in med.items():
            wall, cpu = ms(b)
            extra = "".join(f"  {k}={b[k]:.4g}" for k in ("pages", "fonts", "bytes") if k in b)
            print(f"  {name:<22} {wall:9.2f} {cpu:9.2f}{extra}")
        e2e = ms(med["BM_SampleEndToEnd/1"])[0] if "BM_SampleEndToEnd/1" in med else 0
        if e2e:
            print(f"\nAs shares of BM_SampleEndToEnd/1 ({e2e:.2f} ms):")
            for k in ("BM_Parse", "BM_Check", "BM_Shape", "BM_LineBreak", "BM_Typeset", "BM_Subset", "BM_Write"):
                if k in med:
                    print(f"  {k:<22} {ms(med[k])[0] / e2e:6.3f}")
            if all(k in med for k in ("BM_Typeset", "BM_Shape", "BM_LineBreak")):
                pag = ms(med["BM_Typeset"])[0] - ms(med["BM_Shape"])[0] - ms(med["BM_LineBreak"])[0]
                print(f"  {'pagination (derived)':<22} {pag / e2e:6.3f}  (Typeset - Shape - LineBreak = {pag:.2f} ms)")
        if "BM_Pages/10" in med and "BM_Pages/500" in med:
            p10, p500 = med["BM_Pages/10"], med["BM_Pages/500"]
            r = p500["per_page"] / p10["per_page"]
            print(f"\nPer page: {p10['per_page'] * 1e3:.3f} ms at {p10['pages']:.0f} pages, "
                  f"{p500['per_page'] * 1e3:.3f} ms at {p500['pages']:.0f} pages: ratio {r:.3f} (target <= 1)")

        out = os.path.join(tmp, "out")
        os.makedirs(out)
        cache = os.path.join(tmp, "cache")
        variants = {"now, cold": (binaries["now"], "off", False), "now, warm": (binaries["now"], cache, False),
                    "now, edited": (binaries["now"], cache, True)}
        for name, binary in binaries.items():
            if name != "now":
                variants[name] = (binary, "off", False)
        for binary, folder, _ in variants.values():  # warm the page cache (and fill the font cache)
            run_once([binary, "build", SAMPLE, "-o", out], folder)
        wp = whole_process(variants, a.runs, out, edited_samples(tmp, a.runs))
        print(f"\nWhole process, the sample, medians of {a.runs} runs:")
        for name, (wall, cpu, peak) in wp.items():
            print(f"  {name:<18} wall {wall:7.1f} ms (target <= 30)  CPU {cpu:7.1f} ms  "
                  f"peak {peak / 1024:5.1f} MiB (target <= 40)")
        for name, binary in binaries.items():
            print(f"  {name:<18} /usr/bin/time -v: maximum resident set size {time_v_peak(binary, out) / 1024:.1f} MiB")
        if a.baseline:
            base = wp[[k for k in wp if not k.startswith("now")][0]]
            for k in ("now, cold", "now, warm", "now, edited"):
                now = wp[k]
                print(f"  {k} / baseline: wall {now[0] / base[0]:.3f}  CPU {now[1] / base[1]:.3f}  "
                      f"peak {now[2] / base[2]:.3f}")

        if not a.quick:
            print("\n1,000 copies of the sample in one `nianbao build -j 2`:")
            for name, binary in binaries.items():
                wall, cpu, peak = batch(binary, 1000, tmp)
                print(f"  {name:<18} wall {wall:6.1f} s (target <= 30)  CPU {cpu:6.1f} s  peak {peak / 1024:.1f} MiB")
    print(f"\nload average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
