// Derivation: cells the input left out (the 总计 column, the （七）总计 row) are computed
// from the rules marked `derive`, repeatedly, until nothing more can be computed.
#include "check/passes.hpp"

namespace nb::check::detail {

bool derive(Figures& f, Diagnostics& diags) {
  struct Derivation {
    CellId target;
    std::vector<std::pair<CellId, int>> parts;  // cell, sign
  };
  std::vector<Derivation> all;
  for (size_t ti = 0; ti < f.tables().size(); ++ti) {
    const int t = static_cast<int>(ti);
    for (const auto& rule : f.tables()[ti].table->rules) {
      if (!rule.derive) continue;
      for (int scope : rule.scope) {
        Derivation d{term_cell(f, t, rule, rule.right[0], scope), {}};
        for (const auto& term : rule.left) d.parts.push_back({term_cell(f, t, rule, term, scope), term.sign});
        all.push_back(std::move(d));
      }
    }
  }
  for (bool progress = true; progress;) {
    progress = false;
    for (const auto& d : all) {
      input::Figure* target = f.at(d.target);
      if (!target || f.known(d.target)) continue;
      bool ready = true;
      int64_t sum = 0;
      for (const auto& [cell, sign] : d.parts) {
        if (!f.known(cell)) { ready = false; break; }
        sum += sign * f.at(cell)->value;
      }
      if (!ready) continue;
      target->value = sum;
      auto& src = f.sources[d.target];
      for (const auto& p : d.parts) src.push_back(p.first);
      progress = true;
    }
  }
  bool ok = true;
  for (size_t t = 0; t < f.tables().size(); ++t) {
    const layout::Table& table = *f.tables()[t].table;
    for (size_t fi = 0; fi < table.fields.size(); ++fi) {
      const input::FieldValue* v = f.value(static_cast<int>(t), static_cast<int>(fi));
      if (!v) continue;
      for (size_t c = 0; c < v->cells.size(); ++c) {
        if (f.known({static_cast<int>(t), static_cast<int>(fi), static_cast<int>(c)})) continue;
        const layout::Field& field = table.fields[fi];
        diags.error(v->loc, "无法计算 " + f.tables()[t].section->key + "." + field.key + "（" + field.label + "）的“" +
                                field.column_name(static_cast<int>(c)) + "”：请在输入中填写这个数");
        ok = false;
        break;
      }
    }
  }
  return ok;
}

CellId term_cell(const Figures& f, int table, const layout::Rule& rule, const layout::Term& term, int scope) {
  const layout::Table& t = *f.tables()[table].table;
  if (rule.axis == layout::Axis::Row) return {table, scope, t.fields[scope].column(term.key)};
  return {table, t.field_index(term.key), scope};
}

}  // namespace nb::check::detail
