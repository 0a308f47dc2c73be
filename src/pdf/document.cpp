#include <podofo/podofo.h>

#include "pdf/content.hpp"
#include "pdf/font_embed.hpp"
#include "pdf/writer.hpp"

using namespace PoDoFo;

namespace nb::pdf {

namespace {

PdfString utf8(const std::string& s) { return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str())); }

}  // namespace

namespace {

std::string write_document(const typeset::Result& result, const Metadata& meta) {
  PdfError::EnableDebug(false);
  PdfError::EnableLogging(false);
  PdfMemDocument doc;
  doc.SetPdfVersion(ePdfVersion_1_7);
  doc.SetWriteMode(ePdfWriteMode_Clean);
  PdfVecObjects& objs = doc.GetObjects();

  // Faces in order of first use, so that resource names and object order are stable.
  std::vector<FontUse> uses;
  std::map<const typeset::Face*, size_t> use_index;
  for (const auto& page : result.pages)
    for (const auto& run : page.runs)
      for (const auto& g : run.glyphs) {
        auto [it, fresh] = use_index.emplace(run.face, uses.size());
        if (fresh) uses.push_back(FontUse{run.face, {}, {}});
        uses[it->second].gids.insert(g.gid);
      }
  std::map<const typeset::Face*, std::string> names;
  for (auto& use : uses) {
    names[use.face] = "F" + std::to_string(names.size() + 1);
    auto t = result.glyph_text.find(use.face);
    if (t != result.glyph_text.end())
      for (uint32_t g : use.gids) {
        auto it = t->second.find(g);
        if (it != t->second.end()) use.gid_text[g] = it->second;
      }
  }

  PdfDictionary fonts;
  for (const auto& use : uses) fonts.AddKey(PdfName(names[use.face]), embed_font(objs, use)->Reference());
  for (const auto& page : result.pages) {
    PdfPage* p = doc.CreatePage(PdfRect(0, 0, result.width, result.height));
    p->GetResources()->GetDictionary().AddKey("Font", fonts);
    std::string content = page_content(page, result.height, names);
    p->GetContents()->GetStream()->Set(content.data(), content.size());
  }

  PdfInfo* info = doc.GetInfo();
  info->SetTitle(utf8(meta.title));
  info->SetAuthor(utf8(meta.author));
  if (!meta.subject.empty()) info->SetSubject(utf8(meta.subject));
  if (!meta.keywords.empty()) info->SetKeywords(utf8(meta.keywords));
  info->SetCreator(utf8(meta.creator));
  info->SetProducer(utf8(meta.producer));
  PdfDictionary& id = info->GetObject()->GetDictionary();
  id.AddKey("CreationDate", PdfString(meta.date));
  id.AddKey("ModDate", PdfString(meta.date));
  doc.SetLanguage(meta.lang);

  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  doc.Write(&device);
  return std::string(buffer.GetBuffer(), device.GetLength());
}

}  // namespace

std::string write(const typeset::Result& result, const Metadata& meta) {
  try {
    return write_document(result, meta);
  } catch (const PdfError& e) {
    throw EnvironmentError{std::string("生成 PDF 失败（PoDoFo：") + PdfError::ErrorMessage(e.GetError()) + "）"};
  }
}

}  // namespace nb::pdf
