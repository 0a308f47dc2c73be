#!/usr/bin/python3
"""build --html and --html-fragment, checked without a browser:
  - Debian's html-tidy (`tidy -e -q`) finds no error or warning in either sample's page;
  - an accessibility check of the DOM (Python's html.parser): lang="zh-CN", one h1,
    headings never skip a level, every table has a caption, thead and tbody, every
    th a scope and an id, every figure's td headers naming th ids of its table;
  - each table's grid (rows × columns after rowspan and colspan) is rectangular;
  - no script, no external reference; the same input gives the same bytes;
  - text of the input is escaped (an organ with < & >);
  - the fragment is the page's article, its CSS in nianbao-report.css.
  html_test.py NIANBAO_BINARY SOURCE_DIR"""
import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from verdicts import check, exit_code  # noqa: E402

binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])


def run(*args):
    return subprocess.run([binary, *args], capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"))


class Dom(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.headings, self.tables, self.lang, self.text = [], [], [], None, []
        self.external = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = a.get("lang")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag in ("script", "link", "img", "iframe") or "src" in a or (tag == "a" and "href" in a):
            self.external.append(tag)
        if tag == "table":
            self.tables.append({"id": a.get("id"), "rows": [], "th": {}, "td": [], "parts": [], "caption": False})
        t = self.tables[-1] if self.tables else None
        if t is None:
            return
        if tag in ("thead", "tbody"):
            t["parts"].append(tag)
        if tag == "caption":
            t["caption"] = True
        if tag == "tr":
            t["rows"].append([])
        if tag in ("th", "td"):
            span = (int(a.get("rowspan", 1)), int(a.get("colspan", 1)))
            t["rows"][-1].append(span)
            if tag == "th":
                t["th"][a.get("id")] = a.get("scope")
            else:
                t["td"].append((a.get("class", ""), a.get("headers", "")))

    def handle_data(self, data):
        self.text.append(data)


def grid(rows):
    """Columns of each row after spans: a rectangle when the spans fit."""
    taken, widths = {}, []
    for r, cells in enumerate(rows):
        c = 0
        for rs, cs in cells:
            while taken.get((r, c)):
                c += 1
            for dr in range(rs):
                for dc in range(cs):
                    taken[(r + dr, c + dc)] = True
            c += cs
        widths.append(max([k[1] + 1 for k in taken if k[0] == r] or [0]))
    return widths


tmp = tempfile.mkdtemp(prefix="nianbao-html-")
try:
    out = os.path.join(tmp, "out")
    os.mkdir(out)
    samples = [os.path.join(source, "input", n) for n in ("quanan-2020.toml", "sample-2021.toml")]
    r = run("build", *samples, "--html", "-o", out, "-q")
    check(r.returncode == 0 and sorted(os.listdir(out)) == ["quanan-2020.html", "sample-2021.html"],
          "build --html writes the pages and no PDF (%s)" % sorted(os.listdir(out)))
    for name in ("quanan-2020", "sample-2021"):
        path = os.path.join(out, name + ".html")
        t = subprocess.run(["tidy", "-e", "-q", path], capture_output=True, text=True)
        check(t.returncode == 0 and not t.stderr.strip(), "%s: tidy -e -q finds nothing (%s)" % (name, t.stderr.strip()[:300]))
        with open(path, encoding="utf-8") as f:
            dom = Dom()
            dom.feed(f.read())
        check(dom.lang == "zh-CN", "%s: lang=zh-CN" % name)
        h = dom.headings
        check(h[:1] == [1] and h.count(1) == 1 and all(b - a <= 1 for a, b in zip(h, h[1:])),
              "%s: one h1, no heading level skipped (%s)" % (name, h))
        check(not dom.external, "%s: no script and nothing fetched (%s)" % (name, dom.external))
        check(len(dom.tables) == 3, "%s: three tables" % name)
        for tb in dom.tables:
            # thead and a tbody; or (the 2019 format's 二, headed group by group) a tbody per group.
            parts = tb["parts"] == ["thead", "tbody"] or (len(tb["parts"]) > 1 and set(tb["parts"]) == {"tbody"})
            ok = tb["caption"] and parts and all(tb["th"].values()) and None not in tb["th"]
            figures = [hd for cls, hd in tb["td"] if "nb-figure" in cls]
            resolved = all(hd and all(i in tb["th"] for i in hd.split()) for hd in figures)
            widths = grid(tb["rows"])
            check(ok and resolved and figures and len(set(widths)) == 1,
                  "%s %s: caption, thead/tbody, th with scope and id, %d figures headed by th ids, grid %d×%d" %
                  (name, tb["id"], len(figures), len(widths), widths[0] if widths else 0))

    again = os.path.join(tmp, "again")
    os.mkdir(again)
    run("build", samples[0], "--html", "-o", again, "-q")
    with open(os.path.join(out, "quanan-2020.html"), "rb") as a, open(os.path.join(again, "quanan-2020.html"), "rb") as b:
        check(a.read() == b.read(), "the same input gives the same HTML bytes")

    esc = os.path.join(tmp, "esc.toml")
    with open(samples[0], encoding="utf-8") as f:
        text = f.read()
    with open(esc, "w", encoding="utf-8") as f:
        f.write(text.replace('organ  = "长春市南关区全安街道办事处"', 'organ  = "青禾县<script>&局"\nsubtitle = "（2021年1月31日 <b>发布</b>）"', 1))
    r = run("build", esc, "--html", "-o", tmp, "-q")
    with open(os.path.join(tmp, "esc.html"), encoding="utf-8") as f:
        page = f.read()
    check(r.returncode == 0 and "<script>" not in page and "<b>" not in page and "青禾县&lt;script&gt;&amp;局" in page,
          "the input's < & > are escaped (%s)" % r.stderr.strip()[:200])
    check('<p class="nb-subtitle">（2021年1月31日 &lt;b&gt;发布&lt;/b&gt;）</p>' in page and page.count('class="nb-signature"') == 1,
          "the subtitle under the title, the 落款 at the end")

    frag = os.path.join(tmp, "frag")
    os.mkdir(frag)
    r = run("build", samples[0], "--html-fragment", "--pdf", "-o", frag, "-q")
    check(r.returncode == 0 and sorted(os.listdir(frag)) == ["nianbao-report.css", "quanan-2020.html", "quanan-2020.pdf"],
          "--html-fragment --pdf: the fragment, its CSS and the PDF (%s)" % sorted(os.listdir(frag)))
    with open(os.path.join(frag, "quanan-2020.html"), encoding="utf-8") as f:
        fragment = f.read()
    with open(os.path.join(out, "quanan-2020.html"), encoding="utf-8") as f:
        whole = f.read()
    with open(os.path.join(frag, "nianbao-report.css"), encoding="utf-8") as f:
        css = f.read()
    check(fragment.startswith('<article class="nb-report"') and fragment in whole and css in whole
          and all(sel.startswith(".nb-") or sel.startswith("@") or sel.startswith("}") for sel in
                  (l.strip() for l in css.splitlines() if l and not l.startswith(" ") and "{" in l)),
          "the fragment is the page's article; the CSS is the page's, every rule under .nb-")
finally:
    shutil.rmtree(tmp)
sys.exit(exit_code())
