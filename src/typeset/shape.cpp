// Shaping: runs -> atoms. Each character takes the first font of its role's chain
// that has it (same size, same baseline); HarfBuzz shapes each same-font segment.
#include <cmath>
#include <cstring>

#include "core/utf8.hpp"
#include "font/fallback.hpp"
#include "typeset/inline.hpp"

namespace nb::typeset {

namespace {

struct Missing {
  Loc first;
  size_t count = 0;
  std::string role;  // named in the message
};

}  // namespace

const std::vector<Atom>* ShapeCache::find(const std::u32string& key) const {
  auto it = kept_.find(key);
  return it == kept_.end() ? nullptr : &it->second;
}

void ShapeCache::keep(std::u32string key, const std::vector<Atom>& atoms) { kept_.emplace(std::move(key), atoms); }

std::u32string ShapeCache::key(const std::vector<compose::Run>& runs, double body_grid, double body_size) {
  std::u32string k;
  for (double d : {body_grid, body_size}) {  // the bits of both, then each run's role and text
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    k += static_cast<char32_t>(bits >> 32);
    k += static_cast<char32_t>(bits & 0xFFFFFFFF);
  }
  for (const auto& run : runs) {
    k += 0x110000 + static_cast<char32_t>(run.role);  // above every code point: a run starts here
    k += run.text;
  }
  return k;
}

std::vector<Atom> shape_runs(const std::vector<compose::Run>& runs, const Roles& roles,
                             double body_grid, double body_size, Result& out, Diagnostics& diags, ShapeCache* cache) {
  std::u32string key;
  if (cache) {
    key = ShapeCache::key(runs, body_grid, body_size);
    if (key.size() > ShapeCache::kLongest) cache = nullptr;  // prose: said once
    else if (const auto* atoms = cache->find(key)) return *atoms;
  }
  std::vector<Atom> atoms;
  std::map<char32_t, Missing> missing;
  hb_buffer_t* buf = hb_buffer_create();
  hb_language_t lang = hb_language_from_string("zh-Hans", -1);
  uint32_t offset = 0;  // of the run in the paragraph text
  for (const auto& run : runs) {
    const RoleFonts& rf = roles.at(run.role);
    const double size = rf.style->size;
    const double embolden = rf.style->embolden * size;
    const double cell = (body_grid > 0 && std::fabs(size - body_size) < 1e-6) ? body_grid : size;
    const std::u32string& text = run.text;
    // Pick a face per character.
    std::vector<int> face_of(text.size(), -1);
    for (size_t i = 0; i < text.size(); ++i) {
      face_of[i] = font::pick(rf.chain, text[i]);
      if (face_of[i] < 0) {
        auto& m = missing[text[i]];
        if (m.count++ == 0) { m.first = run.locate(i); m.role = layout::role_named(run.role, *rf.style); }
      }
    }
    for (size_t b = 0; b < text.size();) {
      size_t e = b + 1;
      while (e < text.size() && face_of[e] == face_of[b]) ++e;
      if (face_of[b] < 0) { b = e; continue; }
      const font::Face* face = rf.chain[face_of[b]];
      hb_buffer_clear_contents(buf);
      hb_buffer_add_utf32(buf, reinterpret_cast<const uint32_t*>(text.data()), static_cast<int>(text.size()),
                          static_cast<unsigned>(b), static_cast<int>(e - b));
      hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
      hb_buffer_guess_segment_properties(buf);
      hb_buffer_set_language(buf, lang);
      hb_shape(face->hb_font(), buf, nullptr, 0);
      unsigned n = 0;
      hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
      hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
      const double scale = size / face->upem();
      auto& texts = out.glyph_text[face];
      for (unsigned g = 0; g < n;) {
        unsigned cluster = info[g].cluster;
        unsigned h = g;
        while (h < n && info[h].cluster == cluster) ++h;
        size_t cluster_end = h < n ? info[h].cluster : e;
        Atom a;
        a.face = face;
        a.size = size;
        a.embolden = embolden;
        a.ch = text[cluster];
        a.index = offset + cluster;
        a.em = cell;
        double x = 0;
        for (unsigned k = g; k < h; ++k) {
          a.glyphs.push_back({info[k].codepoint, x + pos[k].x_offset * scale});
          x += pos[k].x_advance * scale;
          // The cluster's characters one per glyph, the rest with the last glyph
          // (a ligature takes them all); glyphs beyond them get none here.
          const size_t i = k - g, m = cluster_end - cluster;
          if (i < m) {
            auto& t = texts[info[k].codepoint];
            if (t.empty()) t = text.substr(cluster + i, k + 1 == h ? m - i : 1);
          }
        }
        a.advance = a.width = x;
        atoms.push_back(std::move(a));
        g = h;
      }
      b = e;
    }
    offset += static_cast<uint32_t>(text.size());
  }
  hb_buffer_destroy(buf);
  if (cache && missing.empty()) cache->keep(std::move(key), atoms);
  hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
  for (const auto& [c, m] : missing) {
    std::string ch;
    append_utf8(ch, c);
    const std::string times = m.count > 1 ? "（此段中共 " + std::to_string(m.count) + " 处，这是第一处）" : "";
    if (hb_unicode_general_category(unicode, c) == HB_UNICODE_GENERAL_CATEGORY_UNASSIGNED) {
      diags.error(m.first, "码位 " + codepoint_name(c) + " 在 Unicode 中尚未分配字符" + times +
                               "：它不表示任何字，请删除它或改用规范字符");
      continue;
    }
    diags.error(m.first, "字符“" + ch + "”（" + codepoint_name(c) + "）在字体角色 " + m.role + (m.role.ends_with("）") ? "" : " ") + "的所有字体中都没有" +
                             times + "：请改用规范字符，或在 fonts/ 中放入含有此字的字体并在 [fonts] 中选用");
  }
  return atoms;
}

}  // namespace nb::typeset
