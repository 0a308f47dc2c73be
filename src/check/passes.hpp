// The passes of the check stage over one report's figures. Private to nb_check.
#pragma once
#include "check/figures.hpp"

namespace nb::check::detail {

// Fills omitted derivable cells; false (with errors) when one cannot be computed.
bool derive(Figures& f, Diagnostics& diags);
// Every table rule; cross-year rules only when `previous` is set.
void check_rules(const Figures& f, const Figures* previous, Diagnostics& diags);
// Figures the prose states next to a concept of the layout's [[mentions]];
// `tables_wrong`: the table rules found errors.
void check_mentions(const Figures& f, bool tables_wrong, Diagnostics& diags);

// R9: sections whose prose is mostly last year's (layout's copied_prose).
void check_copied(const Figures& f, const Figures& previous, Diagnostics& diags);

// The cell of this year's `term` when `rule` is applied to `scope` (a field index for
// Axis::Row, a column index for Axis::Column) in table `table`.
CellId term_cell(const Figures& f, int table, const layout::Rule& rule, const layout::Term& term, int scope);

}  // namespace nb::check::detail
