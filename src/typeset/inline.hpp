// Inline layout internals: shaped atoms (the unbreakable pieces of a line),
// break opportunities, and lines.
#pragma once
#include <string>
#include <vector>

#include "typeset/page.hpp"

namespace nb::typeset {

enum class CharClass { Ideo, Open, Close, Word, Space };

struct ShapedGlyph {
  uint32_t gid;
  double dx;  // offset from the atom's left edge, points
};

// One character (or ligature cluster) as set: its glyphs, its width on the line.
struct Atom {
  const Face* face = nullptr;
  double size = 0;
  double embolden = 0;
  double width = 0;
  CharClass cls = CharClass::Ideo;
  char32_t ch = 0;
  std::vector<ShapedGlyph> glyphs;
  bool break_before = true;  // a line may start with this atom
};

struct Line {
  std::vector<Atom> atoms;
  std::vector<double> x;  // left edge of each atom, relative to the line start
  double indent = 0;
  double natural = 0;
};

struct InlineStyle {
  double grid = 0;           // width of a character cell for full-width glyphs (0: the em)
  double first_indent = 0;   // points
  bool justify = true;
};

// Shapes runs with their role's font chain; characters found in no font are
// reported and left out.
std::vector<Atom> shape_runs(const std::vector<compose::Run>& runs, const std::map<std::string, RoleFonts>& roles,
                             double body_grid, double body_size, Result& out, Diagnostics& diags);

CharClass classify(char32_t c);

// Breaks atoms into lines of `width` points and positions every atom.
std::vector<Line> break_lines(const std::vector<Atom>& atoms, double width, const InlineStyle& style);

// The same number of lines as break_lines, each as nearly equal in length as the
// break opportunities allow (for centred titles).
std::vector<Line> balanced_lines(const std::vector<Atom>& atoms, double width, const InlineStyle& style);

// Emits the glyphs of a line at (left, baseline) into page runs.
void emit_line(const Line& line, double left, double baseline, Page& page);

}  // namespace nb::typeset
