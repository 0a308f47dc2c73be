#!/usr/bin/python3
"""Writes the PDFs of this corpus (small, made by pikepdf and qpdf): each a way a
PDF received by a filing office can be bad. Run from this folder: ./make.py
Each NAME.pdf has NAME.expected: the command's arguments after the PDF, its exit
code and a phrase its output must hold (see tests/filing/filing_test.py)."""
import subprocess

import pikepdf
from pikepdf import Array, Dictionary, Name


def base(claim="3", attach=b'format = "2019"\n', name="report.toml", mime="/application/toml", intent=True):
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595.276, 841.89))
    with pdf.open_metadata(set_pikepdf_as_editor=False) as m:
        if claim:
            m["pdfaid:part"] = claim
            m["pdfaid:conformance"] = "A"
    if intent:
        icc = pikepdf.Stream(pdf, b"\0" * 128)
        icc.N = 3
        pdf.Root.OutputIntents = Array([Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFA1, DestOutputProfile=icc)])
    if attach is not None:
        ef = pikepdf.Stream(pdf, attach)
        ef.Type, ef.Subtype = Name.EmbeddedFile, Name(mime)
        spec = pdf.make_indirect(Dictionary(Type=Name.Filespec, F=name, UF=name, AFRelationship=Name.Source,
                                            EF=Dictionary(F=ef, UF=ef)))
        pdf.Root.AF = Array([spec])
        pdf.Root.Names = Dictionary(EmbeddedFiles=Dictionary(Names=Array([pikepdf.String(name), spec])))
    return pdf


def save(pdf, name):
    pdf.save(name, static_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable)


save(base(), "whole.pdf")
with open("whole.pdf", "rb") as f:
    whole = f.read()
with open("truncated.pdf", "wb") as f:
    f.write(whole[: len(whole) * 2 // 3])
subprocess.run(["qpdf", "--static-id", "--encrypt", "u", "o", "256", "--", "whole.pdf", "encrypted.pdf"], check=True)
# Every offset of the cross-reference table moved: PoDoFo has to find the objects itself, or give up.
xref = whole.rindex(b"xref")
with open("broken-xref.pdf", "wb") as f:
    f.write(whole[:xref] + whole[xref:].replace(b" 00000 n", b" 00000 f").replace(b"0000000", b"9999999"))
save(base(claim="2", attach=None, intent=False), "pdfa-claim-without-profile.pdf")
save(base(attach=b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)), name="report.toml"), "attachment-not-toml.pdf")
save(base(attach=b"%PDF-1.4 not a report", name="report.pdf", mime="/application/pdf"), "attachment-not-named-toml.pdf")
import os
os.remove("whole.pdf")
