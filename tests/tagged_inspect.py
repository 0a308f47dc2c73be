#!/usr/bin/python3
"""Reads a tagged PDF with pikepdf (independent of PoDoFo) and prints, one fact a
line (key<TAB>value...), what tagged_test checks of PDF/UA-1: the Matterhorn
Protocol checkpoints a machine can decide for a document of text and tables.

  marked            /MarkInfo /Marked (01-002)
  suspects          /MarkInfo /Suspects (01-002: not true)
  tabs_not_s        pages without /Tabs /S (09-004)
  untagged_text     text-showing operators outside marked content with an MCID
                    and outside artifacts (01-005)
  untagged_paths    path-painting operators outside artifacts (01-005)
  artifact_in_tag   marked content nested in an artifact or the reverse (01-001)
  parent_tree_bad   MCIDs whose parent-tree element does not list them, or
                    listed MCIDs not in their page's content (01-003 consistency)
  headings          the heading levels in reading order (14-003: none skipped)
  table_bad         Table/THead/TBody/TR children of the wrong kind (15-00x)
  th_no_scope       TH without a Scope attribute (15-003)
  td_no_headers     TD without Headers (named per cell, not implied)
  headers_bad       Headers IDs that name no TH through the ID tree (15-005)
  figures           Figure elements and image XObjects (13-00x: none here)
  role_map          non-standard types mapped (02-001: none used)
  elements          preorder: tag, ID, and the IDs a cell's Headers name
  table_pages       per Table, the number of pages its content is on
  span_langs        per Span in reading order, its /Lang or -
  max_kids          the longest /K array (PDF 1.4 and PDF/A-1: at most 8,191)
"""
import sys

import pikepdf


def out(*fields):
    print("\t".join(str(f).replace("\t", " ").replace("\n", " ") for f in fields))


STANDARD = {"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
            "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
            "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
            "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
            "Formula", "Form"}


def name(x):
    return str(x)[1:] if x is not None else ""


def kids_of(elem):
    """An element's /K as a list: elements, MCIDs and MCRs."""
    kids = elem.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def walk(elem, visit, depth=0):
    visit(elem, depth)
    for k in kids_of(elem):
        if isinstance(k, pikepdf.Dictionary) and "/S" in k:
            walk(k, visit, depth + 1)


def content_facts(pdf):
    """Marked content of every page: (page index, MCID) pairs, and what is outside it."""
    untagged_text = untagged_paths = nested = 0
    found = set()
    for i, page in enumerate(pdf.pages):
        stack = []  # "mcid", "artifact" or "other" for each open sequence
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                props = operands[1] if op == "BDC" and len(operands) > 1 else None
                if tag == "/Artifact":
                    kind = "artifact"
                elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    kind = "mcid"
                    found.add((i, int(props.MCID)))
                else:
                    kind = "other"
                if ("artifact" in stack and kind != "other") or (kind == "artifact" and "mcid" in stack):
                    nested += 1
                stack.append(kind)
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op in ("Tj", "TJ", "'", '"'):
                if not any(k in ("mcid", "artifact") for k in stack):
                    untagged_text += 1
            elif op in ("S", "s", "f", "F", "f*", "B", "B*", "b", "b*"):
                if "artifact" not in stack:
                    untagged_paths += 1
    return found, untagged_text, untagged_paths, nested


def main():
    pdf = pikepdf.open(sys.argv[1])
    root = pdf.Root
    info = root.get("/MarkInfo")
    out("marked", "yes" if info is not None and info.get("/Marked") is True else "no")
    out("suspects", "yes" if info is not None and info.get("/Suspects") is True else "no")
    out("tabs_not_s", sum(1 for p in pdf.pages if name(p.obj.get("/Tabs")) != "S"))
    found, untagged_text, untagged_paths, nested = content_facts(pdf)
    out("untagged_text", untagged_text)
    out("untagged_paths", untagged_paths)
    out("artifact_in_tag", nested)
    tree = root.get("/StructTreeRoot")
    if tree is None:
        out("structure", "missing")
        return
    out("structure", "yes")
    out("role_map", len(tree.get("/RoleMap", {})))

    # Parent tree against the content: each MCID's element lists it, and only those.
    page_of = {p.objgen: i for i, p in enumerate(pdf.pages)}
    nums = tree.ParentTree.get("/Nums")
    parents = {int(nums[j]): nums[j + 1] for j in range(0, len(nums), 2)}
    listed = set()
    bad = 0

    def mcids_of(elem):
        pg = elem.get("/Pg")
        for k in kids_of(elem):
            if isinstance(k, int):
                yield page_of.get(pg.objgen, -1), k
            elif isinstance(k, pikepdf.Dictionary) and name(k.get("/Type")) == "MCR":
                yield page_of.get(k.Pg.objgen, -1), int(k.MCID)

    def check(elem, depth):
        nonlocal bad
        for page, mcid in mcids_of(elem):
            listed.add((page, mcid))
            sp = int(pdf.pages[page].obj.StructParents) if page >= 0 else -1
            arr = parents.get(sp)
            if arr is None or mcid >= len(arr) or arr[mcid].objgen != elem.objgen:
                bad += 1

    tops = kids_of(tree)
    for top in tops:
        walk(top, check)
    bad += len(found ^ listed)
    out("parent_tree_bad", bad)

    ids = {}
    id_tree = tree.get("/IDTree")
    if id_tree is not None:
        names = id_tree.get("/Names", [])
        for j in range(0, len(names), 2):
            ids[bytes(names[j])] = names[j + 1]
    headings, table_bad, th_no_scope, td_no_headers, headers_bad, figures = [], 0, 0, 0, 0, 0
    allowed = {"Table": {"THead", "TBody", "TFoot", "TR"}, "THead": {"TR"}, "TBody": {"TR"}, "TFoot": {"TR"},
               "TR": {"TH", "TD"}}
    nonstandard = []
    span_langs = []

    def facts(elem, depth):
        nonlocal table_bad, th_no_scope, td_no_headers, headers_bad, figures
        s = name(elem.S)
        if s not in STANDARD:
            nonstandard.append(s)
        if s in ("H1", "H2", "H3", "H4", "H5", "H6"):
            headings.append(s[1])
        if s == "Figure":
            figures += 1
        if s in allowed:
            for k in kids_of(elem):
                if not (isinstance(k, pikepdf.Dictionary) and name(k.get("/S")) in allowed[s]):
                    table_bad += 1
        attrs = elem.get("/A")
        headers = []
        if s in ("TH", "TD"):
            if attrs is None or name(attrs.get("/O")) != "Table":
                table_bad += 0 if s == "TD" else 1
            if s == "TH" and (attrs is None or "/Scope" not in attrs):
                th_no_scope += 1
            if s == "TD":
                headers = [bytes(h) for h in attrs.get("/Headers", [])] if attrs is not None else []
                if not headers:
                    td_no_headers += 1
                for h in headers:
                    target = ids.get(h)
                    if target is None or name(target.get("/S")) != "TH":
                        headers_bad += 1
        if s == "Span":
            span_langs.append(str(elem.Lang) if "/Lang" in elem else "-")
        ident = bytes(elem.ID).decode("latin-1") if "/ID" in elem else ""
        out("element", depth, s, ident, *[h.decode("latin-1") for h in headers])

    for top in tops:
        walk(top, facts)
    for page in pdf.pages:
        xobjects = page.Resources.get("/XObject", {})
        figures += sum(1 for k in xobjects.keys() if name(xobjects[k].get("/Subtype")) == "Image")
    # The pages each table's content is on (a table split across pages is one Table).
    def pages_under(elem):
        pages = set(p for p, _ in mcids_of(elem))
        for k in kids_of(elem):
            if isinstance(k, pikepdf.Dictionary) and "/S" in k:
                pages |= pages_under(k)
        return pages

    tables = []
    for top in tops:
        walk(top, lambda e, d: tables.append(len(pages_under(e))) if name(e.S) == "Table" else None)
    out("table_pages", *tables)
    out("headings", *headings)
    out("table_bad", table_bad)
    out("th_no_scope", th_no_scope)
    out("td_no_headers", td_no_headers)
    out("headers_bad", headers_bad)
    out("figures", figures)
    out("nonstandard", len(nonstandard), *nonstandard[:5])
    out("span_langs", *span_langs)
    widest = [0]

    def kids_count(elem, depth):
        widest[0] = max(widest[0], len(kids_of(elem)))

    for top in tops:
        walk(top, kids_count)
    out("max_kids", widest[0])


if __name__ == "__main__":
    main()
