#include "typeset/table.hpp"

#include <algorithm>
#include <numeric>

namespace nb::typeset {

TableLayout measure_table(const compose::Table& t, double width, const std::map<std::string, RoleFonts>& roles,
                          Result& out, Diagnostics& diags) {
  TableLayout tl;
  tl.table = &t;
  const double total = std::accumulate(t.widths.begin(), t.widths.end(), 0.0);
  tl.col_x.push_back(0);
  for (double w : t.widths) tl.col_x.push_back(tl.col_x.back() + w / total * width);
  const double size = roles.at("table").role->size;
  tl.line_h = size * 1.4;
  tl.pad = size * 0.3;
  tl.ascent = size * 0.88 + (tl.line_h - size) / 2;
  tl.row_h.assign(t.rows, tl.line_h + 2 * tl.pad);
  InlineStyle style;
  style.justify = false;
  style.cjk_latin_space = 0;
  for (const auto& c : t.cells) {
    double w = tl.col_x[c.col + c.colspan] - tl.col_x[c.col] - 2 * tl.pad;
    auto atoms = shape_runs(c.runs, roles, 0, 0, out, diags);
    tl.cell_lines.push_back(break_lines(atoms, std::max(w, size), style));
  }
  // Rows grow to fit single-row cells first, then the last row of a span takes
  // whatever a spanning cell still needs.
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < t.cells.size(); ++i) {
      const auto& c = t.cells[i];
      if ((c.rowspan == 1) != (pass == 0)) continue;
      double need = tl.cell_lines[i].size() * tl.line_h + 2 * tl.pad;
      double have = 0;
      for (int r = c.row; r < c.row + c.rowspan; ++r) have += tl.row_h[r];
      if (need > have) tl.row_h[c.row + c.rowspan - 1] += need - have;
    }
  }
  return tl;
}

double draw_rows(const TableLayout& tl, int r0, int r1, double left, double y, Page& page) {
  const auto& t = *tl.table;
  std::vector<double> row_y{y};
  for (int r = r0; r < r1; ++r) row_y.push_back(row_y.back() + tl.row_h[r]);
  auto ry = [&](int r) { return row_y[r - r0]; };
  struct Seg {
    double a, b, c, d;
    bool operator<(const Seg& o) const { return std::tie(a, b, c, d) < std::tie(o.a, o.b, o.c, o.d); }
  };
  std::vector<Seg> segs;
  for (size_t i = 0; i < t.cells.size(); ++i) {
    const auto& c = t.cells[i];
    int a = std::max(c.row, r0), b = std::min(c.row + c.rowspan, r1);
    if (a >= b) continue;
    double x0 = left + tl.col_x[c.col], x1 = left + tl.col_x[c.col + c.colspan];
    double y0 = ry(a), y1 = ry(b);
    segs.push_back({x0, y0, x1, y0});
    segs.push_back({x0, y1, x1, y1});
    segs.push_back({x0, y0, x0, y1});
    segs.push_back({x1, y0, x1, y1});
    const auto& lines = tl.cell_lines[i];
    double text_h = lines.size() * tl.line_h;
    double top = y0 + (y1 - y0 - text_h) / 2;
    double inner = x1 - x0 - 2 * tl.pad;
    for (size_t k = 0; k < lines.size(); ++k) {
      const Line& ln = lines[k];
      double lx = x0 + tl.pad;
      if (c.align == layout::Align::Center) lx += (inner - ln.natural) / 2;
      else if (c.align == layout::Align::Right) lx += inner - ln.natural;
      emit_line(ln, lx, top + k * tl.line_h + tl.ascent, page);
    }
  }
  std::sort(segs.begin(), segs.end());
  segs.erase(std::unique(segs.begin(), segs.end(),
                         [](const Seg& p, const Seg& q) { return !(p < q) && !(q < p); }),
             segs.end());
  for (const auto& s : segs) page.rules.push_back({s.a, s.b, s.c, s.d, 0.5});
  return row_y.back() - y;
}

}  // namespace nb::typeset
