#!/usr/bin/python3
"""Reads a PDF with pikepdf (independent of PoDoFo) and prints what pdfa_test
checks, one fact per line: key<TAB>value[<TAB>value...].

Usage: pdf_inspect.py FILE.pdf
"""
import hashlib
import re
import sys
import xml.etree.ElementTree as ET

import pikepdf

NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


def out(*fields):
    print("\t".join(str(f).replace("\t", " ").replace("\n", " ") for f in fields))


def text(obj):
    return str(obj) if obj is not None else ""


def xmp_facts(pdf):
    meta = pdf.Root.get("/Metadata")
    if meta is None:
        out("xmp", "missing")
        return
    out("metadata_subtype", text(meta.get("/Subtype")))
    out("metadata_filter", text(meta.get("/Filter")) or "none")
    raw = meta.read_bytes()
    try:
        raw.decode("utf-8")
        out("xmp_utf8", "yes")
    except UnicodeDecodeError:
        out("xmp_utf8", "no")
    header = raw.split(b"?>", 1)[0]
    out("xpacket_bytes_or_encoding", "yes" if b"bytes=" in header or b"encoding=" in header else "no")
    try:
        root = ET.fromstring(raw)
        out("xmp_wellformed", "yes")
    except ET.ParseError as e:
        out("xmp_wellformed", "no", e)
        return
    for key in ("pdfaid:part", "pdfaid:conformance", "pdfuaid:part", "xmp:CreateDate", "xmp:ModifyDate",
                "xmp:CreatorTool", "pdf:Producer", "pdf:Keywords"):
        el = root.find(".//" + key, NS)
        out("xmp." + key, el.text if el is not None else "")
    out("xmp.pdfaExtension:namespaces",
        *[el.text for el in root.findall(".//pdfaExtension:schemas//pdfaSchema:namespaceURI", NS)])
    for key in ("dc:title", "dc:creator", "dc:description", "dc:language"):
        items = root.findall(".//%s//rdf:li" % key, NS)
        out("xmp." + key, *[i.text for i in items])
    out("pdfa_status", pdf.open_metadata().pdfa_status)


def info_facts(pdf):
    info = pdf.trailer.get("/Info")
    for key in ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate"):
        out("info." + key, text(info.get("/" + key)) if info is not None else "")


def catalog_facts(pdf):
    root = pdf.Root
    out("pdf_version", pdf.pdf_version)
    out("root_keys", *sorted(str(k) for k in root.keys()))
    out("page_mode", text(root.get("/PageMode")))
    out("lang", text(root.get("/Lang")))
    prefs = root.get("/ViewerPreferences")
    out("display_doc_title", "yes" if prefs is not None and prefs.get("/DisplayDocTitle") is True else "no")
    ids = pdf.trailer.get("/ID")
    out("id", *([bytes(i).hex() for i in ids] if ids is not None else []))
    out("encrypt", "yes" if "/Encrypt" in pdf.trailer else "no")
    names = root.get("/Names")
    risky = [k for k in ("/OpenAction", "/AA", "/AcroForm") if k in root]
    if names is not None:
        risky += [k for k in ("/JavaScript", "/EmbeddedFiles") if k in names]
    for page in pdf.pages:
        risky += [k for k in ("/AA", "/Annots") if k in page.obj]
    out("actions_or_attachments", len(risky), *risky)
    intents = root.get("/OutputIntents") or []
    out("output_intents", len(intents))
    for oi in intents:
        profile = oi.DestOutputProfile
        data = profile.read_bytes()
        out("output_intent", text(oi.get("/S")), text(oi.get("/OutputConditionIdentifier")), int(profile.N),
            data[12:16].decode("latin-1"), data[16:20].decode("latin-1").strip(), data[8])


def visible_descendants(item):
    n, child = 0, item.get("/First")
    while child is not None:
        n += 1 + visible_descendants(child)
        child = child.get("/Next")
    return n


def outline_facts(pdf):
    outlines = pdf.Root.get("/Outlines")
    if outlines is None:
        out("outline", "missing")
        return
    page_index = {p.objgen: i for i, p in enumerate(pdf.pages)}
    bad_counts = 0 if outlines.get("/Count") == visible_descendants(outlines) else 1

    def walk(item, level):
        nonlocal bad_counts
        child = item.get("/First")
        while child is not None:
            dest = child.Dest
            kids = visible_descendants(child)
            count = child.get("/Count")
            if (kids and count != kids) or (not kids and count not in (None, 0)):
                bad_counts += 1
            out("bookmark", level, text(child.Title), page_index.get(dest[0].objgen, -1), text(dest[1]),
                float(dest[3]), "null" if dest[4] is None else dest[4], kids, text(count))
            walk(child, level + 1)
            child = child.get("/Next")

    out("outline_count", text(outlines.get("/Count")))
    walk(outlines, 1)
    out("outline_bad_counts", bad_counts)


def tounicode(font):
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    table = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, value in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            table[int(code, 16)] = bytes.fromhex(value).decode("utf-16-be", "replace") if value else ""
    return table


def shown_codes(pdf):
    """Codes shown with each font (by object), from every text operator of every page."""
    shown = {}
    for page in pdf.pages:
        fonts = page.Resources.get("/Font", {})
        current = None
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "Tf":
                current = fonts[str(operands[0])]
            elif op in ("Tj", "TJ", "'", '"'):
                strings = operands[0] if op == "TJ" else [operands[-1]]
                codes = shown.setdefault(current.objgen, (current, set()))[1]
                for s in strings:
                    if isinstance(s, pikepdf.String):
                        b = bytes(s)
                        codes.update(int.from_bytes(b[i:i + 2], "big") for i in range(0, len(b), 2))
    return shown.values()


def font_facts(pdf):
    for font, codes in shown_codes(pdf):
        cid = font.DescendantFonts[0]
        desc = cid.FontDescriptor
        file_key = next((k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in desc), "none")
        subtype = text(desc[file_key].get("/Subtype")) if file_key != "none" else ""
        table = tounicode(font) if "/ToUnicode" in font else {}
        uncovered = sorted(c for c in codes if not table.get(c))
        bad = sorted(c for c in codes if any(ord(ch) in (0, 0xFEFF, 0xFFFE) for ch in table.get(c, "")))
        cidset = "/CIDSet" in desc
        missing_in_cidset = 0
        if cidset:
            bits = desc.CIDSet.read_bytes()
            missing_in_cidset = sum(1 for c in codes if c // 8 >= len(bits) or not bits[c // 8] & (0x80 >> c % 8))
        out("font", text(font.BaseFont), text(cid.Subtype), file_key, subtype, "cidset" if cidset else "-",
            len(codes), len(uncovered), len(bad), 1 if 0 in codes else 0, missing_in_cidset)
        for c in uncovered[:5]:
            out("uncovered_code", text(font.BaseFont), "%04X" % c)


def id_facts(path):
    """Whether /ID is the first 128 bits of the SHA-256 of the file with the ID's digits zeroed."""
    data = open(path, "rb").read()
    m = list(re.finditer(rb"/ID \[ <([0-9A-F]{32})> <([0-9A-F]{32})> \]", data))
    if not m:
        out("id_matches_content", "no", "no /ID of the expected form")
        return
    zeroed = data[:m[-1].start(1)] + b"0" * 32 + data[m[-1].end(1):m[-1].start(2)] + b"0" * 32 + data[m[-1].end(2):]
    digest = hashlib.sha256(zeroed).hexdigest()[:32].upper().encode()
    out("id_matches_content", "yes" if m[-1].group(1) == digest == m[-1].group(2) else "no")


def main():
    pdf = pikepdf.open(sys.argv[1])
    out("pages", len(pdf.pages))
    id_facts(sys.argv[1])
    catalog_facts(pdf)
    info_facts(pdf)
    xmp_facts(pdf)
    outline_facts(pdf)
    font_facts(pdf)


if __name__ == "__main__":
    main()
