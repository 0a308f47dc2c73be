// The typesetter's output: pages of positioned glyphs and rules, in points with
// the origin at the top-left corner of the page and y growing downwards.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "font/face.hpp"

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
  int element = -1;     // the structure element whose content it is; -1: an artifact
};

// The document's logical structure, for tagged PDF (PDF/UA-1, PDF/A-2a): a tree of
// elements in the order they are read. Each glyph run names its element, or none
// (an artifact: a page number, a header or label repeated on a continuation
// page); rules are artifacts.
enum class Tag { Document, H1, H2, H3, H4, H5, H6, P, Span, Table, THead, TBody, TR, TH, TD, Div };
enum class Scope { None, Row, Column };

struct Element {
  Tag tag = Tag::P;
  int parent = -1;               // -1: the root
  int rowspan = 1, colspan = 1;  // TH, TD
  Scope scope = Scope::None;     // TH
  std::vector<int> headers;      // TD: the TH elements heading it
  std::string lang;              // a Span in another language than the document's ("en")
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
  std::vector<Element> elements;  // [0]: the Document
  // The text each glyph stands for, per face (for ToUnicode): a cluster's characters
  // one per glyph, the rest with its last glyph. A glyph may have none (the extra
  // glyphs of a character the font draws with several).
  std::map<const font::Face*, std::map<uint32_t, std::u32string>> glyph_text;
};

}  // namespace nb::typeset
