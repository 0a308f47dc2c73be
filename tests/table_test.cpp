// The official tables as printed: every figure in its row and column (read back
// with pdftotext -bbox-layout), and tables split across pages keeping their
// header and spanning labels.
#define BOOST_TEST_MODULE tables
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <numeric>
#include <set>

#include "bbox.hpp"
#include "check/check.hpp"
#include "compose/document.hpp"
#include "core/utf8.hpp"
#include "layout/catalog.hpp"
#include "typeset/table.hpp"

using namespace nbtest;
using namespace nb;

namespace {

constexpr double kMm = 72.0 / 25.4;
const double kLeft = 28 * kMm, kWidth = 156 * kMm;

const layout::Layout& layout_of(const std::string& id) {
  static layout::Catalog c;
  static bool loaded = false;
  if (!loaded) {
    Diagnostics d;
    c.load_dir(kSourceDir + "/layouts", d);
    loaded = true;
  }
  return *c.find(id, 0);
}
const layout::Layout& layout_2019() { return layout_of("2019"); }

std::string array(const std::vector<std::string>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
  return s + "]";
}

// Distinct, consistent figures (R1–R4 hold) for every cell of a format's tables.
std::map<std::string, std::vector<std::string>> figures(const layout::Layout& l) {
  std::map<std::string, std::vector<std::string>> f;
  int next = 11;
  for (const auto& field : l.tables.at("proactive").fields) {
    for (auto type : field.types) {
      std::string v = std::to_string(next++);
      if (type == layout::FigureType::Change) v = "-" + v;
      if (type == layout::FigureType::Amount) v += ".5";
      f[field.key].push_back(v);
    }
  }
  auto row = [](std::vector<long> v) {
    v.push_back(std::accumulate(v.begin(), v.end(), 0L));
    std::vector<std::string> s;
    for (long x : v) s.push_back(std::to_string(x));
    return s;
  };
  std::vector<long> total(6, 0), carried(6), forward(6), fresh(6);
  size_t i = 0;
  for (const auto& field : l.tables.at("requests").fields) {
    if (field.key == "new" || field.key == "carried_over" || field.key == "total" || field.key == "carry_forward") continue;
    std::vector<long> v;
    for (long c = 0; c < 6; ++c) v.push_back((i + 1) * 100 + c + 1), total[c] += v.back();
    f[field.key] = row(v);
    ++i;
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

std::map<std::string, std::vector<std::string>> figures_2019() { return figures(layout_2019()); }

// The sample with the given figures and extra prose before the table of `section`.
std::string report(const std::string& sample, const std::map<std::string, std::vector<std::string>>& f,
                   int filler = 0, const std::string& section = "requests") {
  std::string s = read_file(kSourceDir + "/input/" + sample);
  for (const auto& [key, v] : f) {
    std::string value = v.size() == 1 ? v[0] : array(v);
    size_t at = s.find("\n" + key + " ");
    if (at == std::string::npos) {  // a derivable row the sample leaves out
      s.insert(s.find("\n", s.find("\ncarry_forward")) + 1, key + " = " + value + "\n");
      continue;
    }
    size_t eq = s.find('=', at), end = s.find_first_of("#\n", eq);
    s.replace(eq + 2, end - eq - 2, value + "   ");
  }
  if (filler > 0) {
    std::string text = "text = \"\"\"\n";
    for (int i = 0; i < filler; ++i) text += "本段用于把表格推到页面下方，检验表格跨页时的表头和跨行标签。\n\n";
    text += "\"\"\"\n";
    const size_t table = s.find("\n[" + section + "]");
    const size_t old_text = s.find("\ntext", table);  // the section's own text goes
    if (old_text != std::string::npos && old_text < s.find("\n[", table + 1)) {
      const size_t end = s.find("\"\"\"", s.find("\"\"\"", old_text) + 3) + 3;
      s.erase(old_text + 1, end - old_text);
    }
    s.insert(s.find("\n", table + 1) + 1, text);
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

// Every figure printed once, in its column (the columns' widths follow the figures:
// each column's figures share one centre, columns left to right in the layout's
// order, all within the type area); the figures of a row on one line; rows in the
// layout's order down the page.
void check_figures(const std::string& format, const std::string& sample, size_t expected) {
  const auto& l = layout_of(format);
  auto f = figures(l);
  Built b(report(sample, f));
  size_t checked = 0;
  for (const auto& [id, table] : l.tables) {
    std::map<std::pair<int, int>, std::vector<double>> centres;  // (grid column, span) -> x of its figures
    double prev_y = -1;
    size_t prev_page = 0;
    int prev_row = -1;
    for (const auto& field : table.fields) {
      double row_y = -1;
      size_t row_page = 0;
      for (const auto& cell : table.cells) {
        if (&table.fields[cell.field < 0 ? 0 : cell.field] != &field || cell.field < 0 || !cell.text.empty()) continue;
        std::string value = f.at(field.key).at(cell.column);
        const double x0 = kLeft, x1 = kLeft + kWidth;
        int hits = 0;
        for (size_t p = 0; p < b.pages.size(); ++p)
          for (const auto& line : b.pages[p].lines)
            for (const auto& word : line.words)
              if (const auto* w = &word; line.height() < 15.5 && w->text == value && w->cx() > x0 && w->cx() < x1) {
              ++hits;
              centres[{cell.col, cell.colspan}].push_back(w->cx());
              BOOST_TEST_INFO(format << " " << id << "." << field.key << "[" << cell.column << "] = " << value);
              if (row_y < 0) row_y = w->cy(), row_page = p;
              else BOOST_CHECK(p == row_page && std::fabs(w->cy() - row_y) < 1);  // one line per row
            }
        BOOST_TEST_INFO(format << " " << id << "." << field.key << "[" << cell.column << "] = " << value);
        BOOST_CHECK_EQUAL(hits, 1);
        ++checked;
      }
      if (row_y < 0) continue;
      // Fields sharing a row of the layout (table 四) share a line.
      int layout_row = -1;
      for (const auto& cell : table.cells)
        if (cell.field >= 0 && &table.fields[cell.field] == &field) layout_row = cell.row;
      BOOST_TEST_INFO(format << " " << id << "." << field.key << " after the row before it");
      if (layout_row == prev_row) BOOST_CHECK(row_page == prev_page && std::fabs(row_y - prev_y) < 1);
      else BOOST_CHECK(row_page > prev_page || (row_page == prev_page && row_y > prev_y));
      prev_y = row_y;
      prev_page = row_page;
      prev_row = layout_row;
    }
    double prev_x = 0;
    for (const auto& [col, xs] : centres) {
      BOOST_TEST_INFO(format << " " << id << " column " << col.first << " span " << col.second);
      BOOST_CHECK_LT(*std::max_element(xs.begin(), xs.end()) - *std::min_element(xs.begin(), xs.end()), 1.0);
      if (col.second != 1) continue;
      BOOST_CHECK_GT(xs.front(), prev_x);
      prev_x = xs.front();
    }
  }
  BOOST_CHECK_EQUAL(checked, expected);
}

BOOST_AUTO_TEST_CASE(every_2019_figure_lands_in_its_row_and_column) {
  check_figures("2019", "quanan-2020.toml", 22u + 23 * 7 + 15);
}

BOOST_AUTO_TEST_CASE(every_2021_figure_lands_in_its_row_and_column) {
  check_figures("2021", "sample-2021.toml", 10u + 25 * 7 + 15);
}

BOOST_AUTO_TEST_CASE(a_split_table_repeats_its_header_and_spanning_labels) {
  const auto& t = layout_2019().tables.at("requests");
  auto [l0, l1] = columns(t, 0, 1);  // 三、本年度办理结果
  auto [m0, m1] = columns(t, 1, 2);  // （三）不予公开 …
  int splits_inside_span = 0;
  for (int filler = 0; filler <= 24; filler += 2) {
    Built b(report("quanan-2020.toml", figures_2019(), filler));
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
      BOOST_TEST_INFO("filler " << filler);
      BOOST_CHECK(label.find("三、本年度办理结果") != std::string::npos);
      if (present.count("301") || present.count("1001")) {  // rows of （三）不予公开
        BOOST_CHECK(column_text(page, m0, m1).find("（三）不予公开") != std::string::npos);
      }
    }
    if (pages_with_span > 1) ++splits_inside_span;
  }
  BOOST_CHECK_GE(splits_inside_span, 1);  // the filler did force a split inside the span
}

// No label of either format's tables ends on a lone Han character (不予公/开) when
// a balanced break with the same number of lines avoids it (issue 16, item 6d).
BOOST_AUTO_TEST_CASE(no_label_ends_on_one_han_character) {
  nb::font::FontLibrary fonts({"/usr/local/share/fonts", "/usr/share/fonts"});
  int multi_line = 0;
  for (const std::string& sample : {kSample2019, kSample2021}) {
    nb::Diagnostics d;
    auto report = nb::input::read(
        source(sample, read_file(sample)), [](const std::string& id, int y) {
          return id.empty() ? (y <= 2020 ? &layout_of("2019") : &layout_of("2021")) : &layout_of(id);
        }, d);
    BOOST_REQUIRE(report);
    auto checked = nb::check::run(std::move(*report), {}, d);
    BOOST_REQUIRE(checked);
    const nb::compose::Document doc = nb::compose::compose(*checked);
    const auto roles = nb::typeset::resolve_roles(*doc.layout, doc.fonts, fonts);
    for (const auto& b : doc.blocks) {
      const auto* t = std::get_if<nb::compose::Table>(&b);
      if (!t) continue;
      nb::typeset::Result out;
      const auto tl = nb::typeset::measure_table(*t, kWidth, roles, out, d);
      for (size_t i = 0; i < t->cells.size(); ++i) {
        const auto& lines = tl.cell_lines[i];
        if (t->cells[i].figure || lines.size() < 2) continue;
        ++multi_line;
        std::u32string text;
        for (const auto& l : lines) {
          for (const auto& a : l.atoms) text += a.ch;
          text += U'/';
        }
        BOOST_TEST_INFO(nb::encode_utf8(text));
        // Alone it may be only where the line above has two (自然/人, a column two
        // characters wide): taking one down would leave another alone.
        const auto& last = lines.back().atoms;
        const bool lone = last.size() == 1 && last[0].cls == nb::typeset::CharClass::Ideo &&
                          last[0].punct == nb::typeset::Punct::None;
        BOOST_CHECK(!lone || lines[lines.size() - 2].atoms.size() <= 2);
      }
    }
  }
  BOOST_CHECK_GT(multi_line, 20);
}

// Table 二 of both formats split at every filler: each page that continues a group
// (第二十条第（…）项) shows the group's title and its 信息内容… row above its rows.
BOOST_AUTO_TEST_CASE(a_split_group_repeats_its_title_and_header) {
  const std::vector<std::string> data = {"规章", "规范性文件", "行政规范性文件", "行政许可", "其他对外管理服务事项",
                                         "行政处罚", "行政强制", "行政事业性收费", "政府集中采购"};
  for (const std::string format : {"2019", "2021"}) {
    int split = 0;
    for (int filler = 0; filler <= 36; ++filler) {
      Built b(report(format == "2019" ? "quanan-2020.toml" : "sample-2021.toml", figures(layout_of(format)), filler,
                     "proactive"));
      int pages = 0;
      struct Title {
        std::string text;
        double y = -1;
      } last_title;  // the lowest group title of the page before
      double last_data = 0;
      for (const auto& page : b.pages) {
        double first_data = 1e9, lowest_data = 0, title = 1e9, header = 1e9;
        Title first_title, lowest_title;
        for (const auto* w : words(page)) {
          if (std::find(data.begin(), data.end(), w->text) != data.end()) {
            first_data = std::min(first_data, w->cy());
            lowest_data = std::max(lowest_data, w->cy());
          }
          if (w->text.rfind("第二十条第", 0) == 0) title = std::min(title, w->cy());
          if (w->text == "信息内容") header = std::min(header, w->cy());
        }
        for (const auto& line : page.lines)
          if (line.text.rfind("第二十条第", 0) == 0) {
            const double y = (line.y0 + line.y1) / 2;
            if (first_title.y < 0 || y < first_title.y) first_title = {line.text, y};
            if (y > lowest_title.y) lowest_title = {line.text, y};
          }
        if (first_data == 1e9) continue;
        ++pages;
        BOOST_TEST_INFO(format << ", filler " << filler);
        BOOST_CHECK_LT(title, header);
        BOOST_CHECK_LT(header, first_data);
        // Split within a group only where splitting before its title would have
        // left more than 3 lines blank (issue 16, item 6b: group boundaries first).
        if (pages > 1 && first_title.text == last_title.text) {
          BOOST_TEST_INFO(format << ", filler " << filler << ": " << last_title.text << " split");
          BOOST_CHECK_GT(last_data - last_title.y, 2.6 * 225 * kMm / 22);
        }
        last_title = lowest_title;
        last_data = lowest_data;
      }
      if (pages > 1) ++split;
    }
    BOOST_TEST_INFO(format);
    BOOST_CHECK_GE(split, 3);  // the fillers did split the table
  }
}

// Figures too wide for their columns: the figure columns widen first, then every
// figure of the table takes one smaller size, never below 8 pt up to 9 digits
// (issue 16, item 6c). Word heights (pdftotext) are proportional to the size.
BOOST_AUTO_TEST_CASE(a_table_sets_its_figures_at_one_size_of_8_pt_or_more) {
  double height_at_10_5 = 0;
  for (long scale : {1L, 1000L, 10000L}) {
    auto f = figures(layout_2019());
    std::set<std::string> values;
    for (const auto& field : layout_2019().tables.at("requests").fields)
      for (auto& v : f.at(field.key)) values.insert(v = std::to_string(std::stol(v) * scale));
    Built b(report("quanan-2020.toml", f));
    std::vector<double> heights;
    size_t longest = 0;
    for (const auto& page : b.pages)
      for (const auto* w : words(page))
        if (values.count(w->text) && w->text.size() <= 9)  // longer figures may be smaller still
          heights.push_back(w->y1 - w->y0), longest = std::max(longest, w->text.size());
    BOOST_TEST_INFO("scale " << scale << ", " << longest << " digits");
    BOOST_REQUIRE_GE(heights.size(), 20u * 7);
    const auto [lo, hi] = std::minmax_element(heights.begin(), heights.end());
    BOOST_TEST_MESSAGE("scale " << scale << ": " << *lo << " to " << *hi << ", " << longest << " digits");
    BOOST_CHECK_LT(*hi - *lo, 0.05);  // one size
    if (scale == 1) height_at_10_5 = *lo;
    BOOST_CHECK_GE(*lo, height_at_10_5 * 8 / 10.5 - 0.05);
    if (scale == 1000) BOOST_CHECK_LT(*lo, height_at_10_5 - 0.5);  // 9 digits did need a smaller size
  }
}

// A table split at every filler length leaves at most 4 grid lines blank at the
// foot of the page it starts on, unless the next page starts with a section
// heading that keeps with the table (issue 16, item 6b).
BOOST_AUTO_TEST_CASE(a_split_table_leaves_no_more_than_4_blank_lines) {
  const double pitch = 225 * kMm / 22, bottom = (37 + 225) * kMm;
  for (const std::string section : {"requests", "proactive"})
    for (const std::string format : {"2019", "2021"}) {
      for (int filler = 0; filler <= 30; ++filler) {
        Built b(report(format == "2019" ? "quanan-2020.toml" : "sample-2021.toml", figures(layout_of(format)), filler,
                       section));
        for (size_t p = 0; p + 1 < b.pages.size(); ++p) {
          double lowest = 0;
          for (const auto& line : b.pages[p].lines)
            if (line.y1 < bottom + 2) lowest = std::max(lowest, line.y1);  // not the page number
          const std::string next = b.pages[p + 1].lines.empty() ? "" : b.pages[p + 1].lines.front().text;
          const bool section_heading = next.size() > 6 && next.compare(3, 3, "、") == 0 &&
                                       std::string("一二三四五六").find(next.substr(0, 3)) != std::string::npos;
          BOOST_TEST_INFO(format << " " << section << ", filler " << filler << ", page " << p + 1 << ", next: " << next);
          if (!section_heading) BOOST_CHECK_LE((bottom - lowest) / pitch, 4.6);
        }
      }
    }
}
