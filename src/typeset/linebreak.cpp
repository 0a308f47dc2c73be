// Line breaking: first fit on the set widths (adjacent marks compressed, the
// line-end mark trimmed). A break before a prohibited mark is resolved by pushing
// in — compressing the line's punctuation so the mark fits — and only then by
// pushing out the last character (clreq 先挤进，后推出).
#include <algorithm>
#include <cmath>

#include "typeset/inline.hpp"

namespace nb::typeset {

namespace {

constexpr double kEps = 1e-6;

// Reduction of the pair (a, b) set side by side: GB style hugs two marks into 1.5 em.
double pair_squeeze(const Atom& a, const Atom& b) {
  if (a.punct == Punct::Left && (b.punct == Punct::Left || b.punct == Punct::Right)) return a.em / 2;
  if (a.punct == Punct::Right && b.punct == Punct::Right) return b.em / 2;
  return 0;
}

// A line-end mark is trimmed to half an em (GB/T 15834 §5.1.10).
double end_trim(const Atom& a) { return a.punct == Punct::Left ? a.em / 2 : 0; }

// The blank half of a mark not yet taken by pair compression or trimming.
double spare(const std::vector<Atom>& atoms, size_t k, size_t begin, size_t end) {
  const Atom& a = atoms[k];
  if (a.punct == Punct::Left) {
    if (k + 1 == end) return 0;  // trimmed already
    if (k + 1 < end && pair_squeeze(a, atoms[k + 1]) > 0) return 0;
    return a.em / 2;
  }
  if (a.punct == Punct::Right) {
    if (k > begin && pair_squeeze(atoms[k - 1], a) > 0 && atoms[k - 1].punct == Punct::Right) return 0;
    return a.em / 2;
  }
  return 0;
}

// Natural set width of [begin, end) and how much more it could shrink.
struct Measure {
  double natural = 0, shrink = 0;
};

Measure measure(const std::vector<Atom>& atoms, size_t begin, size_t end) {
  Measure m;
  while (end > begin && atoms[end - 1].cls == CharClass::Space) --end;
  for (size_t k = begin; k < end; ++k) {
    m.natural += atoms[k].width;
    if (k > begin) {
      m.natural += atoms[k].space_before - pair_squeeze(atoms[k - 1], atoms[k]);
      m.shrink += atoms[k].space_before / 2;
    }
    m.shrink += spare(atoms, k, begin, end);
  }
  if (end > begin) m.natural -= end_trim(atoms[end - 1]);
  return m;
}

size_t next_break(const std::vector<Atom>& atoms, size_t from) {
  while (from < atoms.size() && !atoms[from].break_before) ++from;
  return from;
}

}  // namespace

std::vector<std::pair<size_t, size_t>> break_ranges(const std::vector<Atom>& atoms, double width,
                                                    const InlineStyle& style) {
  std::vector<std::pair<size_t, size_t>> out;
  const size_t n = atoms.size();
  size_t s = 0;
  while (s < n) {
    while (s < n && atoms[s].cls == CharClass::Space) ++s;
    if (s == n) break;
    const double avail = width - (out.empty() ? style.first_indent : 0);
    // Longest prefix whose set width fits.
    double run = 0;
    size_t e = s;
    while (e < n) {
      const Atom& a = atoms[e];
      double add = a.width + (e > s ? a.space_before - pair_squeeze(atoms[e - 1], a) : 0);
      if (a.cls != CharClass::Space && run + add - end_trim(a) > avail + kEps) break;
      run += add;
      ++e;
    }
    size_t end;
    if (e == n) {
      end = n;
    } else if (e > s && atoms[e].break_before) {
      end = e;
    } else {
      size_t in = next_break(atoms, e);  // push in the prohibited atoms
      if (e > s && measure(atoms, s, in).natural - measure(atoms, s, in).shrink <= avail + kEps) {
        end = in;
      } else {
        size_t out_at = e > s ? e - 1 : s;  // push out: last allowed break before e
        while (out_at > s && !atoms[out_at].break_before) --out_at;
        end = out_at > s ? out_at : std::max(e, s + 1);  // nothing allowed: force
      }
    }
    out.emplace_back(s, end);
    s = end;
  }
  return out;
}

Line set_line(const std::vector<Atom>& atoms, size_t begin, size_t end, double width, bool last,
              const InlineStyle& style) {
  Line line;
  line.last = last;
  while (end > begin && atoms[end - 1].cls == CharClass::Space) --end;  // spaces hang
  const size_t n = end - begin;
  line.atoms.assign(atoms.begin() + begin, atoms.begin() + end);
  line.w.resize(n);
  std::vector<double> gap(n, 0), shrink(n, 0);  // space before each atom; what it may give up
  for (size_t k = 0; k < n; ++k) {
    line.w[k] = line.atoms[k].width;
    shrink[k] = spare(atoms, begin + k, begin, end);
  }
  for (size_t k = 1; k < n; ++k) {
    gap[k] = line.atoms[k].space_before;
    double sq = pair_squeeze(line.atoms[k - 1], line.atoms[k]);
    if (sq == 0) continue;
    if (line.atoms[k - 1].punct == Punct::Left) {
      line.w[k - 1] -= sq;
    } else {
      line.w[k] -= sq;
      for (auto& g : line.atoms[k].glyphs) g.dx -= sq;
    }
  }
  if (n > 0) line.w[n - 1] -= end_trim(line.atoms[n - 1]);
  double natural = 0;
  for (size_t k = 0; k < n; ++k) natural += line.w[k] + gap[k];
  double slack = width - natural;
  if (n > 1 && slack < -kEps) {
    // Pushed in (any line, the last of a paragraph and unjustified ones too: the
    // breaker accepted it as compressible): Han–Latin spaces give up to half, then
    // the marks' blank halves.
    double space_cap = 0, mark_cap = 0;
    for (size_t k = 1; k < n; ++k) space_cap += gap[k] / 2;
    for (size_t k = 0; k < n; ++k) mark_cap += shrink[k];
    double need = -slack;
    double from_space = std::min(need, space_cap);
    double from_marks = std::min(need - from_space, mark_cap);
    for (size_t k = 1; k < n && space_cap > 0; ++k) gap[k] -= gap[k] / 2 * (from_space / space_cap);
    for (size_t k = 0; k < n && mark_cap > 0; ++k) {
      double cut = shrink[k] * (from_marks / mark_cap);
      line.w[k] -= cut;
      if (line.atoms[k].punct == Punct::Right)
        for (auto& g : line.atoms[k].glyphs) g.dx -= cut;
    }
    natural -= from_space + from_marks;
    slack = width - natural;
  }
  if (style.justify && n > 1 && !last && slack > kEps) {
    size_t gaps = 0;
    for (size_t k = 1; k < n; ++k) gaps += line.atoms[k].stretch_before;
    if (gaps > 0)
      for (size_t k = 1; k < n; ++k)
        if (line.atoms[k].stretch_before) gap[k] += slack / gaps;
  }
  double x = 0;
  for (size_t k = 0; k < n; ++k) {
    x += gap[k];
    line.x.push_back(x);
    x += line.w[k];
  }
  line.natural = natural;
  return line;
}

double widest_unbreakable(const std::vector<Atom>& atoms) {
  double widest = 0, run = 0;
  for (size_t k = 0; k < atoms.size(); ++k) {
    if (k > 0 && atoms[k].break_before) run = 0;
    if (atoms[k].cls != CharClass::Space) run += atoms[k].width;
    widest = std::max(widest, run);
  }
  return widest;
}

std::vector<Line> break_lines(std::vector<Atom> atoms, double width, const InlineStyle& style) {
  prepare(atoms, style);
  auto ranges = break_ranges(atoms, width, style);
  std::vector<Line> lines;
  for (size_t i = 0; i < ranges.size(); ++i) {
    double indent = i == 0 ? style.first_indent : 0;
    lines.push_back(set_line(atoms, ranges[i].first, ranges[i].second, width - indent, i + 1 == ranges.size(), style));
    lines.back().indent = indent;
  }
  return lines;
}

std::vector<Line> balanced_lines(std::vector<Atom> atoms, double width, const InlineStyle& style) {
  prepare(atoms, style);
  const size_t count = break_ranges(atoms, width, style).size();
  double best = width;
  if (count > 1) {
    double lo = 0, hi = width;
    for (int i = 0; i < 40; ++i) {
      double mid = (lo + hi) / 2;
      if (break_ranges(atoms, mid, style).size() <= count) hi = best = mid;
      else lo = mid;
    }
  }
  auto ranges = break_ranges(atoms, best, style);
  std::vector<Line> lines;
  for (size_t i = 0; i < ranges.size(); ++i)
    lines.push_back(set_line(atoms, ranges[i].first, ranges[i].second, best, true, style));
  return lines;
}

std::vector<Line> trapezoid_lines(std::vector<Atom> atoms, double width, const InlineStyle& style) {
  prepare(atoms, style);
  const size_t fewest = break_ranges(atoms, width, style).size();
  std::vector<size_t> at{0};  // where a line may start, and the end
  for (size_t i = 1; i < atoms.size(); ++i)
    if (atoms[i].break_before) at.push_back(i);
  at.push_back(atoms.size());
  const size_t m = at.size();
  auto line_width = [&](size_t a, size_t b) { return measure(atoms, at[a], at[b]).natural; };
  // best[k][a][b]: the lines [0, at[b]) in k lines, the last [at[a], at[b]): the
  // widest line, then the sum of squared steps between lines (smaller: more even).
  struct Cost {
    double widest = 1e18, steps = 0;
    size_t prev = 0;
    bool ok = false;
  };
  for (size_t lines = fewest; lines <= fewest + 1 && fewest > 1; ++lines) {
    std::vector<std::vector<std::vector<Cost>>> best(lines + 1, std::vector<std::vector<Cost>>(m, std::vector<Cost>(m)));
    for (size_t b = 1; b < m; ++b)
      if (const double w = line_width(0, b); w <= width + kEps) best[1][0][b] = {w, 0, 0, true};
    for (size_t k = 2; k <= lines; ++k)
      for (size_t a = 1; a < m; ++a)
        for (size_t b = a + 1; b < m; ++b) {
          const double w = line_width(a, b);
          if (w > width + kEps) continue;
          Cost& c = best[k][a][b];
          for (size_t p = 0; p < a; ++p) {
            const Cost& q = best[k - 1][p][a];
            if (!q.ok || w > line_width(p, a) + kEps) continue;  // no longer than the line above
            const double step = line_width(p, a) - w;
            const Cost cand{std::max(q.widest, w), q.steps + step * step, p, true};
            if (!c.ok || cand.widest < c.widest - kEps || (cand.widest < c.widest + kEps && cand.steps < c.steps))
              c = cand;
          }
        }
    size_t a_end = 0;
    for (size_t a = 0; a + 1 < m; ++a) {
      const Cost& c = best[lines][a][m - 1];
      const Cost& d = best[lines][a_end][m - 1];
      if (c.ok && (!d.ok || c.widest < d.widest - kEps || (c.widest < d.widest + kEps && c.steps < d.steps))) a_end = a;
    }
    if (!best[lines][a_end][m - 1].ok) continue;
    std::vector<std::pair<size_t, size_t>> ranges;
    for (size_t k = lines, a = a_end, b = m - 1; k >= 1; --k) {
      ranges.emplace_back(at[a], at[b]);
      const size_t p = best[k][a][b].prev;
      b = a;
      a = p;
    }
    std::reverse(ranges.begin(), ranges.end());
    std::vector<Line> out;
    for (const auto& [b, e] : ranges) out.push_back(set_line(atoms, b, e, width, true, style));
    return out;
  }
  return balanced_lines(std::move(atoms), width, style);
}

void emit_line(const Line& line, double left, double baseline, Page& page, int element,
               const std::vector<int>* per_char) {
  GlyphRun* run = nullptr;
  for (size_t k = 0; k < line.atoms.size(); ++k) {
    const Atom& a = line.atoms[k];
    if (a.glyphs.empty()) continue;
    const int e = per_char && a.index < per_char->size() ? (*per_char)[a.index] : element;
    if (!run || run->face != a.face || run->size != a.size || run->embolden != a.embolden || run->element != e) {
      page.runs.push_back(GlyphRun{a.face, a.size, baseline, a.embolden, {}, e});
      run = &page.runs.back();
    }
    for (const auto& g : a.glyphs) run->glyphs.push_back({g.gid, left + line.indent + line.x[k] + g.dx});
  }
}

}  // namespace nb::typeset
