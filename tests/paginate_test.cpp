// The page builder: lone lines, headings kept with their text, grid positions.
#define BOOST_TEST_MODULE paginate
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <iostream>
#include <map>
#include <random>
#include <set>

#include "compose/document.hpp"
#include "core/utf8.hpp"
#include "layout/catalog.hpp"
#include "support.hpp"
#include "typeset/typeset.hpp"

using namespace nb;

namespace {

struct Env {
  layout::Catalog layouts;
  font::FontLibrary fonts{{"/usr/local/share/fonts", "/usr/share/fonts"}};
  Env() {
    Diagnostics d;
    layouts.load_dir(nbtest::kSourceDir + "/layouts", d);
  }
};

Env& env() {
  static Env e;
  return e;
}

std::u32string han(int n) { return std::u32string(n, U'中'); }

compose::Paragraph para(compose::Kind kind, const std::u32string& text) {
  compose::Paragraph p;
  p.kind = kind;
  compose::Run r;
  r.text = text;
  r.role = compose::style_role(kind);
  p.runs.push_back(r);
  return p;
}

// A body paragraph of exactly `lines` lines (2-character indent, 28 per line).
compose::Paragraph body(int lines) { return para(compose::Kind::Body, han(26 + 28 * (lines - 1))); }

// Distinct baselines per page.
std::vector<std::set<double>> lines_per_page(const typeset::Result& r) {
  std::vector<std::set<double>> out;
  for (const auto& p : r.pages) {
    out.emplace_back();
    for (const auto& run : p.runs)
      if (run.size == 16) out.back().insert(run.y);
  }
  return out;
}

// A table of `rows` rows (one a header) and two columns.
compose::Table table(int rows) {
  compose::Table t;
  t.widths = {2, 1};
  t.rows = rows;
  t.header_rows = 1;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < 2; ++c) {
      compose::TableCell cell;
      cell.row = r;
      cell.col = c;
      compose::Run run;
      run.text = r == 0 ? U"项目" : U"0";
      run.role = layout::Role::Table;
      cell.runs.push_back(run);
      t.cells.push_back(cell);
    }
  return t;
}

typeset::Result set(std::vector<compose::Block> blocks, const layout::Layout* l = nullptr) {
  compose::Document doc;
  doc.layout = l ? l : env().layouts.find("2019", 0);
  doc.blocks = std::move(blocks);
  Diagnostics d;
  auto r = typeset::typeset(doc, env().fonts, d);
  BOOST_REQUIRE(!d.has_errors());
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_full_page_holds_22_lines_on_the_grid) {
  auto r = set({body(30)});
  auto lines = lines_per_page(r);
  BOOST_REQUIRE_EQUAL(lines.size(), 2u);
  BOOST_CHECK_EQUAL(lines[0].size(), 22u);
  BOOST_CHECK_EQUAL(lines[1].size(), 8u);
  const double pitch = 225 * 72 / 25.4 / 22;
  double prev = 0;
  for (double y : lines[0]) {
    if (prev) BOOST_CHECK_SMALL(y - prev - pitch, 1e-9);
    prev = y;
  }
}

BOOST_AUTO_TEST_CASE(no_lone_line_at_the_foot_or_head_of_a_page) {
  for (int free = 1; free <= 4; ++free) {
    for (int n = std::max(2, free + 1); n <= 7; ++n) {  // too long for the room left
      auto r = set({body(22 - free), body(n)});
      auto lines = lines_per_page(r);
      BOOST_TEST_INFO("free " << free << ", paragraph of " << n);
      BOOST_REQUIRE_EQUAL(lines.size(), 2u);
      int on_first = static_cast<int>(lines[0].size()) - (22 - free);
      int on_second = static_cast<int>(lines[1].size());
      BOOST_CHECK_EQUAL(on_first + on_second, n);
      BOOST_CHECK(on_first != 1);
      BOOST_CHECK(on_second != 1);
    }
  }
}

// A heading keeps with the first min(2, n) lines of what follows, through a run of
// headings (一、 （一） 1.), wherever the run falls near a page foot.
BOOST_AUTO_TEST_CASE(a_heading_stack_keeps_with_the_start_of_its_text) {
  const compose::Kind kinds[] = {compose::Kind::Heading1, compose::Kind::Heading2, compose::Kind::Heading3};
  for (int depth = 1; depth <= 3; ++depth)
    for (int n = 1; n <= 3; ++n)
      for (int free = 1; free <= depth + 3; ++free) {
        std::vector<compose::Block> paras{body(22 - free)};
        for (int k = 0; k < depth; ++k) paras.push_back(para(kinds[k], U"一、总体情况"));
        paras.push_back(body(n));
        auto lines = lines_per_page(set(paras));
        BOOST_TEST_INFO("depth " << depth << ", text of " << n << " lines, " << free << " free");
        const int after_filler = static_cast<int>(lines[0].size()) - (22 - free);
        // Everything moves, or the stack stays with at least min(2, n) lines of its text.
        BOOST_CHECK(after_filler == 0 || after_filler >= depth + std::min(2, n));
        // The last heading and the text's first line are never on two pages.
        BOOST_CHECK(after_filler == 0 || after_filler > depth);
      }
  // 六、其他需要报告的事项 and 无。 in the last two lines of a page stay there.
  {
  auto lines = lines_per_page(set({body(20), para(compose::Kind::Heading1, U"六、其他需要报告的事项"), body(1)}));
  BOOST_REQUIRE_EQUAL(lines.size(), 1u);
  BOOST_CHECK_EQUAL(lines[0].size(), 22u);
  }
}

// A short paragraph ending in ： goes with its table when the table cannot start
// below it; another paragraph stays.
BOOST_AUTO_TEST_CASE(a_lead_in_keeps_with_its_table) {
  for (const char32_t* end : {U"见下表：", U"见下表。"}) {
    auto r = set({body(20), para(compose::Kind::Body, std::u32string(U"其它主动公开政府信息情况") + end), table(12)});
    const auto lines = lines_per_page(r);
    BOOST_TEST_INFO(encode_utf8(end));
    BOOST_REQUIRE_EQUAL(lines.size(), 2u);
    BOOST_CHECK_EQUAL(lines[0].size(), end[3] == U'：' ? 20u : 21u);
  }
}

BOOST_AUTO_TEST_CASE(a_heading_keeps_with_two_lines_of_its_text) {
  for (int free = 1; free <= 2; ++free) {
    auto r = set({body(22 - free), para(compose::Kind::Heading1, U"一、总体情况"), body(5)});
    BOOST_TEST_INFO("free " << free);
    BOOST_REQUIRE_EQUAL(r.pages.size(), 2u);
    // The heading (in its own font) is on page 2.
    const font::Face* heading_face = r.pages[1].runs.front().face;
    BOOST_CHECK_EQUAL(heading_face->family(), "Noto Sans CJK SC");
    for (const auto& run : r.pages[0].runs) BOOST_CHECK(run.face != heading_face || run.size != 16);
    BOOST_REQUIRE_EQUAL(r.bookmarks.size(), 1u);
    BOOST_CHECK_EQUAL(r.bookmarks[0].page, 1);
  }
  // With room for the heading and two lines it stays.
  auto r = set({body(19), para(compose::Kind::Heading1, U"一、总体情况"), body(5)});
  BOOST_CHECK_EQUAL(r.bookmarks[0].page, 0);
}

BOOST_AUTO_TEST_CASE(page_numbers_alternate_sides) {
  auto r = set({body(70)});
  BOOST_REQUIRE_EQUAL(r.pages.size(), 4u);
  const double mm = 72 / 25.4, left = 28 * mm, right = (28 + 156) * mm;
  for (size_t i = 0; i < r.pages.size(); ++i) {
    const auto& run = r.pages[i].runs.back();  // the page number is emitted last
    BOOST_TEST_INFO("page " << i + 1);
    BOOST_CHECK_EQUAL(run.size, 14);
    BOOST_REQUIRE(!run.glyphs.empty());
    // The number's extent: first glyph origin to last glyph origin + its advance. The
    // dashes (0.89 em in Noto Serif CJK) are centred in a 1 em cell: 0.77 pt inside it.
    const auto& last = run.glyphs.back();
    const double x0 = run.glyphs.front().x;
    const double x1 = last.x + run.face->advance_units(last.gid) * run.size / run.face->upem();
    BOOST_CHECK_GT(x1 - x0, 2 * 14);  // "— N —": its far end well away from the aligned one
    if (i % 2 == 0) {  // odd page: right-aligned, 一字 inside the block's right edge
      BOOST_CHECK_SMALL(x1 - (right - 14), 1.0);
      BOOST_CHECK_GT(x0, left);
    } else {  // even page: left-aligned, 一字 inside the block's left edge
      BOOST_CHECK_SMALL(x0 - (left + 14), 1.0);
      BOOST_CHECK_LT(x1, right);
    }
    BOOST_CHECK_GT(run.y, (37 + 225 + 7) * mm);
  }
}

BOOST_AUTO_TEST_CASE(the_layout_may_centre_page_numbers) {
  layout::Layout centred = *env().layouts.find("2019", 0);
  centred.roles[layout::Role::PageNumber].align = layout::Align::Center;
  auto r = set({body(30)}, &centred);
  const double mm = 72 / 25.4, middle = (28 + 78) * mm;
  for (const auto& page : r.pages) {
    const auto& run = page.runs.back();
    double x0 = run.glyphs.front().x, x1 = run.glyphs.back().x + 14 * 0.89;
    BOOST_CHECK_SMALL((x0 + x1) / 2 - middle, 2.0);
  }
}

BOOST_AUTO_TEST_CASE(the_title_is_followed_by_one_blank_grid_line) {
  auto r = set({para(compose::Kind::Title, U"2020年南关区全安街道政府信息公开工作年度报告"), body(3)});
  std::set<double> title, text;
  for (const auto& run : r.pages[0].runs) (run.size == 22 ? title : text).insert(run.y);
  text.erase(std::prev(text.end()));  // the page number
  BOOST_REQUIRE_EQUAL(title.size(), 2u);
  const double pitch = 225 * 72 / 25.4 / 22;
  // Title lines on grid lines 1 and 2, grid line 3 blank, the text from line 4.
  BOOST_CHECK_SMALL(*text.begin() - *title.begin() - 3 * pitch - (16 - 22) * (0.88 - 0.5), 1e-6);
}

// A table occupies whole grid lines: the text after every table starts the same
// distance below its bottom rule, whatever the table's rows and place (issue 16,
// item 6e).
BOOST_AUTO_TEST_CASE(text_after_a_table_starts_the_same_distance_below_it) {
  std::set<long> distances;  // in 1/1000 pt
  int cases = 0;
  for (int rows = 2; rows <= 9; ++rows)
    for (int filler = 1; filler <= 8; filler += 3) {
      auto r = set({body(filler), table(rows), body(2)});
      const auto& page = r.pages.back();
      double bottom = 0;
      for (const auto& rule : page.rules) bottom = std::max(bottom, std::max(rule.y0, rule.y1));
      double first_text = 1e9;
      for (const auto& run : page.runs)
        if (run.size == 16 && run.y > bottom) first_text = std::min(first_text, run.y);
      if (bottom == 0 || first_text == 1e9) continue;
      ++cases;
      distances.insert(std::lround((first_text - bottom) * 1000));
    }
  BOOST_CHECK_GT(cases, 15);
  BOOST_CHECK_EQUAL(distances.size(), 1u);
}

// Long titles (issue 16, item 7): lines in a 梯形 (none longer than the one above),
// broken between the layout's phrases (the organ whole when it fits a line) and,
// within a phrase longer than a line, between words.
BOOST_AUTO_TEST_CASE(long_titles_are_set_in_a_trapezoid_of_whole_words) {
  struct Title {
    std::u32string text, organ;
  };
  const std::vector<Title> titles = {
      {U"2020年南关区全安街道政府信息公开工作年度报告", U"长春市南关区全安街道办事处"},
      {U"江苏省淮安市洪泽区人民政府办公室（含所属事业单位）2020年政府信息公开工作年度报告",
       U"江苏省淮安市洪泽区人民政府办公室"},
      {U"中国共产党长春市南关区委员会全面深化改革委员会办公室暨区人民政府政务服务管理局2020年政府信息公开工作年度报告",
       U"中国共产党长春市南关区委员会全面深化改革委员会办公室暨区人民政府政务服务管理局"},
  };
  const std::vector<std::u32string> words = {U"人民政府", U"委员会", U"办公室", U"政府信息公开工作年度报告",
                                             U"事业单位", U"全面深化改革", U"管理局", U"2020年"};
  for (const auto& t : titles) {
    compose::Document doc;
    doc.layout = env().layouts.find("2019", 0);
    doc.title_keep_together = {U"政府信息公开工作年度报告", t.organ, U"2020年"};
    doc.blocks.emplace_back(para(compose::Kind::Title, t.text));
    Diagnostics d;
    const auto r = typeset::typeset(doc, env().fonts, d);
    BOOST_REQUIRE(!d.has_errors());
    std::map<double, std::u32string> lines;  // by baseline
    for (const auto& run : r.pages[0].runs) {
      if (run.size != 22) continue;
      for (const auto& g : run.glyphs) lines[run.y] += r.glyph_text.at(run.face).at(g.gid);
    }
    BOOST_TEST_INFO(encode_utf8(t.text));
    BOOST_REQUIRE_GE(lines.size(), 2u);
    std::u32string all;
    size_t prev = SIZE_MAX;
    std::vector<size_t> ends;
    for (const auto& [y, text] : lines) {
      BOOST_TEST_INFO(encode_utf8(text));
      BOOST_CHECK_LE(text.size(), prev);
      prev = text.size();
      all += text;
      ends.push_back(all.size());
    }
    BOOST_CHECK(all == t.text);
    ends.pop_back();
    for (const auto& w : words)
      for (size_t at = all.find(w); at != std::u32string::npos; at = all.find(w, at + 1))
        for (size_t e : ends) BOOST_CHECK_MESSAGE(e <= at || e >= at + w.size(), "split inside " << encode_utf8(w));
    if (t.organ.size() * 22 < 156 * 72 / 25.4 && all.find(t.organ) != std::u32string::npos) {  // fits a line: on one
      bool whole = false;
      for (const auto& [y, text] : lines) whole = whole || text.find(t.organ) != std::u32string::npos;
      BOOST_CHECK(whole);
    }
  }
}

// Page breaks are chosen over the whole document (issue 16): in documents of
// paragraphs, heading stacks, lead-ins and tables, no heading ends a page, and no
// page but the last ends more than 4 grid lines short unless the next starts with
// a heading stack too tall, with what it keeps with, for the space left. (Breaking
// page by page, as far as each page holds, leaves 5 or 6 lines blank before a
// stack that would have fitted, and strands stacks whose lead-in and table do not.)
BOOST_AUTO_TEST_CASE(no_page_ends_more_than_4_lines_short) {
  const double pitch = 225 * 72 / 25.4 / 22, body_bottom = (37 + 225) * 72 / 25.4;
  const font::Face* body_face = set({body(2)}).pages[0].runs.front().face;
  std::mt19937 random(16);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
  int pages = 0, holes = 0;
  for (int d = 0; d < 60; ++d) {
    std::vector<compose::Block> blocks;
    for (int k = pick(3, 8); k > 0; --k) {
      blocks.push_back(body(pick(2, 12)));
      if (pick(0, 1)) continue;
      blocks.push_back(para(compose::Kind::Heading2, U"（一）主动公开情况"));
      if (pick(0, 1)) blocks.push_back(para(compose::Kind::Heading3, U"1.规章"));
      blocks.push_back(para(compose::Kind::Body, std::u32string(static_cast<size_t>(pick(8, 60)), U'中') + U"见下表："));
      blocks.push_back(table(pick(4, 12)));
    }
    const auto r = set(blocks);
    for (size_t p = 0; p + 1 < r.pages.size(); ++p, ++pages) {
      double lowest = 37 * 72 / 25.4;
      const typeset::GlyphRun* last = nullptr;
      for (const auto& run : r.pages[p].runs)
        if (run.y < body_bottom && run.y + 0.12 * run.size > lowest) lowest = run.y + 0.12 * run.size, last = &run;
      for (const auto& rule : r.pages[p].rules)
        if (std::max(rule.y0, rule.y1) > lowest) lowest = std::max(rule.y0, rule.y1), last = nullptr;
      const auto& next = r.pages[p + 1];
      const bool stack_next = !next.runs.empty() && next.runs.front().face != body_face &&
                              (next.rules.empty() || next.runs.front().y < next.rules.front().y0);
      BOOST_TEST_INFO("document " << d << ", page " << p + 1 << " of " << r.pages.size());
      BOOST_CHECK(!last || last->face == body_face);  // no heading at a page's foot
      const double blank = std::floor((body_bottom - lowest) / pitch + 0.3);
      BOOST_TEST_INFO("document " << d << ", page " << p + 1 << " of " << r.pages.size());
      BOOST_CHECK(blank <= 4 || stack_next);
      holes += blank > 4;
    }
  }
  BOOST_CHECK_GT(pages, 100);
  BOOST_CHECK_GT(holes, 0);  // some stacks were too tall
}
