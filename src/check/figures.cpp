#include "check/figures.hpp"

#include <algorithm>

namespace nb::check::detail {

Figures::Figures(input::Report& report) {
  for (const auto& s : report.layout->sections) {
    const layout::Table* t = report.layout->table_for(s);
    if (!t) continue;
    auto it = std::find_if(report.sections.begin(), report.sections.end(),
                           [&](const input::SectionInput& in) { return in.key == s.key; });
    tables_.push_back({t, it == report.sections.end() ? nullptr : &*it});
  }
}

int Figures::table_index(const std::string& id) const {
  for (size_t i = 0; i < tables_.size(); ++i)
    if (tables_[i].table->id == id) return static_cast<int>(i);
  return -1;
}

input::FieldValue* Figures::value(int table, int field) const {
  const Entry& e = tables_[table];
  if (!e.section) return nullptr;
  auto it = e.section->figures.find(e.table->fields[field].key);
  return it == e.section->figures.end() ? nullptr : &it->second;
}

input::Figure* Figures::at(CellId c) const {
  input::FieldValue* v = value(c.table, c.field);
  if (!v || c.column < 0 || c.column >= static_cast<int>(v->cells.size())) return nullptr;
  return &v->cells[c.column];
}

bool Figures::known(CellId c) const {
  const input::Figure* f = at(c);
  return f && (f->given || sources.count(c));
}

void Figures::given_behind(CellId c, std::vector<CellId>& out) const {
  const input::Figure* f = at(c);
  if (!f) return;
  if (f->given) {
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    return;
  }
  if (auto it = sources.find(c); it != sources.end())
    for (CellId s : it->second) given_behind(s, out);
}

CellId term_cell(const Figures& f, int table, const layout::Rule& rule, const layout::Term& term, int scope) {
  const layout::Table& t = *f.tables()[table].table;
  if (rule.axis == layout::Axis::Row) return {table, scope, t.fields[scope].column(term.key)};
  return {table, t.field_index(term.key), scope};
}

const input::Figure* find_figure(const input::Report& r, const std::string& table, const std::string& field,
                                 const std::string& column, int column_index) {
  auto lt = r.layout->tables.find(table);
  if (lt == r.layout->tables.end()) return nullptr;
  const layout::Field* f = lt->second.find_field(field);
  if (!f) return nullptr;
  int c = column.empty() ? column_index : f->column(column);
  if (c < 0 || c >= static_cast<int>(f->types.size())) return nullptr;
  for (const auto& s : r.layout->sections) {
    if (s.table != table) continue;
    const input::SectionInput* in = r.section(s.key);
    if (!in) return nullptr;
    auto it = in->figures.find(field);
    if (it == in->figures.end() || c >= static_cast<int>(it->second.cells.size())) return nullptr;
    return &it->second.cells[c];
  }
  return nullptr;
}

}  // namespace nb::check::detail
