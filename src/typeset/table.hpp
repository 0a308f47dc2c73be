// Tables: cell text broken by the body's line breaker, row heights, where a table
// splits across pages, and the drawing of its fragments.
#pragma once
#include <utility>
#include <vector>

#include "typeset/inline.hpp"

namespace nb::typeset {

struct TableLayout {
  const compose::Table* table = nullptr;
  std::vector<double> col_x;  // column edges, relative to the table's left edge
  std::vector<double> row_h;
  std::vector<std::vector<Line>> cell_lines;  // per cell of table->cells
  std::vector<double> cell_h;                 // height each cell's text needs, padding included
  std::vector<int> cell_element;              // per cell: its structure element (empty: none)
  double line_h = 0, pad = 0, ascent = 0, rule = 0.5;
  double height(int r0, int r1) const;  // of rows [r0, r1)
};

TableLayout measure_table(const compose::Table& t, double width, const Roles& roles,
                          Result& out, Diagnostics& diags, ShapeCache* cache = nullptr);

// May a fragment starting at body row `from` end before row r, and how well?
// Never leaving a lone row at either end, nor a group's title without its header
// rows and one row more, nor a spanning cell too short on either side for its
// text (drawn on both).
enum class Split { No, Group, Row };  // Group: before a group's title, the best
Split split_at(const TableLayout& tl, int from, int r);

// The rows [begin, end) repeated above body row `from` when a page starts there
// inside a group: the group's title and header rows (empty when none).
std::pair<int, int> group_header(const TableLayout& tl, int from);

// Draws row ranges stacked from y down: the header and a fragment of the body,
// each row `extra` points taller than measured (text centred in it). Cells
// spanning in from outside a range are drawn clipped to it, with their text
// again. The first `repeated` ranges repeat rows set before (a header on a
// continuation page): their text, and a spanning cell's text drawn again, are
// artifacts. Returns the height drawn.
double draw_rows(const TableLayout& tl, const std::vector<std::pair<int, int>>& ranges, double left, double y,
                 Page& page, double extra = 0, size_t repeated = 0);

}  // namespace nb::typeset
