// Next year's cells that the cross-year rules (R6, R7, …) fix from this year's
// figures, for `init --from`.
#include "check/check.hpp"

namespace nb::check {

std::vector<RolledOver> roll_over(const layout::Layout& next, const Figures& last) {
  std::vector<RolledOver> out;
  for (const auto& [id, t] : next.tables)
    for (const auto& rule : t.rules) {
      if (!rule.cross_year() || rule.right.size() != 1 || rule.right[0].previous) continue;
      for (int scope : rule.scope) {
        // The cell the rule fixes, and the field its terms are read from.
        const bool by_row = rule.axis == layout::Axis::Row;
        const layout::Field& field = by_row ? t.fields[scope] : t.fields[t.field_index(rule.right[0].key)];
        const int column = by_row ? field.column(rule.right[0].key) : scope;
        if (column < 0 || column >= static_cast<int>(field.types.size()) || field.derivable[column]) continue;
        int64_t value = 0;
        bool found = true;
        for (const auto& term : rule.left) {
          if (!term.previous) continue;  // this year's: 0 in a new template
          const layout::Field& tf = by_row ? field : t.fields[t.field_index(term.key)];
          const std::string column_name = by_row ? term.key : (tf.columns.empty() ? "" : tf.columns[scope]);
          const input::Figure* f = last.find(t.id, tf.key, column_name, by_row ? tf.column(term.key) : scope);
          if (!f) { found = false; break; }
          value += term.sign * f->value;
        }
        if (found) out.push_back({t.id, field.key, column, value, rule.id});
      }
    }
  return out;
}

}  // namespace nb::check
