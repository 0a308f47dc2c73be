// Inline layout: runs -> shaped atoms (shape.cpp) -> classes, widths and break
// opportunities (prepare.cpp) -> line ranges and set, justified lines
// (linebreak.cpp). Rules from W3C clreq (GB style) and GB/T 15834.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "typeset/page.hpp"
#include "typeset/role_fonts.hpp"

namespace nb::typeset {

// Line-breaking classes: a subset of UAX #14 with clreq's Chinese overrides
// (“ ‘ open, ” ’ close).
enum class CharClass {
  Ideo,    // ID: Han, kana, full-width symbols
  Open,    // OP, PR: opening brackets and quotes, currency prefixes
  Close,   // CL, CP, NS, EX, IS, PO: closing marks, stops, postfix symbols
  Word,    // AL, NU: Latin letters, digits and the marks that stay inside numbers
  Space,   // SP
};

// Where a full-width mark's glyph sits in its em box (GB style).
enum class Punct {
  None,
  Left,      // ，。、：；！？）》」』】〕〗〉”’ — blank right half
  Right,     // （《「『【〔〖〈“‘ — blank left half
  Middle,    // · ・ — half an em, centred
  Dash,      // — (two make the unbreakable ——)
  Ellipsis,  // … (two make ……)
};

struct ShapedGlyph {
  uint32_t gid;
  double dx;  // offset from the atom's left edge, points
};

// The glyphs of an atom: inline for the usual one or two (atoms are copied into
// lines and from lines into pages; a heap block per atom was a third of the
// typesetting time), on the heap beyond.
class AtomGlyphs {
 public:
  void push_back(const ShapedGlyph& g) {
    if (n_ < kInline) {
      inline_[n_] = g;
    } else {
      if (n_ == kInline) more_.assign(inline_, inline_ + kInline);
      more_.push_back(g);
    }
    ++n_;
  }
  ShapedGlyph* begin() { return n_ > kInline ? more_.data() : inline_; }
  ShapedGlyph* end() { return begin() + n_; }
  const ShapedGlyph* begin() const { return n_ > kInline ? more_.data() : inline_; }
  const ShapedGlyph* end() const { return begin() + n_; }
  bool empty() const { return n_ == 0; }
  size_t size() const { return n_; }

 private:
  static constexpr size_t kInline = 2;
  ShapedGlyph inline_[kInline];
  size_t n_ = 0;
  std::vector<ShapedGlyph> more_;
};

// One character (or ligature cluster) as set.
struct Atom {
  const font::Face* face = nullptr;
  double size = 0;
  double embolden = 0;
  double advance = 0;  // sum of the glyphs' advances from the font
  double em = 0;       // the character cell: the grid pitch for body text, else the size
  double width = 0;    // box width on the line before compression
  CharClass cls = CharClass::Ideo;
  Punct punct = Punct::None;
  char32_t ch = 0;
  uint32_t index = 0;  // position of ch in the paragraph text
  AtomGlyphs glyphs;
  bool break_before = true;    // a line may break before this atom
  bool stretch_before = true;  // justification may add space before this atom
  double space_before = 0;     // Han–Latin space before this atom (dropped at line start)
};

struct Line {
  std::vector<Atom> atoms;
  std::vector<double> x;  // left edge of each atom's box, relative to the line start
  std::vector<double> w;  // box width of each atom after compression
  double indent = 0;
  double natural = 0;     // width of the set line (without justification)
  bool last = false;      // the paragraph's last line
};

struct InlineStyle {
  double first_indent = 0;  // points
  bool justify = true;
  double cjk_latin_space = 0.25;                // em
  std::vector<std::u32string> keep_together;    // phrases never broken inside
  bool words_only = false;  // Han text breaks only between words (a dictionary's; 7 ms to load: titles only)
};

// Short runs already shaped for one document (one Result): the cells of tables
// that hold the same figure or label, page numbers. Prose is shaped once anyway,
// and keeping its atoms cost more memory (page faults) than it saved. Holds only
// runs all of whose characters were found, so that every missing one is still
// reported where it is.
class ShapeCache {
 public:
  static constexpr size_t kLongest = 64;  // key characters: role and text of a cell
  const std::vector<Atom>* find(const std::u32string& key) const;
  void keep(std::u32string key, const std::vector<Atom>& atoms);
  static std::u32string key(const std::vector<compose::Run>& runs, double body_grid, double body_size);

 private:
  std::unordered_map<std::u32string, std::vector<Atom>> kept_;
};

// Shapes runs with their role's font chain; characters found in no font are
// reported and left out. Full-width characters of the body size get the grid
// pitch as their cell. With a cache, runs shaped before are not shaped again.
std::vector<Atom> shape_runs(const std::vector<compose::Run>& runs, const Roles& roles,
                             double body_grid, double body_size, Result& out, Diagnostics& diags,
                             ShapeCache* cache = nullptr);

CharClass classify(char32_t c);
Punct punct_kind(char32_t c);

// Sets classes, normalised widths, break and stretch opportunities and Han–Latin
// spaces on shaped atoms.
void prepare(std::vector<Atom>& atoms, const InlineStyle& style);

// Line ranges [begin, end) of atoms for lines of `width` points (first line
// narrower by the indent): first fit, pushing a prohibited mark in by compressing
// punctuation before pushing the last character out.
std::vector<std::pair<size_t, size_t>> break_ranges(const std::vector<Atom>& atoms, double width,
                                                    const InlineStyle& style);

// Sets one line: adjacent-mark compression, line-end trimming, Han–Latin spaces,
// then compression or justification to `width`.
Line set_line(const std::vector<Atom>& atoms, size_t begin, size_t end, double width, bool last,
              const InlineStyle& style);

// Width of the widest run of atoms with no break opportunity inside (after prepare).
double widest_unbreakable(const std::vector<Atom>& prepared);

// prepare + break_ranges + set_line.
std::vector<Line> break_lines(std::vector<Atom> atoms, double width, const InlineStyle& style);

// The same number of lines as break_lines, as nearly equal in length as the
// break opportunities allow (for centred titles).
std::vector<Line> balanced_lines(std::vector<Atom> atoms, double width, const InlineStyle& style);

// The same number of lines as break_lines (or one more when that is the only
// way), breaking only where allowed, in a 梯形 (GB/T 9704 §7.3.3): each line no
// longer than the one above, as nearly equal as the breaks allow; balanced_lines
// when no break gives that shape. For titles.
std::vector<Line> trapezoid_lines(std::vector<Atom> atoms, double width, const InlineStyle& style);

// Emits the glyphs of a line at (left, baseline) into page runs.
// Glyph runs of `element`, or per character of the paragraph's text (an atom's
// index) of `per_char` when given (a paragraph with bold spans).
void emit_line(const Line& line, double left, double baseline, Page& page, int element = -1,
               const std::vector<int>* per_char = nullptr);

}  // namespace nb::typeset
