// The typesetter's output: pages of positioned glyphs and rules, in points with
// the origin at the top-left corner of the page and y growing downwards.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "compose/document.hpp"
#include "core/source.hpp"
#include "font/fallback.hpp"

namespace nb::typeset {

struct PlacedGlyph {
  uint32_t gid = 0;
  double x = 0;  // left edge of the glyph origin
};

struct GlyphRun {
  const font::Face* face = nullptr;
  double size = 0;      // points
  double y = 0;         // baseline
  double embolden = 0;  // stroke width in points, 0 = none
  std::vector<PlacedGlyph> glyphs;
};

struct Rule {
  double x0, y0, x1, y1, width;
};

struct Page {
  std::vector<GlyphRun> runs;
  std::vector<Rule> rules;
};

struct Bookmark {
  int level = 1;
  std::u32string title;
  int page = 0;
  double y = 0;  // top of the heading line
};

struct Result {
  double width = 0, height = 0;
  std::vector<Page> pages;
  std::vector<Bookmark> bookmarks;
  // The text each glyph stands for, per face (for ToUnicode): a cluster's characters
  // one per glyph, the rest with its last glyph. A glyph may have none (the extra
  // glyphs of a character the font draws with several).
  std::map<const font::Face*, std::map<uint32_t, std::u32string>> glyph_text;
};

// Resolves every role of the layout (plus the report's font choices) to a chain of faces.
// Throws EnvironmentError when a font file is missing or unusable.
struct RoleFonts {
  font::Chain chain;
  const layout::Role* role = nullptr;
};
std::map<std::string, RoleFonts> resolve_roles(const layout::Layout& layout, const input::Report* report,
                                               font::FontLibrary& fonts);

// Lays the document out. Characters no font has are reported as located errors.
Result typeset(const compose::Document& doc, font::FontLibrary& fonts, Diagnostics& diags);

}  // namespace nb::typeset
