#!/usr/bin/python3
"""The editor page in headless Chromium (Debian's chromium and chromedriver):
  - open the sample; change 一、本年新收 (自然人) so that R1 breaks: the cell is
    marked and the message listed within 1 s; put it back: both gone;
  - paste a tab-separated row into 三: seven cells filled, the file has them;
  - the TOML downloaded from the page gives `nianbao check` the page's messages;
  - the preview's PDF shows a figure typed in the page (pdftotext).
  browser_test.py NIANBAO_BINARY SOURCE_DIR [WITHIN_SECONDS [SCREENSHOT_DIR]]
(WITHIN_SECONDS: 1, or more for a sanitizer build, several times slower.)"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from verdicts import check, exit_code  # noqa: E402
from server import Server  # noqa: E402
from webdriver import Browser  # noqa: E402

binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
within = float(sys.argv[3]) if len(sys.argv) > 3 else 1.0
shots = sys.argv[4] if len(sys.argv) > 4 else None


tmp = tempfile.mkdtemp(prefix="nianbao-browser-")
data = os.path.join(tmp, "data")
os.mkdir(data)
shutil.copy(os.path.join(source, "input", "quanan-2020.toml"), data)
srv = Server(binary, data, os.path.join(tmp, "serve.log"))
b = Browser()
NEW0 = "input.cell[data-path='requests.new.0']"
try:
    b.get(srv.url + "/#/r/quanan-2020.toml")
    n, _ = b.wait("return document.querySelectorAll('input.cell').length", 20)
    check(n > 100, "the sample's tables drawn as inputs (%s cells)" % n)
    status, _ = b.wait("return document.getElementById('status').textContent.includes('无误') && document.getElementById('status').textContent", 10)
    check(bool(status), "the sample is checked without error on opening (%r)" % status)

    # R1 broken: 一、本年新收 of 自然人 from 0 to 5.
    b.js("const e=document.querySelector(arguments[0]); e.focus(); e.select();", NEW0)
    b.type(NEW0, "5")
    marked, secs = b.wait(
        "const e=document.querySelector(arguments[0]);"
        "const li=[...document.querySelectorAll('#problems li')].find(l=>l.textContent.includes('R1'));"
        "return e.classList.contains('bad') && li ? li.textContent : ''", 5, NEW0)
    check(bool(marked) and secs <= within, "R1's cell and message shown %.2f s after typing (at most %g): %r" % (secs, within, marked))
    related = b.js("return document.querySelectorAll('.related').length")
    check(related >= 2, "the other cells of R1 marked as related (%d)" % related)
    if shots:
        b.js("document.querySelector(arguments[0]).scrollIntoView({block:'center'})", NEW0)
        b.screenshot(os.path.join(shots, "r1-broken.png"))

    # The page's messages against `nianbao check` of the TOML it downloads.
    page = b.js("return [...document.querySelectorAll('#problems li')].map(l=>l.textContent)")
    toml_url = b.js("return document.getElementById('dl-toml').href")
    status, _, body = srv.request("GET", toml_url.replace(srv.url, ""), raw=True)
    downloaded = os.path.join(tmp, "quanan-2020.toml")
    with open(downloaded, "wb") as f:
        f.write(body)
    cli = subprocess.run([binary, "check", "quanan-2020.toml"], cwd=tmp, capture_output=True, text=True,
                         env=dict(os.environ, NO_COLOR="1"))
    cli_lines = [l for l in cli.stderr.splitlines() if ": 错误: " in l or ": 警告: " in l]
    check(status == 200 and cli.returncode == 1, "the downloaded TOML fails `nianbao check` as the page says")
    check(sorted(cli_lines) == sorted(page), "the page lists what `nianbao check` prints:\n  page %r\n  cli  %r" % (page, cli_lines))
    kinds = b.js("return [...document.querySelectorAll('#problems li')].map(l=>l.className)")
    check(kinds == sorted(kinds, key=lambda k: k != "error"), "errors listed before warnings (%r)" % kinds)
    pdf_link = b.js("const a=document.getElementById('dl-pdf'); return [a.getAttribute('aria-disabled'), a.title]")
    check(pdf_link[0] == "true" and "错误" in pdf_link[1], "下载 PDF disabled with its reason while R1 is broken (%r)" % pdf_link)

    # Put it back: the mark and the message go.
    b.js("const e=document.querySelector(arguments[0]); e.focus(); e.select();", NEW0)
    b.type(NEW0, "0")
    gone, secs = b.wait(
        "return !document.querySelector('.bad') && document.querySelectorAll('#problems li').length===0", 5)
    check(bool(gone) and secs <= within, "fixed: mark and message gone after %.2f s" % secs)

    # Paste a row copied from a spreadsheet into 三's 二、上年结转 row.
    row = "1\t2\t0\t0\t0\t0\t3"
    b.js("const e=document.querySelector(arguments[0]); e.focus();"
         "const dt=new DataTransfer(); dt.setData('text/plain', arguments[1]);"
         "e.dispatchEvent(new ClipboardEvent('paste',{clipboardData:dt,bubbles:true,cancelable:true}));",
         "input.cell[data-path='requests.carried_over.0']", row + "\n")
    filled, _ = b.wait("return [0,1,2,3,4,5,6].map(c=>document.querySelector(`input.cell[data-path='requests.carried_over.${c}']`).value).join('\\t')", 5)
    check(filled == row, "pasted row fills seven cells: %r" % filled)
    saved, _ = b.wait("return document.getElementById('status').textContent.startsWith('已保存') && !window.__pending", 5)
    with open(os.path.join(data, "quanan-2020.toml"), encoding="utf-8") as f:
        text = f.read()
    check("carried_over         = [1, 2, 0, 0, 0, 0, 3]" in text, "the file holds the pasted row, its comment kept")

    # Keyboard: Enter goes down a row in the same column, ArrowRight along it.
    b.js("document.querySelector(arguments[0]).focus()", "input.cell[data-path='requests.new.2']")
    b.type("input.cell[data-path='requests.new.2']", "\ue007")  # Enter
    down = b.js("return document.activeElement.dataset.path")
    check(down == "requests.carried_over.2", "Enter moves to the cell below (%s)" % down)
    b.type("input.cell[data-path='requests.carried_over.2']", "\ue014")  # ArrowRight (caret at the end)
    right = b.js("return document.activeElement.dataset.path")
    check(right == "requests.carried_over.3", "ArrowRight at the end moves to the next cell (%s)" % right)

    # 2019's 政府集中采购 has its amount's unit to choose, below the table.
    unit = b.js("const s=document.querySelector(\"select[data-path='proactive.procurement_unit']\");"
                "return s && s.offsetParent ? [...s.options].map(o=>o.value).join('|') : ''")
    check(unit == "|元|万元", "the unit of 政府集中采购 is shown as a choice (%r)" % unit)

    # Another window changes the preface meanwhile; this one types 政府集中采购项目数量 = 7:
    # both land in the file, the other window's text shows here, the focus stays.
    _, _, state = srv.request("GET", "/api/reports/quanan-2020.toml")
    status, _, _ = srv.request("POST", "/api/reports/quanan-2020.toml/edits", {
        "version": state["version"], "edits": [{"path": ["preface"], "text": "另一个窗口写的前言。"}]})
    check(status == 200, "the other window's edit saved (%s)" % status)
    cell = "input.cell[data-path='proactive.procurement.0']"
    b.js("const e=document.querySelector(arguments[0]); e.focus(); e.select();", cell)
    b.type(cell, "7")
    merged, secs = b.wait("return document.getElementById('status').textContent.includes('已合并') && !window.__pending"
                          " && document.getElementById('status').textContent", 5)
    with open(os.path.join(data, "quanan-2020.toml"), encoding="utf-8") as f:
        text = f.read()
    shown = b.js("return [document.querySelector(\"textarea[data-path='preface']\").value.trim(),"
                 " document.querySelector(arguments[0]).value, document.activeElement.dataset.path]", cell)
    check(bool(merged) and "另一个窗口写的前言。" in text and re.search(r"^procurement\s*=\s*\[7,", text, re.M),
          "edits of two windows merged in the file (%r)" % merged)
    check(shown == ["另一个窗口写的前言。", "7", "proactive.procurement.0"],
          "the page shows the other window's text, keeps the typed figure and the focus (%r)" % shown)
    # The carried-over row pasted above breaks R1 (3 carried, none settled): settle them.
    b.js("const e=document.querySelector(arguments[0]); e.focus(); e.select();", "input.cell[data-path='requests.carry_forward.0']")
    b.type("input.cell[data-path='requests.carry_forward.0']", "1")
    b.js("const e=document.querySelector(arguments[0]); e.focus(); e.select();", "input.cell[data-path='requests.carry_forward.1']")
    b.type("input.cell[data-path='requests.carry_forward.1']", "2")
    b.js("const e=document.querySelector(arguments[0]); e.focus(); e.select();", "input.cell[data-path='requests.carry_forward.6']")
    b.type("input.cell[data-path='requests.carry_forward.6']", "3")
    src, secs = b.wait("const s=document.getElementById('preview').getAttribute('src')||'';"
                       "return s.includes(encodeURIComponent(window.__version||'')) && s.includes('v=') && "
                       "document.querySelectorAll('#problems li.error').length===0 ? s : ''", 10)
    problems = b.js("return [...document.querySelectorAll('#problems li')].map(l=>l.textContent)")
    check(bool(src), "the preview reloads once the report has no error (%s; %r)" % (src, problems))
    if src:
        status, headers, pdf = srv.request("GET", src, raw=True)
        path = os.path.join(tmp, "preview.pdf")
        with open(path, "wb") as f:
            f.write(pdf)
        text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
        line = next((l for l in text.splitlines() if "政府集中采购" in l), "")
        check(status == 200 and headers.get("Content-Type") == "application/pdf" and " 7 " in line + " ",
              "the previewed PDF shows the typed figure: %r" % line.strip())
    if shots:
        b.screenshot(os.path.join(shots, "preview.png"))

    # Narrower windows: every table stays inside its section (四's 15 columns
    # scroll in their own box when they must), the page never wider than the window.
    for width in (1280, 1024, 800):
        b.size(width, 900)
        fit = b.wait("const w=document.documentElement.clientWidth;"
                     "const out=[...document.querySelectorAll('table.official')].filter(t=>{"
                     "  const r=t.getBoundingClientRect(), sec=t.closest('section').getBoundingClientRect();"
                     "  const scrolls=['auto','scroll'].includes(getComputedStyle(t.parentElement).overflowX)"
                     "    && t.parentElement.getBoundingClientRect().right<=sec.right+0.5;"
                     "  return (r.right>sec.right+0.5 || r.left<sec.left-0.5) && !scrolls;}).length;"
                     "return window.innerWidth<=%d && document.documentElement.scrollWidth<=w ? [out, w] : null" % width, 5)[0]
        check(fit is not None and fit[0] == 0, "at %d px every table is inside its section, no page overflow (%r)" % (width, fit))
finally:
    b.quit()
    code = srv.stop()
    check(code == 0, "nianbao serve stops on SIGTERM with 0 (%s)" % code)
    shutil.rmtree(tmp)
sys.exit(exit_code())
