#!/usr/bin/python3
"""The filing office's verbs: build --attach, extract and verify, checked with
independent readers:
  - pikepdf: the PDF claims PDF/A-3A; the catalog's /AF holds the input (Source,
    application/toml, /Params Size and MD5 CheckSum of the input's bytes, ModDate)
    and the figures (Data, application/json), both in the EmbeddedFiles name tree;
    XMP names both files and declares its namespace; a default build has neither;
  - qpdf --check is clean; the same input gives the same bytes twice;
  - extract gives the input byte for byte, and the JSON whose figures equal the
    TOML's (tomllib) and, where the input leaves 总计 out, the sum of its row;
  - bad input: --attach with --pdfa1b, extract of a PDF without attachments, of a
    truncated, an encrypted and a non-PDF file, over a different existing file;
  - verify: 一致 for every PDF built here with --attach; a one-byte change of a
    page's content (pikepdf) reported on that page; a changed figure in the
    attached TOML a failed check (R1); a changed layout a difference naming the
    layout as the likely cause; a PDF without attachments not verifiable; JSON
    lines; the PDFs of tests/corpus-pdf each give their exit code and message.
  filing_test.py NIANBAO_BINARY SOURCE_DIR"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from decimal import Decimal

import pikepdf

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from verdicts import check, exit_code  # noqa: E402

binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])


def run(*args, cwd=None, env=None):
    return subprocess.run([binary, *args], capture_output=True, text=True, cwd=cwd,
                          env=dict(os.environ, NO_COLOR="1", NIANBAO_CACHE="off", **(env or {})))


tmp = tempfile.mkdtemp(prefix="nianbao-attach-")
try:
    inputs = os.path.join(tmp, "in")
    os.mkdir(inputs)
    for name in sorted(os.listdir(os.path.join(source, "input"))):
        if name.endswith(".toml"):
            shutil.copy(os.path.join(source, "input", name), inputs)
    # A report that leaves the 总计 of 三's rows to the check: each row's last figure dropped.
    with open(os.path.join(source, "input", "quanan-2020.toml"), encoding="utf-8") as f:
        text = f.read()
    head, rest = text.split("[requests]", 1)
    body, tail = rest.split("\n[", 1)
    body = re.sub(r"\[((?:\s*\d+\s*,){6})\s*\d+\s*\]", lambda m: "[" + m.group(1).rstrip(", ") + "]", body)
    with open(os.path.join(inputs, "derived-totals.toml"), "w", encoding="utf-8") as f:
        f.write(head + "[requests]" + body + "\n[" + tail)
    names = sorted(n[:-5] for n in os.listdir(inputs))

    out, plain, again = (os.path.join(tmp, d) for d in ("out", "plain", "again"))
    for d in (out, plain, again):
        os.mkdir(d)
    r = run("build", *[os.path.join(inputs, n + ".toml") for n in names], "--attach", "-o", out, "-q")
    check(r.returncode == 0, "build --attach of %s (%s)" % (names, r.stderr.strip()))
    r = run("build", os.path.join(inputs, "quanan-2020.toml"), "-o", plain, "-q")
    check(r.returncode == 0, "a default build")

    for n in names:
        path = os.path.join(out, n + ".pdf")
        with open(os.path.join(inputs, n + ".toml"), "rb") as f:
            toml_bytes = f.read()
        pdf = pikepdf.open(path)
        check(pdf.open_metadata().pdfa_status == "3A", "%s claims PDF/A-3A (%s)" % (n, pdf.open_metadata().pdfa_status))
        af = list(pdf.Root.get("/AF", []))
        rel = {str(s.AFRelationship): s for s in af}
        check(sorted(rel) == ["/Data", "/Source"], "%s: /AF holds a Source and a Data (%s)" % (n, sorted(rel)))
        tree = pdf.Root.Names.EmbeddedFiles.Names
        check(len(tree) == 4 and {tree[1].objgen, tree[3].objgen} == {s.objgen for s in af},
              "%s: both in the EmbeddedFiles name tree" % n)
        src = rel.get("/Source")
        if src is not None:
            ef = src.EF.F
            params = ef.Params
            check(str(ef.Subtype) == "/application/toml" and str(src.UF) == n + ".toml" and str(src.F) == n + ".toml"
                  and "/Desc" in src, "%s: the Source is %s, application/toml, with /UF, /F and /Desc" % (n, src.UF))
            check(int(params.Size) == len(toml_bytes) and bytes(params.CheckSum) == hashlib.md5(toml_bytes).digest()
                  and str(params.ModDate).startswith("D:"), "%s: /Params Size, CheckSum (MD5) and ModDate of the input" % n)
            check(ef.read_bytes() == toml_bytes, "%s: the embedded stream is the input byte for byte" % n)
        data = rel.get("/Data")
        check(data is not None and str(data.EF.F.Subtype) == "/application/json", "%s: the Data is application/json" % n)
        xmp = bytes(pdf.Root.Metadata.read_bytes()).decode()
        check("<nbattach:SourceFileName>%s.toml</nbattach:SourceFileName>" % n in xmp
              and "<nbattach:DataFileName>%s.figures.json</nbattach:DataFileName>" % n in xmp
              and "<pdfaSchema:prefix>nbattach</pdfaSchema:prefix>" in xmp, "%s: XMP names both files" % n)
        q = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
        check(q.returncode == 0, "%s: qpdf --check (%s)" % (n, q.stdout.strip().splitlines()[-1:]))

        # extract: the input byte for byte; the JSON's figures against the TOML.
        dest = os.path.join(tmp, "x-" + n)
        os.mkdir(dest)
        r = run("extract", path, "-o", dest, "--json")
        check(r.returncode == 0, "%s: extract --json (%s)" % (n, r.stderr.strip()))
        with open(os.path.join(dest, n + ".toml"), "rb") as f:
            check(f.read() == toml_bytes, "%s: extract gives the input byte for byte" % n)
        with open(os.path.join(dest, n + ".figures.json"), encoding="utf-8") as f:
            figures = json.load(f, parse_float=Decimal)
        doc = tomllib.loads(toml_bytes.decode("utf-8"), parse_float=Decimal)
        check((figures["format"], figures["year"], figures["organ"]) == (doc["format"], doc["year"], doc["organ"]),
              "%s: the JSON's format, year and organ" % n)
        given = derived = wrong = 0
        rows = {}
        for t in figures["tables"]:
            for c in t["cells"]:
                section, field = c["key"].split(".")
                value = doc.get(section, {}).get(field)
                cells = value if isinstance(value, list) else [value]
                rows.setdefault(c["key"], {})[c["column"]] = c["value"]
                if c["given"]:
                    given += 1
                    if cells[c["column"] - 1] != c["value"]:
                        wrong += 1
                        print("     %s[%d]: JSON %r, TOML %r" % (c["key"], c["column"], c["value"], cells[c["column"] - 1]))
                elif value is not None and c["column"] <= len(cells):
                    wrong += 1  # the input gave it: it cannot be derived
                if not c["labels"] or not all(c["labels"]):
                    wrong += 1
        for key, row in rows.items():
            if key.startswith("requests.") and len(row) == 7:
                cell = next(c for t in figures["tables"] for c in t["cells"] if c["key"] == key and c["column"] == 7)
                if not cell["given"]:
                    derived += 1
                    if row[7] != sum(row[c] for c in range(1, 7)):
                        wrong += 1
        check(wrong == 0 and given > 50, "%s: %d given figures equal the TOML's, %d derived 总计 equal their row's sum, every cell labelled"
              % (n, given, derived))
        if n == "derived-totals":
            check(derived >= 20, "derived-totals: the 总计 the input left out are in the JSON (%d)" % derived)

    # The same input, the same bytes.
    run("build", os.path.join(inputs, "quanan-2020.toml"), "--attach", "-o", again, "-q")
    with open(os.path.join(out, "quanan-2020.pdf"), "rb") as a, open(os.path.join(again, "quanan-2020.pdf"), "rb") as b:
        check(a.read() == b.read(), "build --attach twice gives the same bytes")

    plain_pdf = pikepdf.open(os.path.join(plain, "quanan-2020.pdf"))
    check(plain_pdf.open_metadata().pdfa_status == "2A" and "/AF" not in plain_pdf.Root and "/Names" not in plain_pdf.Root,
          "a default build stays PDF/A-2A without attachments")

    # Bad input.
    r = run("build", os.path.join(inputs, "quanan-2020.toml"), "--attach", "--pdfa1b", "-o", os.path.join(tmp, "a1"))
    check(r.returncode == 2 and "PDF/A-1 不允许附带文件" in r.stderr and not os.path.exists(os.path.join(tmp, "a1", "quanan-2020.pdf")),
          "--attach with --pdfa1b: usage error (%s)" % r.stderr.strip())
    r = run("extract", os.path.join(plain, "quanan-2020.pdf"), "-o", tmp)
    check(r.returncode == 1 and "nianbao build --attach" in r.stderr and not os.path.exists(os.path.join(tmp, "quanan-2020.toml")),
          "extract of a PDF built without --attach: exit 1, says so (%s)" % r.stderr.strip())
    with open(os.path.join(out, "quanan-2020.pdf"), "rb") as f:
        whole = f.read()
    bad = {"truncated.pdf": (whole[: len(whole) // 3], "无法读取"), "not-a-pdf.pdf": (b"<html>hello</html>", "不是 PDF 文件"),
           "empty.pdf": (b"", "文件是空的（0 字节）")}
    enc = os.path.join(tmp, "encrypted.pdf")
    subprocess.run(["qpdf", "--encrypt", "u", "o", "256", "--", os.path.join(out, "quanan-2020.pdf"), enc], check=True)
    for name, (content, said) in bad.items():
        with open(os.path.join(tmp, name), "wb") as f:
            f.write(content)
    bad["encrypted.pdf"] = (None, "加密")
    for name, (_, said) in bad.items():
        r = run("extract", os.path.join(tmp, name), "-o", tmp)
        check(r.returncode == 3 and said in r.stderr and name in r.stderr, "extract %s: exit 3, %r (%s)" % (name, said, r.stderr.strip()))
    r = run("extract", os.path.join(tmp, "no-such.pdf"), "-o", tmp)
    check(r.returncode == 3 and "no-such.pdf: 错误: 文件不存在" in r.stderr, "extract of a missing file: exit 3, 文件不存在 (%s)" % r.stderr.strip())
    dest = os.path.join(tmp, "x-quanan-2020")
    with open(os.path.join(dest, "quanan-2020.toml"), "ab") as f:
        f.write(b"# changed\n")
    r = run("extract", os.path.join(out, "quanan-2020.pdf"), "-o", dest)
    with open(os.path.join(dest, "quanan-2020.toml"), "rb") as f:
        kept = f.read().endswith(b"# changed\n")
    check(r.returncode == 1 and "不覆盖" in r.stderr and kept, "extract never overwrites a different file (%s)" % r.stderr.strip())

    # verify: every PDF built here with --attach.
    built = [os.path.join(out, n + ".pdf") for n in names]
    r = run("verify", *built, "-j", "2")
    check(r.returncode == 0 and r.stdout.count("：一致\n") == len(built) and "共 %d 份：%d 份一致。" % (len(built), len(built)) in r.stderr,
          "verify: 一致 for the %d PDFs built with --attach (%s)" % (len(built), r.stderr.strip()))
    check("PDF/A-3A，已加标签，6 页，均为 A4" in r.stdout and "均已嵌入（子集）" in r.stdout, "verify lists the claims, pages and fonts")
    r = run("verify", *built, "--diagnostics", "json")
    lines = [json.loads(l) for l in r.stdout.splitlines()]
    check(r.returncode == 0 and [l["verdict"] for l in lines] == ["一致"] * len(built) and lines[0]["pdfa"] == "3A"
          and lines[0]["fonts_embedded"] == len(lines[0]["fonts"]), "verify --diagnostics json: a line per PDF")

    # A one-byte change in page 3's content stream.
    sample = os.path.join(out, "quanan-2020.pdf")
    changed = os.path.join(tmp, "page-changed.pdf")
    with pikepdf.open(sample) as pdf:
        c = pdf.pages[2].obj.Contents
        data = bytearray(c.read_bytes())
        at = data.index(b"<") + 1  # a glyph code of the first text shown
        data[at] = ord("0") if data[at] != ord("0") else ord("1")
        c.write(bytes(data))
        pdf.save(changed)
    r = run("verify", changed)
    check(r.returncode == 1 and "：不一致" in r.stdout and "第 3 页" in r.stdout, "a one-byte change of page 3 is reported on page 3 (%s)" % r.stdout.strip().splitlines()[-1])

    # A byte changed inside an embedded font program: the font named, and the
    # change after generation given as a cause beside a different font version.
    font_changed = os.path.join(tmp, "font-changed.pdf")
    with pikepdf.open(sample) as pdf:
        fonts = pdf.pages[0].obj.Resources.Font
        d = fonts[list(fonts.keys())[0]].DescendantFonts[0].FontDescriptor
        stream = d.get("/FontFile3") if "/FontFile3" in d else d.get("/FontFile2")
        data = bytearray(stream.read_bytes())
        data[len(data) // 2] ^= 0x01
        stream.write(bytes(data))
        pdf.save(font_changed)
    r = run("verify", font_changed)
    check(r.returncode == 1 and "：不一致" in r.stdout and "的字形程序不同" in r.stdout and "或此文件生成后被改动过" in r.stdout,
          "a byte changed in a font program: the font named, a change after generation among the causes (%s)" % r.stdout.strip().splitlines()[-1])

    # A figure changed in the attached TOML: R1 breaks.
    figure = os.path.join(tmp, "figure-changed.pdf")
    with pikepdf.open(sample) as pdf:
        for spec in pdf.Root.AF:
            if spec.AFRelationship == "/Source":
                ef = spec.EF.F
                ef.write(ef.read_bytes().replace(b"new                  = [0,", b"new                  = [5,", 1))
        pdf.save(figure)
    r = run("verify", figure)
    check(r.returncode == 1 and "检查未通过" in r.stdout and "勾稽关系不成立（R1" in r.stderr
          and "figure-changed.pdf 中的 quanan-2020.toml:" in r.stderr, "a changed figure in the attached TOML fails R1 (%s)" % r.stderr.strip().splitlines()[:1])

    # The same PDF verified with a layout changed on this machine.
    data_dir = os.path.join(tmp, "data")
    shutil.copytree(os.path.join(source, "layouts"), os.path.join(data_dir, "layouts"))
    os.symlink(os.path.join(source, "fonts"), os.path.join(data_dir, "fonts"))
    layout = os.path.join(data_dir, "layouts", "2019.toml")
    with open(layout, encoding="utf-8") as f:
        text = f.read()
    with open(layout, "w", encoding="utf-8") as f:
        f.write(text.replace("（一）予以公开", "（一）予以公开的", 1))
    r = run("verify", sample, env={"NIANBAO_DATA": data_dir})
    check(r.returncode == 1 and "：不一致" in r.stdout and "页（对象" in r.stdout and "格式文件 %s 与生成时不同" % layout in r.stdout,
          "a changed layout: differs, the page named, the layout the likely cause (%s)" % r.stdout.strip().splitlines()[-1])

    # The same PDF verified where another font answers to the body font's file name.
    fonts_dir = os.path.join(tmp, "data2", "fonts")
    os.makedirs(fonts_dir)
    os.symlink(os.path.join(source, "layouts"), os.path.join(tmp, "data2", "layouts"))
    kai = subprocess.run(["fc-list", ":file", "file"], capture_output=True, text=True).stdout
    kai = next((l.strip().rstrip(":") for l in kai.splitlines() if "FandolKai-Regular.otf" in l), None)
    if kai:
        shutil.copy(kai, os.path.join(fonts_dir, "FandolFang-Regular.otf"))
        r = run("verify", sample, env={"NIANBAO_DATA": os.path.join(tmp, "data2")})
        check(r.returncode == 1 and "：不一致" in r.stdout and "所用字体不同" in r.stdout and "FandolFang-Regular" in r.stdout,
              "another font under the body font's name: the fonts named as the likely cause (%s)" % r.stdout.strip().splitlines()[-1])
    else:
        check(False, "FandolKai-Regular.otf is installed (setup.sh)")

    r = run("verify", os.path.join(plain, "quanan-2020.pdf"), os.path.join(tmp, "truncated.pdf"))
    check(r.returncode == 3 and "无法核验" in r.stdout and "没有附带输入文件" in r.stdout and "1 份无法核验，1 份无法读取" in r.stderr,
          "a PDF without attachments cannot be verified, a truncated one not read: exit 3 (%s)" % r.stderr.strip())

    # The corpus of bad PDFs.
    corpus = os.path.join(source, "tests", "corpus-pdf")
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".pdf"):
            continue
        with open(os.path.join(corpus, name[:-4] + ".expected"), encoding="utf-8") as f:
            for line in f.read().splitlines():
                verb, rest = line.split(": ", 1)
                code, phrase = rest.split("; ", 1)
                dest = tempfile.mkdtemp(dir=tmp)
                r = run(verb, os.path.join(corpus, name), *(["-o", dest] if verb == "extract" else []))
                said = r.stdout + r.stderr
                check(r.returncode == int(code.split()[1]) and phrase in said,
                      "corpus-pdf %s, %s: %s, %r (got %d: %s)" % (name, verb, code, phrase, r.returncode, said.strip().splitlines()[-1:]))

    # Many PDFs on many threads: each read by its own reader program. (A reader
    # forked from one of verify's threads once waited forever on a lock another
    # thread held: one PDF in three came out 无法读取 after the 60 s limit.)
    many = []
    for i in range(8):
        for b in built:
            many.append(os.path.join(tmp, "many-%d-%s" % (i, os.path.basename(b))))
            shutil.copyfile(b, many[-1])
    r = run("verify", *many, "-j", "8", "-q")
    check(r.returncode == 0 and "共 %d 份：%d 份一致。" % (len(many), len(many)) in r.stderr,
          "verify -j 8 of %d PDFs: every one 一致 (%s)" % (len(many), r.stderr.strip()))

    # Without its reader program (a copied binary): an environment error, exit 3.
    lone = os.path.join(tmp, "lone")
    os.mkdir(lone)
    shutil.copy(binary, lone)
    r = subprocess.run(
        [os.path.join(lone, os.path.basename(binary)), "extract", sample, "-o", lone], capture_output=True, text=True)
    check(r.returncode == 3 and "找不到PDF 读取程序 nianbao-read-pdf" in r.stderr and not os.path.exists(os.path.join(lone, "quanan-2020.toml")),
          "a binary without nianbao-read-pdf: exit 3, the program named (%s)" % r.stderr.strip())
finally:
    shutil.rmtree(tmp)
sys.exit(exit_code())
