// The document: fonts, pages, structure tree, outline, Info, XMP and OutputIntent assembled in a
// fixed order (object numbers follow creation), written by PoDoFo in Clean mode
// (PDF/A-2: objects in compressed object streams and a cross-reference stream,
// file.cpp; PDF/A-1b: PoDoFo's classic xref table), then the /ID set from the bytes.
#include <podofo/podofo.h>

#include <algorithm>
#include <numeric>

#include "core/parallel.hpp"
#include "core/source.hpp"

#include "pdf/attachment.hpp"
#include "pdf/content.hpp"
#include "pdf/file.hpp"
#include "pdf/flate.hpp"
#include "pdf/font_embed.hpp"
#include "pdf/metadata.hpp"
#include "pdf/outline.hpp"
#include "pdf/output_intent.hpp"
#include "pdf/structure.hpp"
#include "pdf/writer.hpp"

using namespace PoDoFo;

namespace nb::pdf {

namespace {

// Faces in order of first use, so that resource names and object order are stable.
std::vector<FontUse> font_uses(const typeset::Result& result) {
  std::vector<FontUse> uses;
  std::map<const font::Face*, size_t> index;
  for (size_t p = 0; p < result.pages.size(); ++p)
    for (const auto& run : result.pages[p].runs)
      for (const auto& g : run.glyphs) {
        if (g.gid == 0)
          throw EnvironmentError{"生成 PDF 失败：第 " + std::to_string(p + 1) + " 页要显示字体 " + run.face->path() +
                                 " 的 .notdef 字形（PDF/A 不允许）：请换用其他字体"};
        auto [it, fresh] = index.emplace(run.face, uses.size());
        if (fresh) uses.push_back(FontUse{run.face, {}, {}});
        uses[it->second].gids.insert(g.gid);
      }
  for (auto& use : uses) {
    auto t = result.glyph_text.find(use.face);
    if (t == result.glyph_text.end()) continue;
    for (uint32_t g : use.gids)
      if (auto it = t->second.find(g); it != t->second.end()) use.gid_text[g] = it->second;
  }
  return uses;
}

std::string write_document(const typeset::Result& result, const Metadata& meta, const WriteOptions& options) {
  const bool a1 = meta.conformance == Conformance::A1b;

  PdfError::EnableDebug(false);
  PdfError::EnableLogging(false);
  PdfMemDocument doc;
  doc.SetPdfVersion(a1 ? ePdfVersion_1_4 : ePdfVersion_1_7);
  doc.SetWriteMode(ePdfWriteMode_Clean);  // "obj" and "endobj" on lines of their own (PDF/A)
  PdfVecObjects& objs = doc.GetObjects();

  std::vector<FontUse> uses = font_uses(result);
  std::map<const font::Face*, std::string> names;
  for (const auto& use : uses) {
    std::string name = std::to_string(names.size() + 1);
    name.insert(0, 1, 'F');  // not "F" + …: GCC 12 warns of a bogus overlap (-Wrestrict)
    names[use.face] = name;
  }
  // The slow parts first, on several threads: fonts cut and compressed, pages
  // written and compressed. Then the objects, in a fixed order.
  std::vector<PreparedFont> prepared(uses.size());
  std::vector<std::string> contents(result.pages.size());
  std::vector<std::vector<int>> mcids(result.pages.size());  // per page: the element of each MCID
  // Longest first: the fonts with the most glyphs (the body face takes as long as
  // all the others together), then the pages.
  std::vector<size_t> order(uses.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return uses[a].gids.size() > uses[b].gids.size(); });
  run_parallel(uses.size() + contents.size(), options.threads, [&](size_t i) {
    if (i < uses.size()) prepared[order[i]] = prepare_font(uses[order[i]], a1, options.programs);
    else {
      const size_t p = i - uses.size();
      contents[p] = deflate(page_content(result.pages[p], result.height, names, result.elements, mcids[p]));
    }
  });
  PdfDictionary fonts;
  for (size_t i = 0; i < uses.size(); ++i) fonts.AddKey(PdfName(names[uses[i].face]), embed_font(objs, prepared[i])->Reference());
  std::vector<PdfObject*> pages;
  for (size_t i = 0; i < result.pages.size(); ++i) {
    PdfPage* p = doc.CreatePage(PdfRect(0, 0, result.width, result.height));
    p->GetResources()->GetDictionary().AddKey("Font", fonts);
    set_deflated(p->GetContents(), contents[i]);
    p->GetObject()->GetDictionary().AddKey("Tabs", PdfName("S"));  // annotations in structure order (PDF/UA)
    pages.push_back(p->GetObject());
  }

  PdfDictionary& catalog = doc.GetCatalog()->GetDictionary();
  catalog.AddKey("StructTreeRoot", make_structure(objs, result.elements, mcids, pages)->Reference());
  PdfDictionary mark_info;
  mark_info.AddKey("Marked", true);
  catalog.AddKey("MarkInfo", mark_info);
  if (PdfObject* outlines = make_outline(objs, pages, result.bookmarks, result.height)) {
    catalog.AddKey("Outlines", outlines->Reference());
    catalog.AddKey("PageMode", PdfName("UseOutlines"));
  }
  set_metadata(doc, meta);
  catalog.AddKey("OutputIntents", make_output_intents(objs));
  attach_files(objs, catalog, meta.attachments, pdf_date(meta.date));

  std::string bytes;
  if (a1) {  // PDF 1.4: a classic cross-reference table, each object on its own
    PdfRefCountedBuffer buffer;
    PdfOutputDevice device(&buffer);
    doc.Write(&device);
    bytes.assign(buffer.GetBuffer(), device.GetLength());
  } else {
    bytes = write_compact(doc);
  }
  set_file_id(bytes);
  return bytes;
}

}  // namespace

std::string write(const typeset::Result& result, const Metadata& meta, const WriteOptions& options) {
  try {
    return write_document(result, meta, options);
  } catch (const PdfError& e) {
    throw EnvironmentError{std::string("生成 PDF 失败（PoDoFo：") + PdfError::ErrorMessage(e.GetError()) + "）"};
  }
}

}  // namespace nb::pdf
