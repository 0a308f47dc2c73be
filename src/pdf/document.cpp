// The document: fonts, pages, outline, Info, XMP and OutputIntent assembled in a
// fixed order (object numbers follow creation: catalog, Info and page tree first,
// as PoDoFo numbered them), written out, then the /ID set from the bytes.
#include "pdf/content.hpp"
#include "pdf/date.hpp"
#include "pdf/file_id.hpp"
#include "pdf/flate.hpp"
#include "pdf/font_embed.hpp"
#include "pdf/objects.hpp"
#include "pdf/outline.hpp"
#include "pdf/output_intent.hpp"
#include "pdf/parallel.hpp"
#include "pdf/writer.hpp"
#include "pdf/xmp.hpp"

namespace nb::pdf {

namespace {

// Faces in order of first use, so that resource names and object order are stable.
std::vector<FontUse> font_uses(const typeset::Result& result) {
  std::vector<FontUse> uses;
  std::map<const typeset::Face*, size_t> index;
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

Dict info(const Metadata& m) {
  Dict d;
  d.set("Title", text(m.title));
  if (!m.author.empty()) d.set("Author", text(m.author));
  if (!m.subject.empty()) d.set("Subject", text(m.subject));
  if (!m.keywords.empty()) d.set("Keywords", text(m.keywords));
  d.set("Creator", text(m.creator));
  d.set("Producer", text(m.producer));
  d.set("CreationDate", ascii(pdf_date(m.date)));
  d.set("ModDate", ascii(pdf_date(m.date)));
  return d;
}

std::string write_document(const typeset::Result& result, Metadata meta, const WriteOptions& options) {
  for (std::string* s : {&meta.title, &meta.author, &meta.subject, &meta.keywords, &meta.creator, &meta.producer})
    *s = xml_safe(*s);  // Info and XMP must hold the same text
  const bool a1 = meta.conformance == Conformance::A1b;

  File file;
  const Ref catalog_ref = file.add(Dict().set("Type", name("Catalog")));
  const Ref info_ref = file.add(info(meta));
  const Ref tree = file.add(Dict().set("Type", name("Pages")));

  std::vector<FontUse> uses = font_uses(result);
  std::map<const typeset::Face*, std::string> names;
  for (const auto& use : uses) names[use.face] = "F" + std::to_string(names.size() + 1);
  // The slow parts first, on several threads: fonts cut and compressed, pages
  // written and compressed. Then the objects, in a fixed order.
  std::vector<PreparedFont> prepared(uses.size());
  std::vector<std::string> contents(result.pages.size());
  run_parallel(uses.size() + contents.size(), options.threads, [&](size_t i) {
    if (i < uses.size()) prepared[i] = prepare_font(uses[i], a1, options.programs);
    else contents[i - uses.size()] = deflate(page_content(result.pages[i - uses.size()], result.height, names));
  });
  Dict fonts;
  for (size_t i = 0; i < uses.size(); ++i) fonts.set(names[uses[i].face], embed_font(file, prepared[i]));
  const Dict resources = Dict().set("Font", fonts).set(
      "ProcSet", Array{name("PDF"), name("Text"), name("ImageB"), name("ImageC"), name("ImageI")});
  const Array media_box{0.0, 0.0, result.width, result.height};
  std::vector<Ref> pages;
  Array kids;
  for (size_t i = 0; i < result.pages.size(); ++i) {
    Ref page = file.add(Dict().set("Type", name("Page")).set("MediaBox", media_box).set("Parent", tree).set("Resources", resources));
    file.dict(page).set("Contents", add_deflated(file, Dict(), std::move(contents[i])));
    pages.push_back(page);
    kids.push_back(page);
  }
  file.dict(tree).set("Kids", std::move(kids)).set("Count", static_cast<int64_t>(pages.size()));

  file.dict(catalog_ref).set("Pages", tree);
  if (auto outlines = make_outline(file, pages, result.bookmarks, result.height)) {
    file.dict(catalog_ref).set("Outlines", *outlines).set("PageMode", name("UseOutlines"));
  }
  const Ref metadata =
      file.add_stream(Dict().set("Type", name("Metadata")).set("Subtype", name("XML")), xmp_packet(meta));  // not compressed
  const Array intents = make_output_intents(file);
  file.dict(catalog_ref)
      .set("Lang", ascii(meta.lang))
      .set("ViewerPreferences", Dict().set("DisplayDocTitle", true))
      .set("Metadata", metadata)
      .set("OutputIntents", intents);

  std::string bytes = file.write(a1 ? "1.4" : "1.7", catalog_ref, info_ref);
  set_file_id(bytes);
  return bytes;
}

}  // namespace

std::string write(const typeset::Result& result, const Metadata& meta, const WriteOptions& options) {
  return write_document(result, meta, options);
}

}  // namespace nb::pdf
