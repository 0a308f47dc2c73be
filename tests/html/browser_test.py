#!/usr/bin/python3
"""The HTML pages of both samples in headless Chromium (Debian's chromium and
chromedriver), at 1280 and at 390 px wide:
  - innerText holds every paragraph of the input (its markup taken out) and every
    figure the input gives (tomllib), each figure cell showing one;
  - every table's DOM grid (rows × columns after rowspan and colspan) equals the
    layout's grid (tomllib of layouts/*.toml, optional rows the input leaves out
    removed);
  - no horizontal overflow of the page (document width = viewport width), the
    wide tables scrolling inside their own box on the phone;
  - nothing fetched, no console message; a screenshot of each width if asked;
  - printed (chromium --print-to-pdf), every page is A4.
  browser_test.py NIANBAO_BINARY SOURCE_DIR [SCREENSHOT_DIR]"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(here))
sys.path.insert(0, os.path.join(os.path.dirname(here), "serve"))
from verdicts import check, exit_code  # noqa: E402
from webdriver import Browser  # noqa: E402

binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
shots = sys.argv[3] if len(sys.argv) > 3 else None

GRID = """return [...document.querySelectorAll('table')].map(t => {
  const taken = new Set(); let cols = 0;
  [...t.rows].forEach((tr, r) => { let c = 0;
    for (const td of tr.cells) { while (taken.has(r + ',' + c)) c++;
      for (let i = 0; i < td.rowSpan; i++) for (let j = 0; j < td.colSpan; j++) taken.add((r + i) + ',' + (c + j));
      c += td.colSpan; }
  });
  for (const k of taken) cols = Math.max(cols, +k.split(',')[1] + 1);
  return [t.rows.length, cols];
})"""


def layout_grid(layout, section, report):
    """(rows, columns) of a layout's table, without the optional rows the report leaves out."""
    t = layout["tables"][section]
    rows = t["rows"]
    kept = 0
    for row in rows:
        fields = [c.get("field") for c in row if isinstance(c, dict) and c.get("optional")]
        if any(f not in report.get(section, {}) for f in fields):
            continue
        kept += 1
    return kept, len(t["columns"])


def plain(text):
    """A paragraph as the page shows it: markup out, whitespace out."""
    text = re.sub(r"^#{2,4} ", "", text.strip())
    return re.sub(r"\s+", "", text.replace("**", ""))


tmp = tempfile.mkdtemp(prefix="nianbao-html-browser-")
b = None
try:
    samples = ["quanan-2020", "sample-2021"]
    r = subprocess.run([binary, "build", *[os.path.join(source, "input", n + ".toml") for n in samples], "--html", "-o", tmp, "-q"],
                       capture_output=True, text=True)
    check(r.returncode == 0, "build --html of both samples (%s)" % r.stderr.strip())
    b = Browser()
    for name in samples:
        with open(os.path.join(source, "input", name + ".toml"), "rb") as f:
            report = tomllib.load(f)
        with open(os.path.join(source, "layouts", report["format"] + ".toml"), "rb") as f:
            layout = tomllib.load(f)
        for width in (1280, 390):
            b.s("POST", "/window/rect", {"width": width, "height": 900})
            b.get("file://" + os.path.join(tmp, name + ".html"))
            text = re.sub(r"\s+", "", b.js("return document.body.innerText"))
            paragraphs = [p for key in ["preface"] + [s for s in report if isinstance(report[s], dict)]
                          for p in re.split(r"\n\s*\n", (report.get(key) if key == "preface" else report[key].get("text", "")) or "")
                          if p.strip()]
            missing = [p[:20] for p in paragraphs if plain(p) not in text]
            check(paragraphs and not missing, "%s @%d: innerText holds all %d paragraphs (%s)" % (name, width, len(paragraphs), missing[:2]))
            shown = Counter(b.js("return [...document.querySelectorAll('td.nb-figure')].map(td => td.innerText.trim()).concat("
                                 "[...document.querySelectorAll('td.nb-sentence')].map(td => (td.innerText.match(/[\\d.,]+$/) || [''])[0]))"))
            given = Counter()
            for section in ("proactive", "requests", "review"):
                for key, v in report.get(section, {}).items():
                    if isinstance(v, list):
                        given.update(str(x) for x in v)
                    elif isinstance(v, int) and not isinstance(v, bool):
                        given[str(v)] += 1
            lacking = given - shown
            check(not lacking, "%s @%d: every figure the input gives is shown (%d; lacking %s)" % (name, width, sum(given.values()), dict(lacking)))
            grids = b.js(GRID)
            want = [list(layout_grid(layout, s, report)) for s in ("proactive", "requests", "review")]
            check(grids == want, "%s @%d: the tables' grids are the layout's (%s)" % (name, width, grids))
            sizes = b.js("return [document.documentElement.scrollWidth, window.innerWidth,"
                         " [...document.querySelectorAll('.nb-table-box')].map(d => d.scrollWidth > d.clientWidth)]")
            check(sizes[0] <= sizes[1], "%s @%d: no horizontal page overflow (document %d, viewport %d)" % (name, width, sizes[0], sizes[1]))
            if width == 390:
                check(any(sizes[2]), "%s @390: the wide tables scroll inside their box (%s)" % (name, sizes[2]))
            fetched = b.js("return performance.getEntriesByType('resource').map(e => e.name)")
            check(not fetched, "%s @%d: nothing fetched (%s)" % (name, width, fetched))
            try:
                logs = b.s("POST", "/se/log", {"type": "browser"}) or []
            except Exception as e:  # a chromedriver without the log endpoint
                logs = [{"message": "no log endpoint: %s" % e}]
            check(not logs, "%s @%d: no console message (%s)" % (name, width, logs[:2]))
            if shots:
                b.screenshot(os.path.join(shots, "%s-%d.png" % (name, width)))
    # Printed: A4 pages (the page's @media print), every page A4 portrait.
    printed = os.path.join(tmp, "printed.pdf")
    subprocess.run(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    "--print-to-pdf=" + printed, "file://" + os.path.join(tmp, "quanan-2020.html")],
                   capture_output=True, timeout=120)
    info = subprocess.run(["pdfinfo", "-l", "100", printed], capture_output=True, text=True).stdout if os.path.exists(printed) else ""
    sizes = set(re.findall(r"Page +\d+ size: +([\d.]+ x [\d.]+)", info))
    check(len(sizes) == 1 and all(abs(float(a) - 595.3) < 2 and abs(float(c) - 841.9) < 2 for a, c in
                                  (x.split(" x ") for x in sizes)), "printed from Chromium: A4 pages (%s)" % sizes)
finally:
    if b:
        b.quit()
    shutil.rmtree(tmp)
sys.exit(exit_code())
