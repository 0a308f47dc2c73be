#!/usr/bin/python3
"""Writes the fuzz_pdf seeds (small PDFs shaped like nianbao's): a page, XMP with a
PDF/A claim, a tagged catalog and a TOML attached on /AF, once with a classic
cross-reference table and once with object and cross-reference streams.
Run from this folder: ./make.py"""
import pikepdf
from pikepdf import Dictionary, Name, Array

for name, streams in (("attached-classic.pdf", pikepdf.ObjectStreamMode.disable),
                      ("attached-objstm.pdf", pikepdf.ObjectStreamMode.generate)):
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595.276, 841.89))
    with pdf.open_metadata(set_pikepdf_as_editor=False) as m:
        m["pdfaid:part"] = "3"
        m["pdfaid:conformance"] = "A"
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.StructTreeRoot = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    data = b'format = "2019"\nyear = 2020\norgan = "x"\n'
    ef = pikepdf.Stream(pdf, data)
    ef.Type, ef.Subtype = Name.EmbeddedFile, Name("/application/toml")
    ef.Params = Dictionary(Size=len(data))
    spec = pdf.make_indirect(Dictionary(Type=Name.Filespec, F="r.toml", UF="r.toml",
                                        AFRelationship=Name.Source, EF=Dictionary(F=ef, UF=ef)))
    pdf.Root.AF = Array([spec])
    pdf.Root.Names = Dictionary(EmbeddedFiles=Dictionary(Names=Array([pikepdf.String("r.toml"), spec])))
    pdf.save(name, object_stream_mode=streams, static_id=True, compress_streams=True)
