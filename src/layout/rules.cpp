// The rules (勾稽关系) and prose mentions of a layout: read, resolved to fields and
// columns, and validated with located errors.
#include <initializer_list>

#include "core/utf8.hpp"
#include "layout/reader.hpp"

namespace nb::layout::detail {

namespace {

void check_keys(Reader& r, const toml::table& t, std::initializer_list<const char*> known, const std::string& what) {
  for (const auto& [k, v] : t) {
    bool ok = false;
    for (const char* x : known) ok = ok || k.str() == x;
    if (!ok) r.error(v, what + "中有未知的键 " + std::string(k.str()));
  }
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "、" : "") + v[i];
  return s;
}

// "-previous:本年废止件数": optional sign, optional "previous:" (last year's value), key.
std::vector<Term> read_terms(Reader& r, const toml::table& t, const char* key, const std::string& rule) {
  std::vector<Term> out;
  const toml::node* n = t.get(key);
  const toml::array* a = n ? n->as_array() : nullptr;
  if (!a || a->empty()) {
    if (n) r.error(*n, "规则 " + rule + " 的 " + key + " 应为非空的字符串数组");
    else r.error_at(t.source(), "规则 " + rule + " 缺少 " + key + "（等式一边的各项）");
    return out;
  }
  for (const auto& x : *a) {
    auto s = x.value<std::string>();
    Term term;
    term.loc = r.loc(x);
    std::string k = s.value_or("");
    if (!k.empty() && (k[0] == '-' || k[0] == '+')) {
      term.sign = k[0] == '-' ? -1 : 1;
      k.erase(0, 1);
    }
    const std::string prev = "previous:";
    if (k.rfind(prev, 0) == 0) {
      term.previous = true;
      k.erase(0, prev.size());
    }
    if (k.empty()) { r.error(x, "规则 " + rule + " 的项应为字段名或列名，可带 - 和 previous: 前缀"); continue; }
    term.key = k;
    out.push_back(term);
  }
  return out;
}

// Axis::Row: the rule applies to the fields listed in `rows` (default: every field);
// its terms are columns each of those fields must have.
void resolve_row(Reader& r, const toml::table& rt, Table& tab, Rule& rule) {
  if (const toml::node* c = rt.get("columns")) r.error(*c, "规则 " + rule.id + " 逐行核对（each = \"row\"），应以 rows 限定行");
  if (const toml::node* rows = rt.get("rows")) {
    const toml::array* a = rows->as_array();
    if (!a) { r.error(*rows, "rows 应为字段名数组"); return; }
    for (const auto& x : *a) {
      int i = tab.field_index(x.value<std::string>().value_or(""));
      if (i < 0) r.error(x, "规则 " + rule.id + " 引用了表格 " + tab.id + " 中未定义的字段 " + x.value<std::string>().value_or("?"));
      else rule.scope.push_back(i);
    }
  } else {
    for (size_t i = 0; i < tab.fields.size(); ++i) rule.scope.push_back(static_cast<int>(i));
  }
  for (const auto* side : {&rule.left, &rule.right})
    for (const auto& term : *side)
      for (int fi : rule.scope) {
        const Field& f = tab.fields[fi];
        if (f.column(term.key) >= 0) continue;
        r.error(term.loc, "规则 " + rule.id + " 引用了列“" + term.key + "”，字段 " + f.key + " 没有这一列" +
                              (f.columns.empty() ? "（该字段未定义 column_names）" : "（有：" + join(f.columns) + "）"));
        break;
      }
}

// Axis::Column: the rule applies to the columns listed in `columns` (default: every
// column); its terms are fields with the same number of columns.
void resolve_column(Reader& r, const toml::table& rt, Table& tab, Rule& rule) {
  if (const toml::node* c = rt.get("rows")) r.error(*c, "规则 " + rule.id + " 逐列核对（each = \"column\"），应以 columns 限定列");
  const Field* first = nullptr;
  for (const auto* side : {&rule.left, &rule.right})
    for (const auto& term : *side) {
      const Field* f = tab.find_field(term.key);
      if (!f) {
        r.error(term.loc, "规则 " + rule.id + " 引用了表格 " + tab.id + " 中未定义的字段 " + term.key);
      } else if (!first) {
        first = f;
      } else if (f->types.size() != first->types.size()) {
        r.error(term.loc, "规则 " + rule.id + "：字段 " + f->key + " 有 " + std::to_string(f->types.size()) + " 列，字段 " +
                              first->key + " 有 " + std::to_string(first->types.size()) + " 列，无法逐列核对");
      }
    }
  if (!first) return;
  if (const toml::node* cols = rt.get("columns")) {
    const toml::array* a = cols->as_array();
    if (!a) { r.error(*cols, "columns 应为列名数组"); return; }
    for (const auto& x : *a) {
      std::string name = x.value<std::string>().value_or("");
      int c = first->column(name);
      if (c < 0) r.error(x, "规则 " + rule.id + " 引用了列“" + name + "”，字段 " + first->key + " 没有这一列");
      else rule.scope.push_back(c);
    }
  } else {
    for (size_t c = 0; c < first->types.size(); ++c) rule.scope.push_back(static_cast<int>(c));
  }
}

// A derived cell is the single right term, computed from this year's left terms.
void mark_derivable(Reader& r, Table& tab, const Rule& rule) {
  bool ok = rule.right.size() == 1 && rule.right[0].sign == 1 && !rule.right[0].previous;
  for (const auto& t : rule.left) ok = ok && !t.previous;
  if (!ok) {
    r.error(rule.loc, "规则 " + rule.id + "：derive 只能用于右边只有一项、且不含上年数值（previous:）的规则");
    return;
  }
  const std::string& key = rule.right[0].key;
  if (rule.axis == Axis::Row) {
    for (int fi : rule.scope) {
      Field& f = tab.fields[fi];
      if (int c = f.column(key); c >= 0) f.derivable[c] = true;
    }
  } else if (int fi = tab.field_index(key); fi >= 0) {
    for (int c : rule.scope)
      if (c < static_cast<int>(tab.fields[fi].derivable.size())) tab.fields[fi].derivable[c] = true;
  }
}

// "受理…公开申请": text, with … for up to 10 characters that are neither digits nor
// punctuation; starts and ends with text. The number follows the phrase in the prose.
Phrase parse_phrase(Reader& r, const toml::node& n) {
  Phrase parts;
  auto s = n.value<std::string>();
  auto text = decode_utf8(s.value_or(""));
  if (!s || !text) { r.error(n, "说法应为字符串，如 \"受理…公开申请\""); return {}; }
  if (text->find(U"{n}") != std::u32string::npos) {
    r.error(n, "说法中不写 {n}：数字跟在说法之后，其单位由 units 给出，如 phrases = [\"受理…公开申请\"]，units = [\"件\"]");
    return {};
  }
  for (char32_t c : *text) {
    if (c == U'…') {
      if (parts.empty() || parts.back().kind != PhrasePart::Gap) parts.push_back({PhrasePart::Gap, {}});
    } else {
      if (parts.empty() || parts.back().kind != PhrasePart::Text) parts.push_back({PhrasePart::Text, {}});
      parts.back().text.push_back(c);
    }
  }
  if (parts.empty() || parts.front().kind != PhrasePart::Text || parts.back().kind != PhrasePart::Text) {
    r.error(n, "说法应以文字开头和结尾，中间可用 …（至多10个字，不含数字和标点），如 \"受理…公开申请\"");
    return {};
  }
  return parts;
}

// A non-empty array of phrases under `key` of `t`.
std::vector<Phrase> read_phrases(Reader& r, const toml::table& t, const char* key, const toml::node& at,
                                 const std::string& what) {
  std::vector<Phrase> out;
  const toml::node* n = t.get(key);
  const toml::array* a = n ? n->as_array() : nullptr;
  if (!a || a->empty()) {
    r.error(n ? *n : at, what + "须有非空的字符串数组 " + key);
    return out;
  }
  for (const auto& p : *a)
    if (auto parts = parse_phrase(r, p); !parts.empty()) out.push_back(std::move(parts));
  return out;
}

// "requests.new.总计": table, field, and column (optional when the field has one column).
std::optional<MentionCell> read_cell(Reader& r, const toml::node& n, const Layout& l, FigureType* type) {
  std::string s = n.value<std::string>().value_or("");
  std::vector<std::string> p;
  for (size_t b = 0;;) {
    size_t e = s.find('.', b);
    p.push_back(s.substr(b, e == std::string::npos ? e : e - b));
    if (e == std::string::npos) break;
    b = e + 1;
  }
  if (p.size() < 2 || p.size() > 3) {
    r.error(n, "单元格应写作 \"表格.字段.列名\"，如 \"requests.new.总计\"");
    return std::nullopt;
  }
  auto t = l.tables.find(p[0]);
  if (t == l.tables.end()) { r.error(n, "未定义的表格 " + p[0]); return std::nullopt; }
  MentionCell c{p[0], t->second.field_index(p[1]), 0};
  if (c.field < 0) { r.error(n, "表格 " + p[0] + " 中未定义的字段 " + p[1]); return std::nullopt; }
  const Field& f = t->second.fields[c.field];
  if (p.size() == 3) c.column = f.column(p[2]);
  else if (f.types.size() != 1) c.column = -1;
  if (c.column < 0) {
    r.error(n, "字段 " + f.key + " 没有列“" + (p.size() == 3 ? p[2] : "") + "”" +
                   (f.columns.empty() ? "" : "（有：" + join(f.columns) + "）"));
    return std::nullopt;
  }
  *type = f.types[c.column];
  return c;
}

}  // namespace

void read_rules(Reader& r, const toml::table& t, Table& tab) {
  const toml::node* n = t.get("rules");
  if (!n) return;
  const toml::array* arr = n->as_array();
  if (!arr) { r.error(*n, "rules 应写作 [[tables." + tab.id + ".rules]]"); return; }
  for (const auto& rn : *arr) {
    const toml::table* rt = rn.as_table();
    if (!rt) { r.error(rn, "[[tables." + tab.id + ".rules]] 的每一项应为表"); continue; }
    check_keys(r, *rt, {"id", "each", "rows", "columns", "left", "right", "derive", "severity", "note"}, "规则");
    Rule rule;
    rule.loc = r.loc(rn);
    rule.id = r.get<std::string>(*rt, "id", "规则编号，如 R1").value_or("?");
    std::string each = r.get<std::string>(*rt, "each", "\"row\"（逐行核对）或 \"column\"（逐列核对）").value_or("");
    if (each == "row") rule.axis = Axis::Row;
    else if (each == "column") rule.axis = Axis::Column;
    else if (rt->get("each")) { r.error(*rt->get("each"), "each 应为 \"row\" 或 \"column\""); continue; }
    else continue;
    rule.left = read_terms(r, *rt, "left", rule.id);
    rule.right = read_terms(r, *rt, "right", rule.id);
    rule.derive = r.get<bool>(*rt, "derive", "布尔值", false).value_or(false);
    rule.note = r.get<std::string>(*rt, "note", "字符串", false).value_or("");
    std::string severity = r.get<std::string>(*rt, "severity", "\"error\" 或 \"warning\"", false).value_or("error");
    if (severity == "warning") rule.severity = Severity::Warning;
    else if (severity != "error") r.error(*rt->get("severity"), "severity 应为 \"error\" 或 \"warning\"");
    if (rule.left.empty() || rule.right.empty()) continue;
    if (rule.axis == Axis::Row) resolve_row(r, *rt, tab, rule);
    else resolve_column(r, *rt, tab, rule);
    if (rule.derive) mark_derivable(r, tab, rule);
    tab.rules.push_back(std::move(rule));
  }
}

namespace {

// One reading: ["requests.new.总计", …] or { name = "本年新收", sum = [...] }; cells of one type.
std::optional<MentionReading> read_reading(Reader& r, const toml::node& n, const Layout& l, Mention& m, bool& typed) {
  MentionReading reading;
  const toml::array* sum = n.as_array();
  if (const toml::table* t = n.as_table()) {
    check_keys(r, *t, {"name", "sum"}, "readings 的一项");
    reading.name = r.get<std::string>(*t, "name", "字符串", false).value_or("");
    sum = t->get_as<toml::array>("sum");
  }
  if (!sum || sum->empty()) {
    r.error(n, "readings 的每一项应为单元格的非空数组，或 { name = \"本年新收\", sum = [\"requests.new.总计\"] }");
    return std::nullopt;
  }
  for (const auto& c : *sum) {
    FigureType type{};
    auto cell = read_cell(r, c, l, &type);
    if (!cell) return std::nullopt;
    if (typed && type != m.type) {
      r.error(c, "一个概念的单元格须为同一类型（件数或金额）");
      return std::nullopt;
    }
    m.type = type;
    typed = true;
    reading.sum.push_back(*cell);
  }
  return reading;
}

}  // namespace

void read_mentions(Reader& r, const toml::table& doc, Layout& l) {
  if (const toml::node* g = doc.get("mention_grammar")) {
    if (const toml::table* t = g->as_table()) {
      check_keys(r, *t, {"stops"}, "[mention_grammar] ");
      l.mention_stops = read_phrases(r, *t, "stops", *g, "[mention_grammar] ");
    } else {
      r.error(*g, "mention_grammar 应为表 [mention_grammar]");
    }
  }
  const toml::node* n = doc.get("mentions");
  if (!n) return;
  const toml::array* arr = n->as_array();
  if (!arr) { r.error(*n, "mentions 应写作 [[mentions]]"); return; }
  for (const auto& mn : *arr) {
    const toml::table* mt = mn.as_table();
    if (!mt) { r.error(mn, "[[mentions]] 的每一项应为表"); continue; }
    check_keys(r, *mt, {"id", "name", "phrases", "units", "sum", "readings"}, "[[mentions]] ");
    Mention m;
    m.loc = r.loc(mn);
    m.id = r.get<std::string>(*mt, "id", "规则编号，如 R8").value_or("?");
    m.name = r.get<std::string>(*mt, "name", "概念名称").value_or("");
    m.phrases = read_phrases(r, *mt, "phrases", mn, "[[mentions]] " + m.name + " ");
    for (const Phrase& p : read_phrases(r, *mt, "units", mn, "[[mentions]] " + m.name + " ")) {
      if (p.size() == 1) m.units.push_back(p[0].text);
      else r.error(mn, "[[mentions]] " + m.name + " 的 units 应为不含 … 的文字，如 \"件\"");
    }
    const toml::node* sum = mt->get("sum");
    const toml::node* readings = mt->get("readings");
    bool typed = false;
    if (sum && readings) {
      r.error(*readings, "[[mentions]] " + m.name + " 只能有 sum（一种读法）或 readings（几种读法）之一");
    } else if (sum) {
      if (auto x = read_reading(r, *sum, l, m, typed)) m.readings.push_back(std::move(*x));
    } else if (const toml::array* a = readings ? readings->as_array() : nullptr; a && !a->empty()) {
      for (const auto& x : *a)
        if (auto reading = read_reading(r, x, l, m, typed)) m.readings.push_back(std::move(*reading));
    } else {
      r.error(readings ? *readings : mn,
              "[[mentions]] " + m.name + " 须有 sum（表格单元格）或非空的 readings（几种读法，每种为单元格的数组）");
    }
    l.mentions.push_back(std::move(m));
  }
}

}  // namespace nb::layout::detail
