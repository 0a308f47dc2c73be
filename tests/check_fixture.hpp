// Checking reports in process: editing a sample's text, and reading and checking it
// with every diagnostic formatted (check_test, prose_test). Include after
// <boost/test/unit_test.hpp>.
#pragma once
#include <regex>

#include "check/check.hpp"
#include "input/report.hpp"
#include "layout/catalog.hpp"
#include "support.hpp"

namespace nbtest {

// Replaces the array of `key` (a line "key = [...]"), keeping what precedes it so
// the columns of the file stay where they were.
inline std::string set_row(std::string text, const std::string& key, const std::string& array) {
  std::regex row("^(" + key + " *= *)\\[[^\\]]*\\]", std::regex::multiline);
  BOOST_REQUIRE(std::regex_search(text, row));
  return std::regex_replace(text, row, "$1" + array, std::regex_constants::format_first_only);
}

inline std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto pos = text.find(from);
  BOOST_REQUIRE(pos != std::string::npos);
  return text.replace(pos, from.size(), to);
}

struct CheckFixture {
  nb::layout::Catalog layouts;
  CheckFixture() {
    nb::Diagnostics d;
    BOOST_REQUIRE(layouts.load_dir(kSourceDir + "/layouts", d));
  }
  std::optional<nb::input::Report> parse(const std::string& path, const std::string& text, nb::Diagnostics& d) {
    return nb::input::read(
        source(path, text), [&](const std::string& id, int y) { return layouts.find(id, y); }, d);
  }
  // Reads and checks `text` (as r.toml); every diagnostic, formatted.
  std::vector<std::string> diagnose(const std::string& text, const std::string& previous = "") {
    nb::Diagnostics d;
    auto r = parse("r.toml", text, d);
    BOOST_REQUIRE(r);
    std::optional<nb::input::Report> prev;
    std::optional<nb::check::Figures> prev_figures;
    nb::check::Options opt;
    if (!previous.empty()) {
      nb::Diagnostics pd;
      prev = parse("p.toml", previous, pd);
      BOOST_REQUIRE(prev);
      prev_figures = nb::check::derive(*prev, pd);
      BOOST_REQUIRE(prev_figures);
      opt.previous = &*prev_figures;
    }
    nb::Diagnostics cd;
    const bool ok = nb::check::run(std::move(*r), opt, cd).has_value();
    BOOST_CHECK_EQUAL(ok, !cd.has_errors());
    std::vector<std::string> out;
    for (const auto& x : cd.list()) out.push_back(format(x));
    return out;
  }
};

}  // namespace nbtest
