// Line breaking: first fit with the GB-style line-start and line-end prohibitions
// (a prohibited break pushes the last character down), then justification that
// spreads the slack evenly over the breakable gaps.
#include <cmath>

#include "typeset/inline.hpp"

namespace nb::typeset {

namespace {

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// May a line break fall between atoms a and b?
bool can_break(const Atom& a, const Atom& b) {
  if (b.cls == CharClass::Close || b.cls == CharClass::Space) return false;
  if (a.cls == CharClass::Open) return false;
  if (a.cls == CharClass::Space) return true;
  if (a.cls == CharClass::Word && b.cls == CharClass::Word) return false;
  if (a.ch == b.ch && (a.ch == U'—' || a.ch == U'…')) return false;
  if (is_digit(a.ch) && b.cls == CharClass::Ideo) return false;  // 2020年, 12件
  return true;
}

// May extra space go between atoms a and b when justifying?
bool can_stretch(const Atom& a, const Atom& b) {
  if (a.cls == CharClass::Word && b.cls == CharClass::Word) return false;
  if (a.ch == b.ch && (a.ch == U'—' || a.ch == U'…')) return false;
  return true;
}

}  // namespace

std::vector<Line> break_lines(const std::vector<Atom>& atoms, double width, const InlineStyle& style) {
  std::vector<Line> lines;
  const size_t n = atoms.size();
  size_t start = 0;
  while (start < n) {
    while (start < n && atoms[start].cls == CharClass::Space) ++start;
    if (start == n) break;
    const double indent = lines.empty() ? style.first_indent : 0;
    const double avail = width - indent;
    double x = 0;
    size_t i = start, last_ok = start;
    while (i < n) {
      if (i > start && can_break(atoms[i - 1], atoms[i])) last_ok = i;
      if (atoms[i].cls != CharClass::Space && x + atoms[i].width > avail + 1e-6) break;
      x += atoms[i].width;
      ++i;
    }
    size_t end;
    if (i == n) end = n;
    else if (last_ok > start) end = last_ok;  // at i itself when a break is allowed there
    else end = std::max(i, start + 1);        // nothing allowed: force
    Line line;
    line.indent = indent;
    size_t last = end;
    while (last > start && atoms[last - 1].cls == CharClass::Space) --last;  // spaces hang
    line.atoms.assign(atoms.begin() + start, atoms.begin() + last);
    double pos = 0;
    for (const auto& a : line.atoms) { line.x.push_back(pos); pos += a.width; }
    line.natural = pos;
    if (style.justify && end < n && line.atoms.size() > 1) {
      std::vector<size_t> gaps;
      for (size_t k = 1; k < line.atoms.size(); ++k)
        if (can_stretch(line.atoms[k - 1], line.atoms[k])) gaps.push_back(k);
      const double slack = avail - pos;
      if (!gaps.empty() && slack > 0) {
        const double each = slack / gaps.size();
        size_t g = 0;
        double shift = 0;
        for (size_t k = 1; k < line.atoms.size(); ++k) {
          if (g < gaps.size() && gaps[g] == k) { shift += each; ++g; }
          line.x[k] += shift;
        }
      }
    }
    lines.push_back(std::move(line));
    start = end;
  }
  return lines;
}

std::vector<Line> balanced_lines(const std::vector<Atom>& atoms, double width, const InlineStyle& style) {
  auto best = break_lines(atoms, width, style);
  if (best.size() < 2) return best;
  double lo = 0, hi = width;
  for (int i = 0; i < 30; ++i) {
    double mid = (lo + hi) / 2;
    auto lines = break_lines(atoms, mid, style);
    if (lines.size() <= best.size()) { hi = mid; best = std::move(lines); }
    else lo = mid;
  }
  return best;
}

void emit_line(const Line& line, double left, double baseline, Page& page) {
  GlyphRun* run = nullptr;
  for (size_t k = 0; k < line.atoms.size(); ++k) {
    const Atom& a = line.atoms[k];
    if (a.glyphs.empty()) continue;
    if (!run || run->face != a.face || run->size != a.size || run->embolden != a.embolden) {
      page.runs.push_back(GlyphRun{a.face, a.size, baseline, a.embolden, {}});
      run = &page.runs.back();
    }
    for (const auto& g : a.glyphs) run->glyphs.push_back({g.gid, left + line.indent + line.x[k] + g.dx});
  }
}

}  // namespace nb::typeset
