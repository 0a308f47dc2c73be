#include "pdf/font_embed.hpp"

#include <cmath>

#include "core/source.hpp"
#include "pdf/flate.hpp"
#include "pdf/font_subset.hpp"
#include "pdf/tounicode.hpp"

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

// One bit per CID, CID 0 in the high bit of the first byte.
std::string cid_set_bits(const std::set<uint32_t>& codes) {
  std::string bits(codes.empty() ? 1 : *codes.rbegin() / 8 + 1, '\0');
  for (uint32_t c : codes) bits[c / 8] = static_cast<char>(bits[c / 8] | (0x80 >> (c % 8)));
  return bits;
}

}  // namespace

PreparedFont prepare_font(const FontUse& use, bool cid_set, ProgramCache* cache) {
  const typeset::Face& face = *use.face;
  PreparedFont f;
  f.use = &use;
  f.program = cache ? cache->get(face, use.gids) : make_program(face, use.gids);
  if (cid_set) f.cid_set = deflate(cid_set_bits(f.program->codes));
  const double k = 1000.0 / face.upem();
  std::map<uint32_t, std::u32string> code_text;
  GlyphText text(use);
  for (uint32_t g : use.gids) {
    uint32_t code = content_code(face, g);
    f.widths[code] = std::lround(face.advance_units(g) * k);
    code_text[code] = text(g);
  }
  f.to_unicode = deflate(to_unicode_cmap(code_text));
  return f;
}

Ref embed_font(File& file, const PreparedFont& f) {
  const FontUse& use = *f.use;
  const typeset::Face& face = *use.face;
  const std::string base = subset_tag(use) + "+" + face.ps_name();
  const double k = 1000.0 / face.upem();
  auto em = [&](long v) { return static_cast<int64_t>(std::lround(v * k)); };

  Dict program;
  if (face.is_cff()) program.set("Subtype", name("CIDFontType0C"));
  else program.set("Length1", static_cast<int64_t>(f.program->size));
  Ref program_ref = add_deflated(file, std::move(program), f.program->deflated);

  Dict desc;
  desc.set("Type", name("FontDescriptor"))
      .set("FontName", name(base))
      .set("Flags", 4)
      .set("FontBBox", Array{em(face.x_min()), em(face.y_min()), em(face.x_max()), em(face.y_max())})
      .set("ItalicAngle", 0)
      .set("Ascent", em(face.ascender()))
      .set("Descent", em(face.descender()))
      .set("CapHeight", em(face.ascender()))
      .set("StemV", 80)
      .set(face.is_cff() ? "FontFile3" : "FontFile2", program_ref);
  Ref desc_ref = file.add(std::move(desc));
  if (!f.cid_set.empty()) file.dict(desc_ref).set("CIDSet", add_deflated(file, Dict(), f.cid_set));

  // Widths in runs of consecutive codes.
  Array w;
  for (auto it = f.widths.begin(); it != f.widths.end();) {
    Array run;
    int64_t first = it->first, next = first;
    while (it != f.widths.end() && it->first == next) { run.push_back(it->second); ++next; ++it; }
    w.push_back(first);
    w.push_back(std::move(run));
  }
  Dict cid;
  cid.set("Type", name("Font"))
      .set("Subtype", name(face.is_cff() ? "CIDFontType0" : "CIDFontType2"))
      .set("BaseFont", name(base))
      .set("CIDSystemInfo", Dict().set("Registry", ascii("Adobe")).set("Ordering", ascii("Identity")).set("Supplement", 0))
      .set("FontDescriptor", desc_ref)
      .set("DW", 1000)
      .set("W", std::move(w));
  if (!face.is_cff()) cid.set("CIDToGIDMap", name("Identity"));
  Ref cid_ref = file.add(std::move(cid));

  Ref to_unicode = add_deflated(file, Dict(), f.to_unicode);

  Dict t0;
  t0.set("Type", name("Font"))
      .set("Subtype", name("Type0"))
      .set("BaseFont", name(base))
      .set("Encoding", name("Identity-H"))
      .set("DescendantFonts", Array{cid_ref})
      .set("ToUnicode", to_unicode);
  return file.add(std::move(t0));
}

}  // namespace nb::pdf
