// Reading a layout file: typed lookups with located errors (private to nb_layout).
#pragma once
#include <optional>
#include <string>

#include "core/toml_util.hpp"
#include "layout/layout.hpp"

namespace nb::layout::detail {

class Reader {
 public:
  Reader(SourceRef src, Diagnostics& d) : src_(std::move(src)), d_(d) {}

  Loc loc(const toml::node& n) const { return loc_of(src_, n); }
  void error(const toml::node& n, const std::string& msg) { d_.error(loc_of(src_, n), "版式文件：" + msg); }
  void error(const Loc& at, const std::string& msg) { d_.error(at, "版式文件：" + msg); }
  void error_at(const toml::source_region& r, const std::string& msg) {
    d_.error(loc_of(src_, r), "版式文件：" + msg);
  }

  template <class T>
  std::optional<T> get(const toml::table& t, const char* key, const char* what, bool required = true) {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required) error_at(t.source(), std::string("缺少键 ") + key + "（" + what + "）");
      return std::nullopt;
    }
    if (auto v = n->value<T>()) return *v;
    error(*n, std::string("键 ") + key + " 应为" + what + "，实际为" + type_name(*n));
    return std::nullopt;
  }

  const toml::table* table(const toml::table& t, const char* key) {
    const toml::node* n = t.get(key);
    if (!n) { error_at(t.source(), std::string("缺少表 [") + key + "]"); return nullptr; }
    if (!n->is_table()) { error(*n, std::string("键 ") + key + " 应为表"); return nullptr; }
    return n->as_table();
  }

 private:
  SourceRef src_;
  Diagnostics& d_;
};

// [[tables.ID.rules]] of one table, after its grid and fields are read.
void read_rules(Reader& r, const toml::table& t, Table& tab);
// [[mentions]], after every table is read.
void read_mentions(Reader& r, const toml::table& doc, Layout& l);

}  // namespace nb::layout::detail
