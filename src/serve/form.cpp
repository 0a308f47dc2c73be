#include "serve/form.hpp"

#include "core/utf8.hpp"
#include "cli/toml_edit.hpp"

namespace nb::serve {

namespace {

const char* type_name(layout::FigureType t) {
  switch (t) {
    case layout::FigureType::Count: return "count";
    case layout::FigureType::Change: return "change";
    case layout::FigureType::Amount: return "amount";
  }
  return "count";
}

const char* align_name(layout::Align a) {
  return a == layout::Align::Left ? "left" : a == layout::Align::Right ? "right" : "center";
}

json::Object table_json(const layout::Table& t) {
  json::Object o;
  o["id"] = t.id;
  o["widths"] = t.widths;
  o["header_rows"] = t.header_rows;
  o["rows"] = t.rows;
  json::Object cells = json::Object::array();
  for (const auto& c : t.cells)
    cells.push_back({{"row", c.row}, {"col", c.col}, {"rowspan", c.rowspan}, {"colspan", c.colspan}, {"text", c.text},
                     {"field", c.field}, {"column", c.column}, {"align", align_name(c.align)}});
  o["cells"] = std::move(cells);
  json::Object fields = json::Object::array();
  for (const auto& f : t.fields) {
    json::Object types = json::Object::array();
    for (auto ty : f.types) types.push_back(type_name(ty));
    fields.push_back({{"key", f.key}, {"label", f.label}, {"name", f.name}, {"types", std::move(types)},
                      {"columns", f.columns}, {"derivable", f.derivable}, {"written", f.written_columns()},
                      {"computed", f.computed()}, {"optional", f.optional}, {"units", f.units}});
  }
  o["fields"] = std::move(fields);
  return o;
}

json::Object value_json(const toml::node& n, const std::string& text) {
  if (const auto* t = n.as_table()) {
    json::Object o = json::Object::object();
    for (auto&& [k, v] : *t) o[std::string(k.str())] = value_json(v, text);
    return o;
  }
  if (const auto* a = n.as_array()) {
    json::Object o = json::Object::array();
    for (const auto& e : *a) o.push_back(value_json(e, text));
    return o;
  }
  if (auto s = n.value<std::string>(); s && n.is_string()) return *s;
  if (auto b = n.value<bool>(); b && n.is_boolean()) return *b;
  if (n.is_number() || n.is_date()) {  // as written
    const auto r = n.source();
    const size_t b = cli::byte_offset(text, r.begin.line, r.begin.column), e = cli::byte_offset(text, r.end.line, r.end.column);
    return b < e ? text.substr(b, e - b) : std::string();
  }
  return nullptr;  // times and date-times: no report key takes them
}

bool before(const toml::source_position& a, uint32_t line, uint32_t col) {
  return a.line < line || (a.line == line && a.column <= col);
}

bool within(const toml::source_region& r, const Loc& at) {
  return r.begin.line && before(r.begin, at.line, at.col) && !before(r.end, at.line, at.col);
}

// The path of the value at `at`: the innermost value or key holding it.
bool path_at(const toml::node& n, const Loc& at, json::Object& path) {
  if (const auto* t = n.as_table()) {
    for (auto&& [k, v] : *t) {
      const std::string key(k.str());
      path.push_back(key);
      if (within(k.source(), at)) return true;
      if (v.is_table() || v.is_array()) {
        if (path_at(v, at, path)) return true;
        if (within(v.source(), at)) return true;  // a table's header, an array's brackets
      } else if (within(v.source(), at)) {
        return true;
      }
      path.erase(path.size() - 1);
    }
    return false;
  }
  if (const auto* a = n.as_array()) {
    for (size_t i = 0; i < a->size(); ++i) {
      const toml::node& e = *a->get(i);
      path.push_back(i);
      if (((e.is_table() || e.is_array()) && path_at(e, at, path)) || within(e.source(), at)) return true;
      path.erase(path.size() - 1);
    }
  }
  return false;
}

// The sentence of a string value that `at` points into (the text from the end of
// the sentence before to the end of this one).
std::string sentence_at(const toml::node& n, const Loc& at, const std::string& text) {
  const auto* str = n.as_string();
  if (!str) return {};
  const auto r = n.source();
  const size_t begin = cli::byte_offset(text, r.begin.line, r.begin.column), here = cli::byte_offset(text, at.line, at.col);
  if (here <= begin || here > text.size()) return {};
  std::string_view raw(text.data() + begin, here - begin);
  const size_t quotes = raw.rfind("\"\"\"", 0) == 0 || raw.rfind("'''", 0) == 0 ? 3 : 1;
  raw.remove_prefix(std::min(quotes, raw.size()));
  if (quotes == 3 && !raw.empty() && raw[0] == '\n') raw.remove_prefix(1);
  auto value = decode_utf8(str->get()), before = decode_utf8(raw);
  if (!value || !before || before->size() > value->size()) return {};
  const std::u32string ends = U"。！？；\n";
  size_t from = before->size(), to = before->size();
  while (from > 0 && ends.find((*value)[from - 1]) == std::u32string::npos) --from;
  while (to < value->size() && ends.find((*value)[to]) == std::u32string::npos) ++to;
  if (to < value->size() && (*value)[to] != U'\n') ++to;
  while (from < to && (*value)[from] == U' ') ++from;
  return encode_utf8(value->substr(from, to - from));
}

const toml::node* node_at(const toml::node& root, const json::Object& path) {
  const toml::node* n = &root;
  for (const auto& k : path) {
    if (!n) return nullptr;
    if (k.is_string()) n = n->as_table() ? n->as_table()->get(k.get<std::string>()) : nullptr;
    else n = n->as_array() ? n->as_array()->get(k.get<size_t>()) : nullptr;
  }
  return n;
}

json::Object path_json(const toml::table* doc, const Loc& at) {
  json::Object path = json::Object::array();
  if (doc && at.line && path_at(*doc, at, path)) return path;
  return nullptr;
}

}  // namespace

json::Object format_summary(const layout::Layout& l) {
  return {{"id", l.id}, {"name", l.name}, {"document", l.document}, {"first_year", l.first_year}, {"last_year", l.last_year}};
}

json::Object format_json(const layout::Layout& l) {
  json::Object o = format_summary(l);
  o["signature_default"] = l.signature.by_default;
  json::Object sections = json::Object::array();
  for (const auto& s : l.sections) {
    json::Object j{{"key", s.key}, {"title", s.title}, {"hint", s.hint}, {"variants", s.variants}, {"may_be_none", s.may_be_none}};
    const layout::Table* t = l.table_for(s);
    j["table"] = t ? table_json(*t) : json::Object(nullptr);
    sections.push_back(std::move(j));
  }
  o["sections"] = std::move(sections);
  return o;
}

json::Object values_json(const toml::table& doc, const std::string& text) { return value_json(doc, text); }

json::Object figures_json(const check::Figures& f) {
  json::Object o = json::Object::object();
  for (size_t ti = 0; ti < f.tables().size(); ++ti) {
    const auto& entry = f.tables()[ti];
    json::Object fields = json::Object::object();
    for (size_t fi = 0; fi < entry.table->fields.size(); ++fi) {
      const layout::Field& field = entry.table->fields[fi];
      json::Object cells = json::Object::array();
      for (size_t c = 0; c < field.types.size(); ++c) {
        const input::Figure* fig = f.at({static_cast<int>(ti), static_cast<int>(fi), static_cast<int>(c)});
        if (fig) cells.push_back({{"text", layout::format_figure(fig->value, field.types[c])}, {"given", fig->given}});
        else cells.push_back(nullptr);
      }
      fields[field.key] = std::move(cells);
    }
    o[entry.section->key] = std::move(fields);
  }
  return o;
}

json::Object diagnostics_json(const Diagnostics& d, const toml::table* doc, const std::string& text) {
  json::Object list = json::Object::array();
  for (const auto& x : d.list()) {
    json::Object related = json::Object::array();
    for (const auto& r : x.related)
      if (json::Object p = path_json(doc, r); !p.is_null()) related.push_back(std::move(p));
    json::Object path = path_json(doc, x.loc);
    json::Object item{{"severity", x.severity == Severity::Error ? "error" : "warning"},
                      {"line", x.loc.line},
                      {"col", x.loc.col},
                      {"message", x.message},
                      {"text", format(x)},
                      {"path", path},
                      {"related", std::move(related)}};
    if (const toml::node* n = path.is_null() ? nullptr : node_at(*doc, path))
      if (std::string s = sentence_at(*n, x.loc, text); !s.empty()) item["sentence"] = s;
    list.push_back(std::move(item));
  }
  return {{"errors", d.errors()}, {"warnings", d.warnings()}, {"list", std::move(list)}};
}

}  // namespace nb::serve
