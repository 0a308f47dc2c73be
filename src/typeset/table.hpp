// Tables: cell text broken into lines, row heights, and the drawing of a range of
// rows (a fragment, when a table is split across pages).
#pragma once
#include <vector>

#include "typeset/inline.hpp"

namespace nb::typeset {

struct TableLayout {
  const compose::Table* table = nullptr;
  std::vector<double> col_x;  // column edges, relative to the table's left edge
  std::vector<double> row_h;
  std::vector<std::vector<Line>> cell_lines;  // per cell of table->cells
  double line_h = 0, pad = 0, ascent = 0;
};

TableLayout measure_table(const compose::Table& t, double width, const std::map<std::string, RoleFonts>& roles,
                          Result& out, Diagnostics& diags);

// Draws rows [r0, r1) with their top at y; cells spanning in from outside the range
// are drawn clipped to it, with their text again. Returns the height drawn.
double draw_rows(const TableLayout& tl, int r0, int r1, double left, double y, Page& page);

}  // namespace nb::typeset
