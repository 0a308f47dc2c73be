// The line breaker and justifier on crafted paragraphs, asserting glyph positions.
#define BOOST_TEST_MODULE linebreak
#include <boost/test/unit_test.hpp>

#include <cctype>

#include <cmath>

#include "core/utf8.hpp"
#include "layout/catalog.hpp"
#include "support.hpp"
#include "typeset/inline.hpp"

using namespace nb;
using namespace nb::typeset;

namespace {

constexpr double kMm = 72.0 / 25.4;
const double kWidth = 156 * kMm;
const double kCell = kWidth / 28;

struct Env {
  layout::Catalog layouts;
  std::unique_ptr<font::FontLibrary> fonts;
  Roles roles;
  Env() {
    Diagnostics d;
    layouts.load_dir(nbtest::kSourceDir + "/layouts", d);
    fonts = std::make_unique<font::FontLibrary>(std::vector<std::string>{"/usr/local/share/fonts", "/usr/share/fonts"});
    roles = resolve_roles(*layouts.find("2019", 0), {}, *fonts);
  }
};

Env& env() {
  static Env e;
  return e;
}

std::vector<Line> set(const std::string& text, double indent = 0, layout::Role role = layout::Role::Body) {
  compose::Run run;
  run.text = *decode_utf8(text);
  run.role = role;
  Result out;
  Diagnostics d;
  auto atoms = shape_runs({run}, env().roles, kCell, 16, out, d);
  BOOST_REQUIRE(!d.has_errors());
  InlineStyle style;
  style.first_indent = indent;
  return break_lines(std::move(atoms), kWidth, style);
}

std::string text(const Line& l) {
  std::u32string s;
  for (const auto& a : l.atoms) s += a.ch;
  return encode_utf8(s);
}

double right_edge(const Line& l) { return l.indent + l.x.back() + l.w.back(); }

std::string han(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "中";
  return s;
}

void check_flush(const std::vector<Line>& lines) {
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    BOOST_TEST_INFO("line " << i << ": " << text(lines[i]));
    BOOST_CHECK_SMALL(right_edge(lines[i]) - kWidth, 0.01);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(han_text_sits_on_the_28_cell_grid) {
  auto lines = set(han(60));
  BOOST_REQUIRE_EQUAL(lines.size(), 3u);
  for (int i = 0; i < 2; ++i) {
    BOOST_REQUIRE_EQUAL(lines[i].atoms.size(), 28u);
    for (size_t k = 0; k < 28; ++k) BOOST_CHECK_SMALL(lines[i].x[k] - k * kCell, 1e-9);
  }
  BOOST_CHECK_EQUAL(lines[2].atoms.size(), 4u);
  // A 2-character first-line indent leaves 26 cells.
  lines = set(han(60), 2 * kCell);
  BOOST_CHECK_EQUAL(lines[0].atoms.size(), 26u);
  BOOST_CHECK_EQUAL(lines[1].atoms.size(), 28u);
}

BOOST_AUTO_TEST_CASE(no_prohibited_mark_starts_a_line) {
  for (char32_t m : std::u32string(U"。，、：；！？）》」』】〕〗〉”’％·")) {
    std::string mark = encode_utf8(std::u32string(1, m));
    auto lines = set(han(28) + mark + "文文文文文");
    BOOST_TEST_INFO("mark " << mark);
    BOOST_REQUIRE_EQUAL(lines.size(), 2u);
    BOOST_CHECK(lines[1].atoms.front().ch != m);
    // Nothing to compress in line 1: the last 中 is pushed out with the mark.
    BOOST_CHECK_EQUAL(lines[0].atoms.size(), 27u);
    BOOST_CHECK_EQUAL(text(lines[1]).substr(0, 3), "中");
    check_flush(lines);
  }
}

BOOST_AUTO_TEST_CASE(push_in_compresses_punctuation_before_pushing_out) {
  // 26 Han and two commas fill the line exactly; the 。 must not start line 2:
  // the commas give up their blank halves so that it fits.
  std::string t = han(10) + "，" + han(10) + "，" + han(6) + "。" + "文文文";
  auto lines = set(t);
  BOOST_REQUIRE_EQUAL(lines.size(), 2u);
  BOOST_CHECK_EQUAL(lines[0].atoms.size(), 29u);
  BOOST_CHECK(lines[0].atoms.back().ch == U'。');
  BOOST_CHECK(lines[0].w[10] < kCell - 1);  // a comma compressed
  BOOST_CHECK_SMALL(lines[0].w.back() - kCell / 2, 1e-9);  // the line-end mark trimmed
  check_flush(lines);
  // Han characters themselves are never squeezed.
  for (size_t k = 0; k < lines[0].atoms.size(); ++k)
    if (lines[0].atoms[k].punct == Punct::None) BOOST_CHECK_SMALL(lines[0].w[k] - kCell, 1e-9);
}

// The same push-in on a paragraph's last line and on a line not justified (a table
// cell): the line compresses, nothing crosses the right edge (issue 16, item 1).
BOOST_AUTO_TEST_CASE(a_last_or_unjustified_line_pushed_in_stays_inside) {
  const std::string t = han(10) + "，" + han(10) + "，" + han(6) + "。";
  for (bool justify : {true, false}) {
    compose::Run run;
    run.text = *decode_utf8(t);
    Result out;
    Diagnostics d;
    auto atoms = shape_runs({run}, env().roles, kCell, 16, out, d);
    InlineStyle style;
    style.justify = justify;
    auto lines = break_lines(std::move(atoms), kWidth, style);
    BOOST_TEST_INFO("justify " << justify);
    BOOST_REQUIRE_EQUAL(lines.size(), 1u);
    BOOST_CHECK(lines[0].last);
    BOOST_CHECK_LE(right_edge(lines[0]), kWidth + 1e-6);
  }
}

BOOST_AUTO_TEST_CASE(no_opening_mark_ends_a_line) {
  for (char32_t m : std::u32string(U"（《「『【〔〖〈“‘")) {
    std::string mark = encode_utf8(std::u32string(1, m));
    auto lines = set(han(27) + mark + "文文文" + "）");
    BOOST_TEST_INFO("mark " << mark);
    BOOST_REQUIRE_EQUAL(lines.size(), 2u);
    BOOST_CHECK(lines[0].atoms.back().ch != m);
    BOOST_CHECK(lines[1].atoms.front().ch == m);
    check_flush(lines);
  }
}

BOOST_AUTO_TEST_CASE(numbers_stay_whole) {
  for (std::string number : {"80.1%", "0431-88634916", "2020年", "-12", "3.1415"}) {
    for (int pad = 20; pad <= 27; ++pad) {
      auto lines = set(han(pad) + number + han(10));
      BOOST_TEST_INFO(number << " after " << pad);
      std::string all;
      bool whole = false;
      for (const auto& l : lines) {
        all += text(l);
        whole = whole || text(l).find(number) != std::string::npos;
      }
      BOOST_CHECK(whole);
      check_flush(lines);
    }
  }
}

// What clerks write beside Han text, at every position in a line (issue 16, items 3
// and 4): numbers with separators never split; URLs, e-mail addresses and
// hyphenated names split only where typographers do; no gap over half an em in a
// line that is not a paragraph's last.
BOOST_AUTO_TEST_CASE(numbers_urls_and_names_break_only_where_they_may) {
  struct Case {
    std::string text;
    std::vector<std::string> whole;  // never split
    std::string after, before;       // a split may follow one of `after` or precede one of `before`
  };
  const std::vector<Case> cases = {
      {"共1,234,567人次", {"1,234,567"}, "", ""},
      {"12,345.67万元", {"12,345.67"}, "", ""},
      {"每日8:30至17:00办公", {"8:30", "17:00"}, "", ""},
      {"通过ISO/IEC 27001:2013认证", {"27001:2013"}, "/ ", ""},
      {"按GB/T 9704-2012排版", {"9704-2012"}, "/ ", ""},
      {"网址https://www.example.gov.cn/zwgk/zfxxgk/2020/index.html?id=31&type=report#section-2查询",
       {"https://"}, "/", ".?#&=-"},
      {"邮箱zfxxgk-office@example.gov.cn。", {}, "", ".@-"},
      {"采用Acme-Data-Exchange-Platform系统", {}, "-", ""},
  };
  for (const auto& c : cases) {
    for (int pad = 0; pad <= 27; ++pad) {
      auto lines = set(han(pad) + c.text + han(40));
      BOOST_TEST_INFO(c.text << " after " << pad);
      std::string all;
      for (size_t i = 0; i < lines.size(); ++i) {
        const std::string t = text(lines[i]);
        if (i + 1 < lines.size() && !t.empty()) {  // the break after this line
          const std::string next = text(lines[i + 1]);
          const char last = t.back(), first = next.empty() ? 0 : next.front();
          const bool ascii_pair = (last & 0x80) == 0 && (first & 0x80) == 0 && first;
          if (ascii_pair)
            BOOST_CHECK_MESSAGE(c.after.find(last) != std::string::npos || c.before.find(first) != std::string::npos ||
                                    c.text.find(std::string{last, ' ', first}) != std::string::npos,
                                "split between '" << last << "' and '" << first << "'");
        }
        all += t;
        if (lines[i].last) continue;
        for (size_t k = 1; k < lines[i].atoms.size(); ++k) {
          // Beyond the quarter-em Han–Latin space, which is the text's own spacing.
          const double gap = lines[i].x[k] - (lines[i].x[k - 1] + lines[i].w[k - 1]) - lines[i].atoms[k].space_before;
          BOOST_CHECK_MESSAGE(gap <= kCell / 2 + 1e-6, "gap " << gap << " in " << t);
        }
      }
      for (const auto& w : c.whole) {
        bool whole = false;
        for (const auto& l : lines) whole = whole || text(l).find(w) != std::string::npos;
        BOOST_CHECK_MESSAGE(whole, w << " split");
      }
      check_flush(lines);
    }
  }
}

// Justification never opens a number or a version at its separators, nor puts
// space between Latin and the closing mark after it.
BOOST_AUTO_TEST_CASE(justification_leaves_numbers_and_marks_closed) {
  for (int pad = 0; pad <= 20; ++pad) {
    auto lines = set(han(pad) + "版本v2.3.1，共1,234,567人次；" + "ABCDEFGHIJKLMNOPQRST" + han(30));
    BOOST_TEST_INFO("pad " << pad);
    for (const auto& l : lines) {
      if (l.last) continue;
      for (size_t k = 1; k < l.atoms.size(); ++k) {
        const char32_t a = l.atoms[k - 1].ch, b = l.atoms[k].ch;
        const double gap = l.x[k] - (l.x[k - 1] + l.w[k - 1]);
        if (a < 0x80 && a != ' ' && (b < 0x80 || b == U'，' || b == U'；') && b != ' ')
          BOOST_CHECK_MESSAGE(gap < 1e-6, "gap " << gap << " between " << encode_utf8(std::u32string{a, b}));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(latin_words_never_break_inside) {
  for (int pad = 20; pad <= 27; ++pad) {
    auto lines = set(han(pad) + "PDF/A hello world" + han(10));
    BOOST_TEST_INFO("pad " << pad);
    for (const auto& l : lines) {
      std::string t = text(l);
      // Each line holds whole words only.
      for (std::string w : {"PDF/A", "hello", "world"}) {
        size_t hit = t.find(w.substr(0, 2));
        if (hit != std::string::npos && hit + 2 == t.size()) BOOST_ERROR("word split: " << t);
      }
    }
    check_flush(lines);
  }
}

BOOST_AUTO_TEST_CASE(dashes_and_ellipses_are_unbreakable_two_em_units) {
  for (std::string unit : {"——", "……"}) {
    for (int pad = 25; pad <= 28; ++pad) {
      auto lines = set(han(pad) + unit + han(10));
      BOOST_TEST_INFO(unit << " after " << pad);
      bool whole = false;
      for (const auto& l : lines) whole = whole || text(l).find(unit) != std::string::npos;
      BOOST_CHECK(whole);
      check_flush(lines);
    }
  }
  auto lines = set("中——中……中");
  BOOST_CHECK_SMALL(lines[0].x[3] - lines[0].x[1] - 2 * kCell, 1e-9);  // —— is two ems
  BOOST_CHECK_SMALL(lines[0].x[6] - lines[0].x[4] - 2 * kCell, 1e-9);  // …… too
}

BOOST_AUTO_TEST_CASE(adjacent_marks_compress_to_one_and_a_half_ems) {
  auto lines = set("他说：“好。”然后（《条例》）。");
  const Line& l = lines[0];
  // 。” : the full stop gives up its blank half.
  BOOST_CHECK_SMALL(l.x[6] - l.x[5] - kCell / 2, 1e-9);
  BOOST_CHECK_SMALL(l.x[7] - l.x[5] - 1.5 * kCell, 1e-9);
  // （《 : the inner bracket gives up its blank half.
  BOOST_CHECK_SMALL(l.x[11] - l.x[9] - 1.5 * kCell, 1e-9);
  // ：“ : 1.5 ems.
  BOOST_CHECK_SMALL(l.x[4] - l.x[2] - 1.5 * kCell, 1e-9);
}

BOOST_AUTO_TEST_CASE(line_end_mark_is_trimmed_before_justification) {
  auto lines = set(han(27) + "，" + han(5));
  BOOST_REQUIRE_EQUAL(lines.size(), 2u);
  BOOST_CHECK(lines[0].atoms.back().ch == U'，');
  BOOST_CHECK_SMALL(lines[0].w.back() - kCell / 2, 1e-9);
  check_flush(lines);  // the half em freed is spread between the characters
  BOOST_CHECK_SMALL(lines[0].x[1] - kCell - (kCell / 2) / 27, 1e-9);
}

BOOST_AUTO_TEST_CASE(han_latin_space_is_a_quarter_em_and_none_at_line_start) {
  auto lines = set("共196条");
  const Line& l = lines[0];
  BOOST_CHECK_SMALL(l.x[1] - (l.x[0] + l.w[0]) - 4, 1e-9);  // ¼ × 16 pt
  BOOST_CHECK_SMALL(l.x[4] - (l.x[3] + l.w[3]) - 4, 1e-9);
  BOOST_CHECK_SMALL(l.x[2] - (l.x[1] + l.w[1]), 1e-9);      // none inside the number
  lines = set("ABC中");
  BOOST_CHECK_EQUAL(lines[0].x[0], 0);
}

BOOST_AUTO_TEST_CASE(interpunct_is_half_an_em) {
  auto lines = set("阿·凡提");
  BOOST_CHECK_SMALL(lines[0].w[1] - kCell / 2, 1e-9);
  BOOST_CHECK_SMALL(lines[0].x[2] - 1.5 * kCell, 1e-9);
}

BOOST_AUTO_TEST_CASE(fallback_font_keeps_the_grid_and_baseline) {
  auto lines = set("张喆同志");
  const Line& l = lines[0];
  BOOST_CHECK_NE(l.atoms[0].face, l.atoms[1].face);
  for (size_t k = 0; k < 4; ++k) BOOST_CHECK_SMALL(l.x[k] - k * kCell, 1e-9);
  Page page;
  emit_line(l, 100, 200, page);
  BOOST_REQUIRE_EQUAL(page.runs.size(), 3u);  // FandolFang, Noto Serif, FandolFang
  for (const auto& r : page.runs) {
    BOOST_CHECK_EQUAL(r.y, 200);
    BOOST_CHECK_EQUAL(r.size, 16);
  }
  BOOST_CHECK_SMALL(page.runs[1].glyphs[0].x - (100 + kCell), 1e-9);
}

BOOST_AUTO_TEST_CASE(seed_paragraphs_justify_flush) {
  std::string sample = nbtest::read_file(nbtest::kSourceDir + "/tests/data/seed-quanan-2020.txt");
  std::istringstream in(sample);
  std::string line;
  size_t checked = 0;
  while (std::getline(in, line)) {
    if (line.size() < 200 || line[0] == '\t') continue;
    if (auto p = line.find("[bookmark: _GoBack]"); p != std::string::npos) line.erase(p, 19);
    auto lines = set(line, 2 * kCell);
    check_flush(lines);
    checked += lines.size() - 1;
  }
  BOOST_CHECK_GT(checked, 40u);
}
