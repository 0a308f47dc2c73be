#!/usr/bin/python3
"""nianbao sum over input/quanan-2020.toml and ten generated reports of the same
year and format (random figures that pass the checks; two give amounts in 元, the
rest in 万元), checked against sums computed here from the TOML files (tomllib):
  - 汇总.csv (UTF-8 with BOM): a row per report and the 合计 row, every cell;
  - 汇总.xlsx read back with openpyxl: the same cells, the header frozen;
  - 汇总.toml: its figures (tomllib) are the sums; `check` passes and `build` makes its PDF;
  - the same run twice gives the same bytes; PDFs built with --attach sum as their TOML;
  - bad input: two formats (names each file's), one organ twice (names both files),
    PDFs that carry no input, are truncated or carry a non-TOML one (each named, exit 3),
    a report failing R1 left out (exit 1) unless --include-invalid, no --organ.
  sum_test.py NIANBAO_BINARY SOURCE_DIR"""
import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from decimal import Decimal

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from verdicts import check, exit_code  # noqa: E402

binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])


def run(*args, cwd=None):
    return subprocess.run([binary, *args], capture_output=True, text=True, cwd=cwd,
                          env=dict(os.environ, NO_COLOR="1", NIANBAO_CACHE="off"))


def put(text, key, values):
    """The template's line `key = …` given these values (the first such line)."""
    literal = "[" + ", ".join(str(v) for v in values) + "]" if isinstance(values, list) else str(values)
    new, n = re.subn(r"(?m)^(#\s*)?(%s\s*=\s*)(\[[^\]]*\]|[-\d.]+)" % re.escape(key), lambda m: m.group(2) + literal, text, count=1)
    assert n == 1, key
    return new


rng = random.Random(2020)
tmp = tempfile.mkdtemp(prefix="nianbao-sum-")
try:
    reports = [os.path.join(source, "input", "quanan-2020.toml")]
    for i in range(10):
        path = os.path.join(tmp, "r%02d.toml" % i)
        r = run("init", "--year", "2020", "--organ", "青禾县第%d街道办事处" % (i + 1), "--with", "published_total", path)
        assert r.returncode == 0, r.stderr
        with open(path, encoding="utf-8") as f:
            t = f.read()
        for k in ("rules", "normative_docs"):
            t = put(t, k, [rng.randint(0, 30) for _ in range(3)])
        for k in ("licensing", "other_services", "penalty", "coercion"):
            t = put(t, k, [rng.randint(0, 40), rng.randint(-5, 5), rng.randint(0, 900)])
        t = put(t, "fees", [rng.randint(0, 9), rng.randint(-2, 2)])
        amount = Decimal(rng.randint(0, 9_999_999)) / 1000
        t = put(t, "procurement", [rng.randint(0, 20), amount])
        t = t.replace("procurement     = ", 'procurement_unit = "%s"\nprocurement     = ' % ("元" if i < 2 else "万元"), 1)
        t = put(t, "published_total", rng.randint(0, 5000))
        new = [rng.randint(0, 60) for _ in range(6)]
        carried = [rng.randint(0, 4) for _ in range(6)]
        law = [rng.randint(0, n) for n in new]
        t = put(t, "new", new)
        t = put(t, "carried_over", carried)
        t = put(t, "granted", [n - w for n, w in zip(new, law)])
        t = put(t, "withheld_law", law)
        t = put(t, "partial", carried)
        for k in ("reconsideration", "litigation_direct", "litigation_after"):
            t = put(t, k, [rng.randint(0, 3) for _ in range(4)])
        with open(path, "w", encoding="utf-8") as f:
            f.write(t)
        reports.append(path)
    r = run("check", *reports)
    check(r.returncode == 0, "the eleven reports pass `nianbao check` (%s)" % r.stderr.strip().splitlines()[-1:])

    # Sums computed here: every cell of every report, derived totals included.
    docs = []
    for p in reports:
        with open(p, "rb") as f:
            docs.append(tomllib.load(f, parse_float=Decimal))

    def cells(doc):
        """(key, column 1-based) -> value, totals computed as the format defines them."""
        out = {}
        for section in ("proactive", "requests", "review"):
            for key, v in doc.get(section, {}).items():
                if key.endswith("_unit") or key == "text" or key == "heading":
                    continue
                vs = v if isinstance(v, list) else [v]
                if key == "procurement" and doc[section].get("procurement_unit") == "万元":
                    vs = [vs[0], vs[1] * 10000]  # the summary's unit is 元: some reports use it
                for c, x in enumerate(vs):
                    out[(section + "." + key, c + 1)] = x
        req = doc["requests"]
        rows = [k for k in req if k not in ("new", "carried_over", "total", "carry_forward", "text", "heading")]
        for c in range(1, 7):
            out[("requests.total", c)] = sum(out[("requests." + k, c)] for k in rows)
        for k in list(req) + ["total"]:
            if ("requests." + k, 1) in out:
                out[("requests." + k, 7)] = sum(out[("requests." + k, c)] for c in range(1, 7))
        for k in doc["review"]:
            if k != "text":
                out[("review." + k, 5)] = sum(out[("review." + k, c)] for c in range(1, 5))
        return out

    per = [cells(d) for d in docs]
    total = {k: sum(p.get(k, 0) for p in per) for k in set().union(*per)}

    out = os.path.join(tmp, "out")
    os.mkdir(out)
    prefix = os.path.join(out, "汇总")
    r = run("sum", *reports, "--organ", "青禾县人民政府", "-o", prefix)
    check(r.returncode == 0 and "已汇总 11 份报告" in r.stderr, "sum of eleven reports (%s)" % r.stderr.strip())

    # The key of each column: the summed report's figures, as build --attach carries them.
    r = run("build", prefix + ".toml", "--attach", "-o", out, "-q")
    check(r.returncode == 0, "the summed TOML builds (%s)" % r.stderr.strip())
    r = run("extract", prefix + ".pdf", "--json", "-o", tmp)
    with open(os.path.join(tmp, "汇总.figures.json"), encoding="utf-8") as f:
        figures = json.load(f, parse_float=Decimal)
    key_of = {" / ".join(c["labels"]): (c["key"], c["column"]) for t in figures["tables"] for c in t["cells"]}
    sum_doc_cells = {(c["key"], c["column"]): c["value"] for t in figures["tables"] for c in t["cells"]}

    with open(prefix + ".csv", "rb") as f:
        raw = f.read()
    check(raw.startswith(b"\xef\xbb\xbf"), "汇总.csv starts with a UTF-8 BOM")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    header, body = rows[0], rows[1:]
    keys = [key_of.get(re.sub(r"（元）$|（万元）$", "", h)) for h in header[2:]]
    check(None not in keys and len(keys) == len(set(keys)) and len(keys) == len(total),
          "every CSV column is one cell of the form (%d columns, %d cells summed here)" % (len(keys), len(total)))
    check([r[0] for r in body] == reports + ["合计"], "a row per report, in order, then 合计")
    wrong = []
    for i, row in enumerate(body):
        expect = per[i] if i < len(per) else total
        for k, v in zip(keys, row[2:]):
            if k and Decimal(v) != Decimal(expect.get(k, 0)):
                wrong.append((row[0], k, v, expect.get(k, 0)))
    check(not wrong, "every CSV cell equals the value computed here (%d rows × %d): %s" % (len(body), len(keys), wrong[:3]))
    check(all(Decimal(str(sum_doc_cells[k])) == Decimal(total[k]) for k in total),
          "the summed TOML's figures (as its PDF carries them) are the sums")
    with open(prefix + ".toml", "rb") as f:
        summed = tomllib.load(f, parse_float=Decimal)
    check(summed["organ"] == "青禾县人民政府" and summed["proactive"]["procurement_unit"] == "元"
          and summed["requests"]["new"][:6] == [total[("requests.new", c)] for c in range(1, 7)],
          "汇总.toml: --organ, amounts in 元, 三's row 一 summed")
    r = run("check", prefix + ".toml")
    check(r.returncode == 0, "汇总.toml passes `nianbao check`")

    wb = openpyxl.load_workbook(prefix + ".xlsx")
    ws = wb.active
    grid = [[c.value for c in row] for row in ws.iter_rows()]
    same = grid[0] == header and all(
        g[:2] == b[:2] and all(Decimal(str(x)) == Decimal(y) for x, y in zip(g[2:], b[2:])) for g, b in zip(grid[1:], body))
    check(same and len(grid) == len(rows) and ws.freeze_panes == "C2", "汇总.xlsx (openpyxl): the CSV's cells, header and names frozen (%s)" % ws.freeze_panes)

    # The same run, the same bytes (later: a clock in the files would show).
    time.sleep(2.1)
    again = os.path.join(tmp, "again")
    os.mkdir(again)
    run("sum", *reports, "--organ", "青禾县人民政府", "-o", os.path.join(again, "汇总"))
    for ext in (".csv", ".xlsx", ".toml"):
        with open(prefix + ext, "rb") as a, open(os.path.join(again, "汇总" + ext), "rb") as b:
            check(a.read() == b.read(), "sum twice gives the same %s" % ext)

    # PDFs built with --attach in place of two of the TOML files.
    pdfs = os.path.join(tmp, "pdfs")
    os.mkdir(pdfs)
    run("build", reports[1], reports[2], "--attach", "-o", pdfs, "-q")
    mixed = [reports[0], os.path.join(pdfs, "r00.pdf"), os.path.join(pdfs, "r01.pdf")] + reports[3:]
    r = run("sum", *mixed, "--organ", "青禾县人民政府", "-o", os.path.join(pdfs, "汇总"))
    with open(os.path.join(pdfs, "汇总.csv"), encoding="utf-8-sig") as f:
        last = list(csv.reader(f))[-1]
    check(r.returncode == 0 and last == body[-1], "PDFs with an attached input sum as their TOML")

    # Bad input.
    bad = os.path.join(tmp, "bad")
    os.mkdir(bad)
    r = run("sum", reports[0], os.path.join(source, "input", "sample-2021.toml"), "--organ", "x", "-o", os.path.join(bad, "s"))
    check(r.returncode == 1 and "2019 格式、2020 年度" in r.stderr and "sample-2021.toml 为 2021 格式" in r.stderr
          and not os.listdir(bad), "two formats: exit 1, each file's format named, nothing written")
    dup = os.path.join(tmp, "dup.toml")
    shutil.copy(reports[1], dup)
    r = run("sum", reports[1], dup, "--organ", "x", "-o", os.path.join(bad, "s"))
    check(r.returncode == 1 and "有两份报告" in r.stderr and "r00.toml" in r.stderr and "dup.toml" in r.stderr
          and not os.listdir(bad), "one organ twice: both files named, nothing written")
    broken = os.path.join(tmp, "broken.toml")
    with open(reports[3], encoding="utf-8") as f:
        t = f.read()
    with open(broken, "w", encoding="utf-8") as f:
        f.write(re.sub(r"(?m)^(new\s*=\s*\[)(\d+)", lambda m: m.group(1) + str(int(m.group(2)) + 1), t, count=1).replace(
            "青禾县第3街道办事处", "青禾县第99街道办事处"))
    r = run("sum", reports[1], broken, "--organ", "x", "-o", os.path.join(bad, "s"))
    with open(os.path.join(bad, "s.csv"), encoding="utf-8-sig") as f:
        names = [row[0] for row in csv.reader(f)][1:]
    check(r.returncode == 1 and "R1" in r.stderr and "未计入汇总" in r.stderr and names == [reports[1], "合计"],
          "a report failing R1 is listed and left out, exit 1 (%s)" % names)
    r = run("sum", reports[1], broken, "--organ", "x", "-o", os.path.join(bad, "s2"), "--include-invalid")
    with open(os.path.join(bad, "s2.csv"), encoding="utf-8-sig") as f:
        names = [row[0] for row in csv.reader(f)][1:]
    check(r.returncode == 1 and names == [reports[1], broken, "合计"] and "也不能通过检查" in r.stderr,
          "--include-invalid counts it, and says the summed TOML fails the check too")
    plain = os.path.join(tmp, "plain")
    os.mkdir(plain)
    run("build", reports[1], "-o", plain, "-q")
    corpus = os.path.join(source, "tests", "corpus-pdf")
    r = run("sum", reports[2], os.path.join(plain, "r00.pdf"), os.path.join(corpus, "truncated.pdf"),
            os.path.join(corpus, "attachment-not-toml.pdf"), "--organ", "x", "-o", os.path.join(bad, "s4"))
    said = r.stderr
    check(r.returncode == 3 and "r00.pdf: 错误: 此 PDF 没有附带输入文件：它不是用 nianbao build --attach 生成的，请改用报送单位的 TOML 文件" in said
          and "truncated.pdf: 错误: PDF 文件不完整" in said
          and "attachment-not-toml.pdf: 错误: 附件 report.toml 不是 nianbao 的输入文件（不是 UTF-8 文本）：请改用报送单位的 TOML 文件" in said
          and "nianbao sum: 错误: 3 个文件无法汇总" in said and not [n for n in os.listdir(bad) if n.startswith("s4")],
          "PDFs without an input, truncated, or with a non-TOML input: each named, exit 3, nothing written (%s)" % said.strip())
    r = run("sum", reports[2], os.path.join(plain, "r00.pdf"), "--organ", "x", "-o", os.path.join(bad, "s5"))
    check(r.returncode == 1 and "1 个文件无法汇总" in r.stderr and not [n for n in os.listdir(bad) if n.startswith("s5")],
          "only a PDF without an input: exit 1 (as extract and verify), nothing written (%s)" % r.stderr.strip().splitlines()[-1:])
    r = run("sum", reports[1], "-o", os.path.join(bad, "s3"))
    check(r.returncode == 2 and "--organ" in r.stderr, "no --organ: usage error")
finally:
    shutil.rmtree(tmp)
sys.exit(exit_code())
