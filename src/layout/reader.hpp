// Reading a layout file: typed lookups with located errors (private to nb_layout).
#pragma once
#include <optional>
#include <type_traits>
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
    // An integer only from an integer: toml++ 3.3 casts a float such as 5e40 to
    // int64_t without a range check (undefined behaviour; found by fuzz_layout).
    if constexpr (std::is_same_v<T, int64_t>) {
      if (auto v = n->value_exact<T>()) return *v;
    } else if (auto v = n->value<T>()) {
      return *v;
    }
    error(*n, std::string("键 ") + key + " 应为" + what + "，实际为" + type_name(*n));
    return std::nullopt;
  }

  // An integer in [lo, hi]; out of range is an error naming the range.
  std::optional<int> integer(const toml::table& t, const char* key, const char* what, int64_t lo, int64_t hi,
                             bool required = true) {
    auto v = get<int64_t>(t, key, what, required);
    if (!v) return std::nullopt;
    if (*v < lo || *v > hi) {
      error(*t.get(key), std::string("键 ") + key + "（" + what + "）应在 " + std::to_string(lo) + "–" +
                             std::to_string(hi) + " 之间，实际为 " + std::to_string(*v));
      return std::nullopt;
    }
    return static_cast<int>(*v);
  }

  // A finite number in [lo, hi] (integers accepted).
  std::optional<double> number(const toml::table& t, const char* key, const char* what, double lo, double hi,
                               bool required = true) {
    auto v = get<double>(t, key, what, required);
    if (!v) return std::nullopt;
    if (!(*v >= lo && *v <= hi)) {  // NaN fails too
      error(*t.get(key), std::string("键 ") + key + "（" + what + "）应为 " + trim(lo) + "–" + trim(hi) +
                             " 之间的数");
      return std::nullopt;
    }
    return *v;
  }

  const toml::table* table(const toml::table& t, const char* key) {
    const toml::node* n = t.get(key);
    if (!n) { error_at(t.source(), std::string("缺少表 [") + key + "]"); return nullptr; }
    if (!n->is_table()) { error(*n, std::string("键 ") + key + " 应为表"); return nullptr; }
    return n->as_table();
  }

 private:
  static std::string trim(double x) {
    std::string s = std::to_string(x);
    while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
      bool dot = s.back() == '.';
      s.pop_back();
      if (dot) break;
    }
    return s;
  }

  SourceRef src_;
  Diagnostics& d_;
};

// [[tables.ID.rules]] of one table, after its grid and fields are read.
void read_rules(Reader& r, const toml::table& t, Table& tab);
// [[mentions]], after every table is read.
void read_mentions(Reader& r, const toml::table& doc, Layout& l);

}  // namespace nb::layout::detail
