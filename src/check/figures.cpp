#include "check/figures.hpp"

#include <algorithm>
#include <utility>

namespace nb::check {

Figures::Figures(const input::Report& report) : report_(&report) {
  for (const auto& s : report.layout->sections) {
    const layout::Table* t = report.layout->table_for(s);
    if (!t) continue;
    const input::SectionInput* in = report.section(s.key);
    tables_.push_back({t, &s, in ? in->figures : std::map<std::string, input::FieldValue>{}});
  }
}

int Figures::table_index(const std::string& id) const {
  for (size_t i = 0; i < tables_.size(); ++i)
    if (tables_[i].table->id == id) return static_cast<int>(i);
  return -1;
}

const input::FieldValue* Figures::value(int table, int field) const {
  const Entry& e = tables_[table];
  auto it = e.values.find(e.table->fields[field].key);
  return it == e.values.end() ? nullptr : &it->second;
}

const input::FieldValue* Figures::value(const std::string& table_id, const std::string& field_key) const {
  const int t = table_index(table_id);
  if (t < 0) return nullptr;
  const int f = tables_[t].table->field_index(field_key);
  return f < 0 ? nullptr : value(t, f);
}

const input::Figure* Figures::find(const std::string& table_id, const std::string& field_key, const std::string& column,
                                   int index) const {
  const int t = table_index(table_id);
  const layout::Field* f = t < 0 ? nullptr : tables_[t].table->find_field(field_key);
  if (!f) return nullptr;
  const int c = column.empty() ? index : f->column(column);
  const input::FieldValue* v = value(table_id, field_key);
  if (!v || c < 0 || c >= static_cast<int>(f->types.size()) || c >= static_cast<int>(v->cells.size())) return nullptr;
  return &v->cells[c];
}

const input::Figure* Figures::at(CellId c) const {
  const input::FieldValue* v = value(c.table, c.field);
  if (!v || c.column < 0 || c.column >= static_cast<int>(v->cells.size())) return nullptr;
  return &v->cells[c.column];
}

input::Figure* Figures::at(CellId c) { return const_cast<input::Figure*>(std::as_const(*this).at(c)); }

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

}  // namespace nb::check
