#include "typeset/table.hpp"

#include <algorithm>
#include <numeric>

namespace nb::typeset {

double TableLayout::height(int r0, int r1) const {
  return std::accumulate(row_h.begin() + r0, row_h.begin() + r1, 0.0);
}

namespace {

void scale_atoms(std::vector<Atom>& atoms, double f) {
  for (auto& a : atoms) {
    a.size *= f;
    a.advance *= f;
    a.em *= f;
    a.width *= f;
    a.embolden *= f;
    for (auto& g : a.glyphs) g.dx *= f;
  }
}

// Columns holding a figure alone (a one-column figure cell).
std::vector<bool> figure_columns(const compose::Table& t) {
  std::vector<bool> out(t.widths.size(), false);
  for (const auto& c : t.cells)
    if (c.figure && c.colspan == 1) out[c.col] = true;
  return out;
}

// Moves width to the figure columns from the label columns so that each figure
// column is `need` wide, each label column giving what it has beyond `keep`.
void widen(const std::vector<bool>& figure_col, const std::vector<double>& need, const std::vector<double>& keep,
           TableLayout& tl) {
  const size_t n = figure_col.size();
  std::vector<double> w(n), give(n, 0);
  double deficit = 0, spare = 0;
  for (size_t k = 0; k < n; ++k) {
    w[k] = tl.col_x[k + 1] - tl.col_x[k];
    if (figure_col[k]) deficit += std::max(0.0, need[k] - w[k]);
    else spare += give[k] = std::max(0.0, w[k] - keep[k]);
  }
  if (deficit <= 0 || spare <= 0) return;
  const double moved = std::min(deficit, spare);
  for (size_t k = 0; k < n; ++k) {
    if (figure_col[k]) w[k] += std::max(0.0, need[k] - w[k]) / deficit * moved;
    else w[k] -= give[k] / spare * moved;
    tl.col_x[k + 1] = tl.col_x[k] + w[k];
  }
}

// Figures wider than their column: the figure columns widen at the label columns'
// expense, first while a label column keeps half its width (and room for its
// widest word, so that no label is set smaller); then every figure of the table is
// set at one smaller size, and if even 8 pt does not fit, the label columns give
// more, down to their widest words (their labels take more lines). Returns the
// figures' size as a scale of the table's; below 8 pt only for more than 9 digits.
double fit_figures(const compose::Table& t, TableLayout& tl, const std::vector<double>& widest) {
  const size_t n = t.widths.size();
  const auto figure_col = figure_columns(t);
  std::vector<double> need(n, 0), half(n);
  for (size_t i = 0; i < t.cells.size(); ++i)
    if (t.cells[i].colspan == 1) need[t.cells[i].col] = std::max(need[t.cells[i].col], widest[i] + 2 * tl.pad);
  for (size_t k = 0; k < n; ++k) half[k] = std::max((tl.col_x[k + 1] - tl.col_x[k]) / 2, need[k]);
  widen(figure_col, need, half, tl);
  const double size = tl.line_h / 1.4, floor = std::min(1.0, 8.0 / size);
  auto scale = [&] {
    double s = 1;
    for (size_t i = 0; i < t.cells.size(); ++i) {
      const auto& c = t.cells[i];
      if (!c.figure || widest[i] <= 0) continue;
      const double inner = tl.col_x[c.col + c.colspan] - tl.col_x[c.col] - 2 * tl.pad;
      if (widest[i] > inner) s = std::min(s, inner / widest[i] * (1 - 1e-9));
    }
    return s;
  };
  if (scale() < floor) {
    std::vector<double> need8(n);
    for (size_t k = 0; k < n; ++k) need8[k] = figure_col[k] ? (need[k] - 2 * tl.pad) * floor + 2 * tl.pad : 0;
    widen(figure_col, need8, need, tl);
  }
  return std::max(scale(), floor);
}

}  // namespace

TableLayout measure_table(const compose::Table& t, double width, const Roles& roles,
                          Result& out, Diagnostics& diags, ShapeCache* cache) {
  TableLayout tl;
  tl.table = &t;
  const double total = std::accumulate(t.widths.begin(), t.widths.end(), 0.0);
  tl.col_x.push_back(0);
  for (double w : t.widths) tl.col_x.push_back(tl.col_x.back() + w / total * width);
  const double size = roles.at(layout::Role::Table).style->size;
  tl.line_h = size * 1.4;
  tl.pad = size * 0.3;
  tl.ascent = size * 0.88 + (tl.line_h - size) / 2;
  tl.row_h.assign(t.rows, tl.line_h + 2 * tl.pad);
  InlineStyle style;
  style.justify = false;
  style.cjk_latin_space = 0;
  // Every cell shaped, and the width of its widest unbreakable part.
  std::vector<std::vector<Atom>> shaped;
  std::vector<double> widest;
  for (const auto& c : t.cells) {
    shaped.push_back(shape_runs(c.runs, roles, 0, 0, out, diags, cache));
    auto prepared = shaped.back();
    prepare(prepared, style);
    widest.push_back(widest_unbreakable(prepared));
  }
  const double figure_scale = fit_figures(t, tl, widest);
  for (size_t i = 0; i < t.cells.size(); ++i) {
    const auto& c = t.cells[i];
    auto& atoms = shaped[i];
    const double w = tl.col_x[c.col + c.colspan] - tl.col_x[c.col] - 2 * tl.pad;
    // A figure takes the table's figure size, and is set smaller still only when
    // it does not fit at 8 pt (more than 9 digits); a label wider than its column
    // is set down to half size, then broken.
    double scale = 1;
    if (c.figure) scale = figure_scale;
    if (widest[i] * scale > w && w > 0) scale = c.figure ? w / widest[i] * (1 - 1e-9) : std::max(w / widest[i], 0.5);
    if (scale != 1) scale_atoms(atoms, scale);
    auto lines = break_lines(atoms, w, style);
    // A label never ends on one Han character (不予公/开) when the same number of
    // lines can be balanced (不予/公开).
    if (lines.size() > 1 && lines.back().atoms.size() == 1 && lines.back().atoms[0].punct == Punct::None &&
        lines.back().atoms[0].cls == CharClass::Ideo)
      lines = balanced_lines(std::move(atoms), w, style);
    tl.cell_lines.push_back(std::move(lines));
    tl.cell_h.push_back(tl.cell_lines.back().size() * tl.line_h + 2 * tl.pad);
  }
  // Rows grow to fit single-row cells first, then the last row of a span takes
  // whatever a spanning cell still needs.
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < t.cells.size(); ++i) {
      const auto& c = t.cells[i];
      if ((c.rowspan == 1) != (pass == 0)) continue;
      double have = tl.height(c.row, c.row + c.rowspan);
      if (tl.cell_h[i] > have) tl.row_h[c.row + c.rowspan - 1] += tl.cell_h[i] - have;
    }
  }
  return tl;
}

namespace {

// A row made of one label across the whole table: the title of a group of rows.
bool group_title(const compose::Table& t, int r) {
  for (const auto& c : t.cells)
    if (c.row == r && c.colspan == static_cast<int>(t.widths.size()) && !c.data) return true;
  return false;
}

}  // namespace

std::pair<int, int> group_header(const TableLayout& tl, int from) {
  const auto& t = *tl.table;
  if (t.group_header_rows == 0 || (from < t.rows && group_title(t, from))) return {from, from};  // a group starts here
  for (int g = from - 1; g >= t.header_rows; --g)
    if (group_title(t, g)) return from > g + t.group_header_rows ? std::pair{g, g + 1 + t.group_header_rows}
                                                                  : std::pair{from, from};
  return {from, from};
}

Split split_at(const TableLayout& tl, int from, int r) {
  const auto& t = *tl.table;
  const int rows = t.rows;
  if (r - from < 2 && rows - from >= 2) return Split::No;  // a lone row at the foot
  if (rows - r < 2 && rows - from >= 2) return Split::No;  // a lone row at the head
  // A group's title keeps with its header rows and one row more.
  for (int k = 1; k <= 1 + std::max(1, t.group_header_rows); ++k)
    if (r - k >= from && group_title(t, r - k)) return Split::No;
  for (size_t i = 0; i < t.cells.size(); ++i) {
    const auto& c = t.cells[i];
    if (c.row >= r || c.row + c.rowspan <= r) continue;  // not cut by this split
    if (tl.height(std::max(c.row, from), r) < tl.cell_h[i]) return Split::No;
    if (tl.height(r, c.row + c.rowspan) < tl.cell_h[i]) return Split::No;
  }
  return group_title(t, r) ? Split::Group : Split::Row;
}

double draw_rows(const TableLayout& tl, const std::vector<std::pair<int, int>>& ranges, double left, double y,
                 Page& page, double extra, size_t repeated) {
  const auto& t = *tl.table;
  auto height = [&](int r0, int r1) { return tl.height(r0, r1) + (r1 - r0) * extra; };
  struct Seg {
    double a, b, c, d;
    bool operator<(const Seg& o) const { return std::tie(a, b, c, d) < std::tie(o.a, o.b, o.c, o.d); }
    bool operator==(const Seg& o) const { return !(*this < o) && !(o < *this); }
  };
  std::vector<Seg> segs;
  double top = y;
  for (size_t range = 0; range < ranges.size(); ++range) {
    const auto [r0, r1] = ranges[range];
    for (size_t i = 0; i < t.cells.size(); ++i) {
      const auto& c = t.cells[i];
      int a = std::max(c.row, r0), b = std::min(c.row + c.rowspan, r1);
      if (a >= b) continue;
      double x0 = left + tl.col_x[c.col], x1 = left + tl.col_x[c.col + c.colspan];
      double y0 = top + height(r0, a), y1 = top + height(r0, b);
      segs.push_back({x0, y0, x1, y0});
      segs.push_back({x0, y1, x1, y1});
      segs.push_back({x0, y0, x0, y1});
      segs.push_back({x1, y0, x1, y1});
      const auto& lines = tl.cell_lines[i];
      double text_top = y0 + (y1 - y0 - lines.size() * tl.line_h) / 2;
      double inner = x1 - x0 - 2 * tl.pad;
      const bool first = range >= repeated && c.row >= r0;  // not drawn before
      const int element = first && i < tl.cell_element.size() ? tl.cell_element[i] : -1;
      for (size_t k = 0; k < lines.size(); ++k) {
        const Line& ln = lines[k];
        double lx = x0 + tl.pad;
        if (c.align == layout::Align::Center) lx += (inner - ln.natural) / 2;
        else if (c.align == layout::Align::Right) lx += inner - ln.natural;
        emit_line(ln, lx, text_top + k * tl.line_h + tl.ascent, page, element);
      }
    }
    top += height(r0, r1);
  }
  std::sort(segs.begin(), segs.end());
  segs.erase(std::unique(segs.begin(), segs.end()), segs.end());
  // Rules overshoot by half their width so that joins have no notch.
  const double half = tl.rule / 2;
  for (const auto& s : segs) {
    bool horizontal = s.b == s.d;
    page.rules.push_back({s.a - (horizontal ? half : 0), s.b - (horizontal ? 0 : half), s.c + (horizontal ? half : 0),
                          s.d + (horizontal ? 0 : half), tl.rule});
  }
  return top - y;
}

}  // namespace nb::typeset
