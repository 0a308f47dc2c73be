#include "data/figures_json.hpp"

#include <cstdio>

#include "core/json.hpp"
#include "core/utf8.hpp"

namespace nb::data {

namespace {

std::string plain(const compose::TableCell& c) {
  std::u32string s;
  for (const auto& r : c.runs) s += r.text;
  return encode_utf8(s);
}

// 4068.208 from 40682080: the amount in 万元 as a JSON number, exactly (the
// digits as printed).
json::Object amount(int64_t v) { return json::Object::parse(layout::format_figure(v, layout::FigureType::Amount)); }

}  // namespace

std::string figures_json(const compose::Document& doc) {
  json::Object tables = json::Object::array();
  for (const auto& b : doc.blocks) {
    const auto* t = std::get_if<compose::Table>(&b);
    if (!t || !t->layout) continue;
    json::Object cells = json::Object::array();
    for (const auto& c : t->cells) {
      if (c.field < 0) continue;
      const layout::Field& f = t->layout->fields[c.field];
      json::Object labels = json::Object::array();
      for (int h : c.headers) labels.push_back(plain(t->cells[h]));
      if (!c.figure) labels.push_back(!f.label.empty() ? f.label : !f.name.empty() ? f.name : plain(c));  // a sentence
      const bool money = f.types[c.column] == layout::FigureType::Amount;
      json::Object cell{{"key", t->section + "." + f.key}, {"column", c.column + 1}, {"labels", std::move(labels)},
                        {"value", money ? amount(c.value) : json::Object(c.value)},
                        {"text", layout::format_figure(c.value, f.types[c.column])}};
      if (money && !c.unit.empty()) cell["unit"] = c.unit;
      cell["given"] = c.given;
      cells.push_back(std::move(cell));
    }
    tables.push_back({{"section", t->section}, {"caption", t->caption}, {"cells", std::move(cells)}});
  }
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", doc.about.published[0], doc.about.published[1], doc.about.published[2]);
  json::Object o{{"format", doc.layout->id},     {"format_name", doc.layout->name}, {"year", doc.about.year},
                 {"organ", doc.about.organ},     {"title", doc.about.title},        {"published", date},
                 {"tables", std::move(tables)}};
  return json::dump(o);
}

}  // namespace nb::data
