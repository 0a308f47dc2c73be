#include "font/subset.hpp"

#include <hb-subset.h>

#include "core/source.hpp"

namespace nb::font {

namespace {

// The tables a bare CFF program is cut from. Without cmap, GSUB or hmtx HarfBuzz
// plans the subset without walking the font's cmap of 40,000 characters and
// their variation sequences (4 ms a Noto CJK face), and the program holds only
// the glyphs the document shows, not also the variants of their characters.
constexpr const char* kCffTables[] = {"CFF ", "maxp", "head"};
constexpr const char* kDropped[] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx", "DSIG", "kern", "MATH"};
// Charstrings with their subroutines inlined: faster to cut and, once compressed,
// smaller than a program with the subroutines subset (measured on Noto CJK from
// 20 to 6,000 glyphs). Outlines and hints are the same.
constexpr unsigned kFlags = HB_SUBSET_FLAGS_DESUBROUTINIZE;
constexpr unsigned kNameKeyedFlags = kFlags | HB_SUBSET_FLAGS_RETAIN_GIDS;

hb_blob_t* cff_tables(hb_face_t*, hb_tag_t tag, void* source) {
  for (const char* kept : kCffTables)
    if (tag == hb_tag_from_string(kept, 4)) return hb_face_reference_table(static_cast<hb_face_t*>(source), tag);
  return nullptr;
}

}  // namespace

FontProgram subset_font(const Face& face, const std::set<uint32_t>& gids) {
  hb_subset_input_t* in = hb_subset_input_create_or_fail();
  if (!in) throw EnvironmentError{"内存不足：无法子集化字体"};
  hb_set_t* glyphs = hb_subset_input_glyph_set(in);
  hb_set_add(glyphs, 0);
  for (uint32_t g : gids) hb_set_add(glyphs, g);
  hb_set_t* drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* t : kDropped) hb_set_add(drop, hb_tag_from_string(t, 4));
  hb_subset_input_set_flags(in, face.is_cid_keyed() ? kFlags : kNameKeyedFlags);
  hb_face_t* source = face.is_cff() ? hb_face_create_for_tables(cff_tables, face.hb_face(), nullptr) : hb_face_reference(face.hb_face());
  hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(source, in);
  hb_face_destroy(source);
  hb_face_t* sub = plan ? hb_subset_plan_execute_or_fail(plan) : nullptr;
  hb_subset_input_destroy(in);
  if (!sub) {
    if (plan) hb_subset_plan_destroy(plan);
    throw EnvironmentError{face.path() + ": 无法子集化此字体（HarfBuzz hb-subset 失败）：请换用其他字体文件"};
  }
  FontProgram p;
  const hb_map_t* new_to_old = hb_subset_plan_new_to_old_glyph_mapping(plan);
  const unsigned count = hb_face_get_glyph_count(sub);
  for (unsigned g = 0; g < count; ++g) {
    hb_codepoint_t old = hb_map_get(new_to_old, g);
    if (old != HB_MAP_VALUE_INVALID) p.codes.insert(face.code_for(old));
  }
  hb_blob_t* blob = face.is_cff() ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' ')) : hb_face_reference_blob(sub);
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob, &len);
  p.bytes.assign(data, len);
  hb_blob_destroy(blob);
  hb_face_destroy(sub);
  hb_subset_plan_destroy(plan);
  if (p.bytes.empty())
    throw EnvironmentError{face.path() + ": 子集化后的字体程序为空（HarfBuzz hb-subset）：请换用其他字体文件"};
  return p;
}

std::string subset_recipe() {
  std::string r = std::string("hb-subset ") + hb_version_string() + " flags " + std::to_string(kFlags) + "/" +
                  std::to_string(kNameKeyedFlags) + " cff";
  for (const char* t : kCffTables) r += std::string(" ") + t;
  r += " drop";
  for (const char* t : kDropped) r += std::string(" ") + t;
  return r;
}

}  // namespace nb::font
