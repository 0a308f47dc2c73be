#include "pdf/font_embed.hpp"

#include <hb-subset.h>
#include FT_CID_H

#include "core/source.hpp"
#include "pdf/tounicode.hpp"

using namespace PoDoFo;

namespace nb::pdf {

namespace {

bool cid_keyed(const typeset::Face& face) {
  FT_Bool is_cid = 0;
  return face.is_cff() && FT_Get_CID_Is_Internally_CID_Keyed(face.ft(), &is_cid) == 0 && is_cid;
}

// The font program: the bare CFF table of a CID-keyed font (original CIDs kept),
// otherwise the whole subset sfnt with glyph ids retained.
std::string subset(const FontUse& use, bool& bare_cff) {
  const typeset::Face& face = *use.face;
  hb_subset_input_t* in = hb_subset_input_create_or_fail();
  if (!in) throw EnvironmentError{"内存不足：无法子集化字体"};
  hb_set_t* glyphs = hb_subset_input_glyph_set(in);
  hb_set_add(glyphs, 0);
  for (uint32_t g : use.gids) hb_set_add(glyphs, g);
  hb_set_t* drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* t : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx", "DSIG", "kern", "MATH"})
    hb_set_add(drop, hb_tag_from_string(t, 4));
  bare_cff = cid_keyed(face);
  hb_subset_input_set_flags(in, bare_cff ? HB_SUBSET_FLAGS_DEFAULT : HB_SUBSET_FLAGS_RETAIN_GIDS);
  hb_face_t* sub = hb_subset_or_fail(face.hb_face(), in);
  hb_subset_input_destroy(in);
  if (!sub) throw EnvironmentError{face.path() + ": 无法子集化此字体（HarfBuzz hb-subset 失败）"};
  hb_blob_t* blob = bare_cff ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' ')) : hb_face_reference_blob(sub);
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob, &len);
  std::string out(data, len);
  hb_blob_destroy(blob);
  hb_face_destroy(sub);
  return out;
}

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

PdfVariant num(int64_t v) { return PdfVariant(static_cast<pdf_int64>(v)); }

}  // namespace

uint32_t content_code(const typeset::Face& face, uint32_t gid) {
  return cid_keyed(face) ? face.code_for(gid) : gid;
}

PdfObject* embed_font(PdfVecObjects& objs, const FontUse& use) {
  const typeset::Face& face = *use.face;
  bool bare_cff = false;
  std::string program = subset(use, bare_cff);
  std::string base = subset_tag(use) + "+" + face.ps_name();
  const double k = 1000.0 / face.upem();
  auto em = [&](long v) { return num(static_cast<int64_t>(std::lround(v * k))); };

  PdfObject* file = objs.CreateObject();
  if (bare_cff) file->GetDictionary().AddKey(PdfName::KeySubtype, PdfName("CIDFontType0C"));
  else if (face.is_cff()) file->GetDictionary().AddKey(PdfName::KeySubtype, PdfName("OpenType"));
  else file->GetDictionary().AddKey("Length1", num(static_cast<int64_t>(program.size())));
  file->GetStream()->Set(program.data(), program.size());

  FT_Face ft = face.ft();
  PdfObject* desc = objs.CreateObject("FontDescriptor");
  PdfDictionary& dd = desc->GetDictionary();
  dd.AddKey("FontName", PdfName(base));
  dd.AddKey("Flags", num(4));
  PdfArray bbox;
  bbox.push_back(em(ft->bbox.xMin));
  bbox.push_back(em(ft->bbox.yMin));
  bbox.push_back(em(ft->bbox.xMax));
  bbox.push_back(em(ft->bbox.yMax));
  dd.AddKey("FontBBox", bbox);
  dd.AddKey("ItalicAngle", num(0));
  dd.AddKey("Ascent", em(ft->ascender));
  dd.AddKey("Descent", em(ft->descender));
  dd.AddKey("CapHeight", em(ft->ascender));
  dd.AddKey("StemV", num(80));
  dd.AddKey(face.is_cff() ? "FontFile3" : "FontFile2", file->Reference());

  // Widths by content code, in runs of consecutive codes.
  std::map<uint32_t, int64_t> widths;
  std::map<uint32_t, std::u32string> code_text;
  for (uint32_t g : use.gids) {
    uint32_t code = content_code(face, g);
    widths[code] = std::lround(face.advance_units(g) * k);
    auto it = use.gid_text.find(g);
    if (it != use.gid_text.end()) code_text[code] = it->second;
  }
  PdfArray w;
  for (auto it = widths.begin(); it != widths.end();) {
    PdfArray run;
    uint32_t first = it->first, next = first;
    while (it != widths.end() && it->first == next) { run.push_back(num(it->second)); ++next; ++it; }
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
  std::string cmap = to_unicode_cmap(code_text);
  tu->GetStream()->Set(cmap.data(), cmap.size());

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
