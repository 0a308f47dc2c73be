#include "cli/toml_edit.hpp"

#include <toml++/toml.h>

#include <cstdio>

#include "core/numerals.hpp"
#include "core/utf8.hpp"

namespace nb::cli {

namespace {

size_t offset_of(const std::string& text, toml::source_position p) { return byte_offset(text, p.line, p.column); }

size_t line_start(const std::string& text, size_t at) {
  size_t nl = at == 0 ? std::string::npos : text.rfind('\n', at - 1);
  return nl == std::string::npos ? 0 : nl + 1;
}

// Just past the newline ending the line that holds `at` (its comment included).
size_t next_line(const std::string& text, size_t at) {
  size_t nl = text.find('\n', at);
  return nl == std::string::npos ? text.size() : nl + 1;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Where a new key=value line of `table` goes: after the line of its last value,
// after its header when it has none; for the root, before the first table.
size_t insertion_point(const std::string& text, const toml::table& table, bool root) {
  toml::source_position last{0, 0};
  for (auto&& [key, node] : table) {
    if (root && (node.is_table() || node.is_array_of_tables())) continue;
    const auto end = node.source().end;
    if (end.line > last.line || (end.line == last.line && end.column > last.column)) last = end;
  }
  if (last.line) return next_line(text, offset_of(text, last));
  if (!root) return next_line(text, offset_of(text, table.source().end));
  // No key at the root: after the comment lines the file opens with.
  size_t at = 0;
  while (at < text.size() && (text[at] == '#' || text[at] == '\n')) at = next_line(text, at);
  return at;
}

std::string path_name(const std::vector<std::string>& path) {
  std::string s;
  for (const auto& k : path) s += (s.empty() ? "" : ".") + k;
  return s;
}

// One edit; an error message, or empty.
std::string apply_one(std::string& text, const Edit& e) {
  if (e.path.empty()) return "修改的位置为空";
  toml::table doc;
  try {
    doc = toml::parse(text);
  } catch (const toml::parse_error&) {
    return "文件有 TOML 语法错误，网页无法逐项修改：请在“TOML 原文”中改正";
  }
  toml::table* parent = &doc;
  bool root = true;
  for (size_t i = 0; i + 1 < e.path.size(); ++i) {
    toml::node* next = parent->get(e.path[i]);
    if (!next) {  // a new table, at the end of the file
      if (!e.toml) return {};
      if (i + 2 != e.path.size()) return "没有 " + path_name(e.path) + " 所在的表";
      if (!text.empty() && text.back() != '\n') text += '\n';
      text += "\n[" + e.path[i] + "]\n" + e.path.back() + " = " + *e.toml + "\n";
      return {};
    }
    parent = next->as_table();
    if (!parent) return path_name({e.path.begin(), e.path.begin() + i + 1}) + " 不是一个表：请在“TOML 原文”中修改";
    if (parent->is_inline()) return path_name({e.path.begin(), e.path.begin() + i + 1}) + " 写成了内联表 { … }：请在“TOML 原文”中修改";
    root = false;
  }
  const std::string& key = e.path.back();
  auto it = parent->find(key);
  if (it == parent->end()) {
    if (!e.toml) return {};
    const size_t at = insertion_point(text, *parent, root);
    text.insert(at, (at > 0 && text[at - 1] != '\n' ? "\n" : "") + key + " = " + *e.toml + "\n");
    return {};
  }
  const toml::node& node = it->second;
  if (node.is_table() || node.is_array_of_tables()) return path_name(e.path) + " 是一个表，不能写成一个值";
  const size_t begin = offset_of(text, node.source().begin), end = offset_of(text, node.source().end);
  if (begin >= end || end > text.size()) return "无法确定 " + path_name(e.path) + " 在文件中的位置";
  if (e.toml) {
    text.replace(begin, end - begin, *e.toml);
    return {};
  }
  // Removed: the lines from the key's to the value's, when nothing else is on them.
  const size_t key_at = offset_of(text, it->first.source().begin), from = line_start(text, key_at);
  const size_t to = next_line(text, end);
  std::string_view rest(text.data() + end, to - end);
  const size_t hash = rest.find('#');
  if (!blank(std::string_view(text.data() + from, key_at - from)) || !blank(rest.substr(0, hash)))
    return path_name(e.path) + " 与别的内容写在同一行：请在“TOML 原文”中删去";
  text.erase(from, to - from);
  return {};
}

// `typed` as the only value of a one-line TOML document, when it is one.
std::optional<toml::node_type> literal_type(std::string_view typed) {
  if (typed.empty() || typed.find_first_of("#\n\r=[]{}\"'") != std::string_view::npos) return std::nullopt;
  try {
    toml::table t = toml::parse("v = " + std::string(typed));
    if (const toml::node* v = t.get("v")) return v->type();
  } catch (const toml::parse_error&) {
  }
  return std::nullopt;
}

std::string trimmed(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

}  // namespace

size_t byte_offset(std::string_view text, uint32_t line, uint32_t column) {
  size_t at = 0;
  for (uint32_t l = 1; l < line; ++l) {
    const size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) return text.size();
    at = nl + 1;
  }
  for (uint32_t col = 1; col < column && at < text.size() && text[at] != '\n'; ++col) {
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  }
  return at;
}

Edited apply_edits(std::string text, const std::vector<Edit>& edits) {
  Edited out{text, {}};
  for (const auto& e : edits)
    if (std::string err = apply_one(out.text, e); !err.empty()) return {std::move(text), err};
  return out;
}

std::string toml_string(std::string_view s, bool multiline) {
  std::string o = multiline ? "\"\"\"\n" : "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\\') o += "\\\\";
    // In a multi-line string only a quote before another, or before the closing ones, must be escaped.
    else if (c == '"') o += !multiline || i + 1 == s.size() || s[i + 1] == '"' ? "\\\"" : "\"";
    else if (c == '\n') o += multiline ? "\n" : "\\n";
    else if (c == '\t') o += multiline ? "\t" : "\\t";
    else if (c == '\r') continue;
    else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", c);
      o += buf;
    } else o += static_cast<char>(c);
  }
  if (multiline && (o.size() == 4 || o.back() != '\n')) o += '\n';
  return o + (multiline ? "\"\"\"" : "\"");
}

std::string toml_figure(std::string_view typed) {
  const std::string t = trimmed(typed);
  const auto type = literal_type(t);
  if (type == toml::node_type::integer || type == toml::node_type::floating_point) return t;
  if (auto plain = plain_number(t); plain && literal_type(*plain) != toml::node_type::none) return *plain;
  return toml_string(t, false);
}

namespace {

// 2021年1月31日, 2021/1/31, 2021.1.31, 2021-1-31 (digits ASCII or full-width) as
// 2021-01-31; "" when the text is none of these.
std::string iso_date(std::string_view typed) {
  auto t = decode_utf8(typed);
  if (!t) return "";
  size_t i = 0;
  auto digits = [&](size_t most) {
    std::string d;
    for (; i < t->size() && d.size() < most; ++i) {
      char32_t c = (*t)[i];
      if (c >= U'０' && c <= U'９') c = c - U'０' + U'0';
      if (c < U'0' || c > U'9') break;
      d += static_cast<char>(c);
    }
    return d;
  };
  auto sep = [&](std::u32string_view allowed) { return i < t->size() && allowed.find((*t)[i++]) != std::u32string_view::npos; };
  const std::string y = digits(4);
  if (y.size() != 4 || !sep(U"年/.-／．－")) return "";
  const std::string m = digits(2);
  if (m.empty() || !sep(U"月/.-／．－")) return "";
  const std::string d = digits(2);
  if (d.empty()) return "";
  if (i < t->size() && ((*t)[i] == U'日' || (*t)[i] == U'号')) ++i;
  if (i != t->size()) return "";
  return y + "-" + (m.size() == 1 ? "0" : "") + m + "-" + (d.size() == 1 ? "0" : "") + d;
}

}  // namespace

std::string toml_date(std::string_view typed) {
  const std::string t = trimmed(typed);
  if (literal_type(t) == toml::node_type::date) return t;
  if (const std::string iso = iso_date(t); !iso.empty() && literal_type(iso) == toml::node_type::date) return iso;
  return toml_string(t, false);
}

}  // namespace nb::cli
