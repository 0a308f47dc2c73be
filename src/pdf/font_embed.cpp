#include "pdf/font_embed.hpp"

#include "core/source.hpp"
#include "pdf/flate.hpp"
#include "font/subset.hpp"
#include "pdf/tounicode.hpp"

using namespace PoDoFo;

namespace nb::pdf {

namespace {

// Six capital letters from a hash of the face and its glyph set.
std::string subset_tag(const FontUse& use) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
  for (char c : use.face->ps_name()) mix(static_cast<unsigned char>(c));
  for (uint32_t g : use.gids) mix(g);
  std::string tag;
  for (int i = 0; i < 6; ++i) { tag += static_cast<char>('A' + h % 26); h /= 26; }
  return tag;
}

// The text a glyph stands for, as ToUnicode may hold it (PDF/A-2u: never empty,
// never U+0000, U+FEFF or U+FFFE). Without text from the typesetter (the second
// glyph of a cluster, say), a character the font maps to the glyph, else U+FFFD.
class GlyphText {
 public:
  explicit GlyphText(const FontUse& use) : use_(use) {}

  std::u32string operator()(uint32_t gid) {
    std::u32string t;
    if (auto it = use_.gid_text.find(gid); it != use_.gid_text.end())
      for (char32_t c : it->second)
        if (c != 0 && c != 0xFEFF && c != 0xFFFE && c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF)) t += c;
    if (t.empty()) t = std::u32string(1, from_cmap(gid));
    return t;
  }

 private:
  char32_t from_cmap(uint32_t gid) {
    if (!built_) {
      built_ = true;
      auto lock = use_.face->lock_ft();
      FT_Face ft = use_.face->ft();
      FT_UInt g = 0;
      for (FT_ULong c = ft ? FT_Get_First_Char(ft, &g) : 0; g != 0; c = FT_Get_Next_Char(ft, c, &g))
        if (c != 0 && c != 0xFEFF && c != 0xFFFE) reverse_.try_emplace(g, static_cast<char32_t>(c));
    }
    auto it = reverse_.find(gid);
    return it != reverse_.end() ? it->second : 0xFFFD;
  }

  const FontUse& use_;
  std::map<uint32_t, char32_t> reverse_;
  bool built_ = false;
};

PdfVariant num(int64_t v) { return PdfVariant(static_cast<pdf_int64>(v)); }

// One bit per CID, CID 0 in the high bit of the first byte.
std::string cid_set_bits(const std::set<uint32_t>& codes) {
  std::string bits(codes.empty() ? 1 : *codes.rbegin() / 8 + 1, '\0');
  for (uint32_t c : codes) bits[c / 8] = static_cast<char>(bits[c / 8] | (0x80 >> (c % 8)));
  return bits;
}

}  // namespace

PreparedFont prepare_font(const FontUse& use, bool cid_set, ProgramCache* cache) {
  const font::Face& face = *use.face;
  PreparedFont f;
  f.use = &use;
  f.program = cache ? cache->get(face, use.gids) : make_program(face, use.gids);
  if (cid_set) f.cid_set = deflate(cid_set_bits(f.program->codes));
  const double k = 1000.0 / face.upem();
  std::map<uint32_t, std::u32string> code_text;
  GlyphText text(use);
  for (uint32_t g : use.gids) {
    uint32_t code = face.code_for(g);
    f.widths[code] = std::lround(face.advance_units(g) * k);
    code_text[code] = text(g);
  }
  f.to_unicode = deflate(to_unicode_cmap(code_text));
  return f;
}

PdfObject* embed_font(PdfVecObjects& objs, const PreparedFont& f) {
  const FontUse& use = *f.use;
  const font::Face& face = *use.face;
  std::string base = subset_tag(use) + "+" + face.ps_name();
  const double k = 1000.0 / face.upem();
  auto em = [&](long v) { return num(static_cast<int64_t>(std::lround(v * k))); };

  PdfObject* file = objs.CreateObject();
  if (face.is_cff()) file->GetDictionary().AddKey(PdfName::KeySubtype, PdfName("CIDFontType0C"));
  else file->GetDictionary().AddKey("Length1", num(static_cast<int64_t>(f.program->size)));
  set_deflated(file, f.program->deflated);

  PdfObject* desc = objs.CreateObject("FontDescriptor");
  PdfDictionary& dd = desc->GetDictionary();
  dd.AddKey("FontName", PdfName(base));
  dd.AddKey("Flags", num(4));
  PdfArray bbox;
  bbox.push_back(em(face.x_min()));
  bbox.push_back(em(face.y_min()));
  bbox.push_back(em(face.x_max()));
  bbox.push_back(em(face.y_max()));
  dd.AddKey("FontBBox", bbox);
  dd.AddKey("ItalicAngle", num(0));
  dd.AddKey("Ascent", em(face.ascender()));
  dd.AddKey("Descent", em(face.descender()));
  dd.AddKey("CapHeight", em(face.ascender()));
  dd.AddKey("StemV", num(80));
  dd.AddKey(face.is_cff() ? "FontFile3" : "FontFile2", file->Reference());
  if (!f.cid_set.empty()) {
    PdfObject* set = objs.CreateObject();
    set_deflated(set, f.cid_set);
    dd.AddKey("CIDSet", set->Reference());
  }

  // Widths in runs of consecutive codes.
  PdfArray w;
  for (auto it = f.widths.begin(); it != f.widths.end();) {
    PdfArray run;
    uint32_t first = it->first, next = first;
    while (it != f.widths.end() && it->first == next) { run.push_back(num(it->second)); ++next; ++it; }
    w.push_back(num(first));
    w.push_back(run);
  }

  PdfObject* cid = objs.CreateObject("Font");
  PdfDictionary& cd = cid->GetDictionary();
  cd.AddKey(PdfName::KeySubtype, PdfName(face.is_cff() ? "CIDFontType0" : "CIDFontType2"));
  cd.AddKey("BaseFont", PdfName(base));
  PdfDictionary csi;
  csi.AddKey("Registry", PdfString("Adobe"));
  csi.AddKey("Ordering", PdfString("Identity"));
  csi.AddKey("Supplement", num(0));
  cd.AddKey("CIDSystemInfo", csi);
  cd.AddKey("FontDescriptor", desc->Reference());
  cd.AddKey("DW", num(1000));
  cd.AddKey("W", w);
  if (!face.is_cff()) cd.AddKey("CIDToGIDMap", PdfName("Identity"));

  PdfObject* tu = objs.CreateObject();
  set_deflated(tu, f.to_unicode);

  PdfObject* t0 = objs.CreateObject("Font");
  PdfDictionary& td = t0->GetDictionary();
  td.AddKey(PdfName::KeySubtype, PdfName("Type0"));
  td.AddKey("BaseFont", PdfName(base));
  td.AddKey("Encoding", PdfName("Identity-H"));
  PdfArray descendants;
  descendants.push_back(cid->Reference());
  td.AddKey("DescendantFonts", descendants);
  td.AddKey("ToUnicode", tu->Reference());
  return t0;
}

}  // namespace nb::pdf
