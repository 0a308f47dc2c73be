// The official tables as printed: every figure in its row and column (read back
// with pdftotext -bbox-layout), and tables split across pages keeping their
// header and spanning labels.
#define BOOST_TEST_MODULE tables
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <numeric>
#include <set>

#include "bbox.hpp"
#include "layout/catalog.hpp"

using namespace nbtest;
using namespace nb;

namespace {

constexpr double kMm = 72.0 / 25.4;
const double kLeft = 28 * kMm, kWidth = 156 * kMm;

const layout::Layout& layout_2019() {
  static layout::Catalog c;
  static bool loaded = false;
  if (!loaded) {
    Diagnostics d;
    c.load_dir(kSourceDir + "/layouts", d);
    loaded = true;
  }
  return *c.find("2019", 0);
}

std::string array(const std::vector<std::string>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
  return s + "]";
}

// Distinct, consistent figures (R1–R4 hold) for every cell of the 2019 tables.
std::map<std::string, std::vector<std::string>> figures_2019() {
  std::map<std::string, std::vector<std::string>> f;
  f["rules"] = {"11", "12", "13"};
  f["normative_docs"] = {"14", "15", "16"};
  f["licensing"] = {"21", "-2", "23"};
  f["other_services"] = {"24", "25", "26"};
  f["penalty"] = {"31", "32", "33"};
  f["coercion"] = {"34", "35", "36"};
  f["fees"] = {"41", "42"};
  f["procurement"] = {"43", "44.5"};
  f["published_total"] = {"51"};
  const std::vector<std::string> results = {
      "granted", "partial", "withheld_secret", "withheld_law", "withheld_security", "withheld_third_party",
      "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query", "unable_no_info",
      "unable_need_create", "unable_unclear", "declined_petition", "declined_repeat", "declined_publication",
      "declined_massive", "declined_confirm", "other"};
  auto row = [](std::vector<long> v) {
    v.push_back(std::accumulate(v.begin(), v.end(), 0L));
    std::vector<std::string> s;
    for (long x : v) s.push_back(std::to_string(x));
    return s;
  };
  std::vector<long> total(6, 0), carried(6), forward(6), fresh(6);
  for (size_t i = 0; i < results.size(); ++i) {
    std::vector<long> v;
    for (long c = 0; c < 6; ++c) v.push_back((i + 1) * 100 + c + 1), total[c] += v.back();
    f[results[i]] = row(v);
  }
  for (long c = 0; c < 6; ++c) {
    carried[c] = 7001 + c;
    forward[c] = 8001 + c;
    fresh[c] = total[c] + forward[c] - carried[c];
  }
  f["total"] = row(total);
  f["carried_over"] = row(carried);
  f["carry_forward"] = row(forward);
  f["new"] = row(fresh);
  f["reconsideration"] = {"61", "62", "63", "64", "250"};
  f["litigation_direct"] = {"65", "66", "67", "68", "266"};
  f["litigation_after"] = {"69", "70", "71", "72", "282"};
  return f;
}

// The sample with the given figures and extra prose before table 三.
std::string report_2019(const std::map<std::string, std::vector<std::string>>& f, int filler = 0) {
  std::string s = read_file(kSourceDir + "/input/quanan-2020.toml");
  for (const auto& [key, v] : f) {
    size_t at = s.find("\n" + key + " ");
    BOOST_REQUIRE(at != std::string::npos);
    size_t eq = s.find('=', at), end = s.find('#', eq);
    std::string value = v.size() == 1 && key == "published_total" ? v[0] : array(v);
    s.replace(eq + 2, end - eq - 2, value + "   ");
  }
  if (filler > 0) {
    std::string text = "text = \"\"\"\n";
    for (int i = 0; i < filler; ++i) text += "本段用于把表格推到页面下方，检验表格跨页时的表头和跨行标签。\n\n";
    text += "\"\"\"\n";
    s.insert(s.find("\n", s.find("[requests]")) + 1, text);
  }
  return s;
}

struct Built {
  TempDir dir;
  std::vector<TextPage> pages;
  explicit Built(const std::string& toml) {
    write_file(dir.file("t.toml"), toml);
    Output o = run(kBinary + " build " + dir.file("t.toml") + " -o " + dir.path.string());
    BOOST_TEST_INFO(o.err);
    BOOST_REQUIRE_EQUAL(o.code, 0);
    pages = read_bbox(dir.file("t.pdf"));
  }
};

// x range of grid columns [c0, c1) of a table.
std::pair<double, double> columns(const layout::Table& t, int c0, int c1) {
  double total = std::accumulate(t.widths.begin(), t.widths.end(), 0.0);
  double a = kLeft + std::accumulate(t.widths.begin(), t.widths.begin() + c0, 0.0) / total * kWidth;
  double b = kLeft + std::accumulate(t.widths.begin(), t.widths.begin() + c1, 0.0) / total * kWidth;
  return {a, b};
}

std::vector<const TextWord*> words(const TextPage& p) {
  std::vector<const TextWord*> out;
  for (const auto& l : p.lines)
    for (const auto& w : l.words) out.push_back(&w);
  return out;
}

// Text of the words whose centre lies in [x0, x1), top to bottom.
std::string column_text(const TextPage& p, double x0, double x1) {
  std::vector<const TextWord*> ws;
  for (const auto* w : words(p))
    if (w->cx() >= x0 && w->cx() < x1) ws.push_back(w);
  std::sort(ws.begin(), ws.end(), [](auto* a, auto* b) { return a->cy() < b->cy() || (a->cy() == b->cy() && a->x0 < b->x0); });
  std::string s;
  for (const auto* w : ws) s += w->text;
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_2019_figure_lands_in_its_row_and_column) {
  auto f = figures_2019();
  Built b(report_2019(f));
  const auto& l = layout_2019();
  size_t checked = 0;
  for (const auto& [id, table] : l.tables) {
    for (const auto& cell : table.cells) {
      if (cell.field < 0 || !cell.text.empty()) continue;
      const auto& field = table.fields[cell.field];
      std::string value = f.at(field.key).at(cell.column);
      auto [x0, x1] = columns(table, cell.col, cell.col + cell.colspan);
      // The figure, in its column, on the same line as its row's label.
      bool found = false;
      for (const auto& page : b.pages)
        for (const auto& line : page.lines)
          for (const auto& w : line.words)
            if (w.text == value && w.cx() > x0 && w.cx() < x1) {
              bool same_row = field.label.empty();
              for (const auto* other : words(page))
                if (std::fabs(other->cy() - w.cy()) < 10 && other->cx() < x0 &&  // rows are >= 21 pt apart
                    other->text.size() >= 4 && field.label.find(other->text.substr(0, std::min<size_t>(other->text.size(), 9))) != std::string::npos)
                  same_row = true;
              found = found || same_row || id == "review";
            }
      BOOST_TEST_INFO(id << "." << field.key << "[" << cell.column << "] = " << value);
      BOOST_CHECK(found);
      ++checked;
    }
  }
  BOOST_CHECK_EQUAL(checked, 22u + 23 * 7 + 15);
}

BOOST_AUTO_TEST_CASE(a_split_table_repeats_its_header_and_spanning_labels) {
  const auto& t = layout_2019().tables.at("requests");
  auto [l0, l1] = columns(t, 0, 1);  // 三、本年度办理结果
  auto [m0, m1] = columns(t, 1, 2);  // （三）不予公开 …
  int splits_inside_span = 0;
  for (int filler = 0; filler <= 24; filler += 2) {
    Built b(report_2019(figures_2019(), filler));
    int pages_with_span = 0;
    for (const auto& page : b.pages) {
      std::set<std::string> present;
      for (const auto* w : words(page)) present.insert(w->text);
      bool has_rows = present.count("101") || present.count("1906") || present.count("8001") || present.count("301");
      if (!has_rows) continue;
      BOOST_TEST_INFO("filler " << filler);
      BOOST_CHECK(present.count("申请人情况"));  // the header repeated
      bool span_rows = present.count("101") || present.count("1906") || present.count("301");
      if (!span_rows) continue;
      ++pages_with_span;
      std::string label = column_text(page, l0, l1);
      BOOST_CHECK(label.find("三、本年度办理结果") != std::string::npos);
      if (present.count("301") || present.count("1001")) {  // rows of （三）不予公开
        BOOST_CHECK(column_text(page, m0, m1).find("（三）不予公开") != std::string::npos);
      }
    }
    if (pages_with_span > 1) ++splits_inside_span;
  }
  BOOST_CHECK_GE(splits_inside_span, 1);  // the filler did force a split inside the span
}
