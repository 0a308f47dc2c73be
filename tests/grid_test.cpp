// The page grid and the line-breaking rules, read back from our PDFs with
// `pdftotext -bbox-layout`: the sample report and a 300-page synthetic report.
#define BOOST_TEST_MODULE grid
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <regex>

#include "bbox.hpp"
#include "core/utf8.hpp"
#include "geometry.hpp"
#include "synthetic.hpp"

using namespace nbtest;

namespace {

constexpr double kBody = 16;

const std::u32string kNoStart = U"。，、：；！？）》」』】〕〗〉”’％·";
const std::u32string kNoEnd = U"（《「『【〔〖〈“‘";
const std::u32string kLeftMarks = U"，。、：；！？）》」』】〕〗〉”’";

struct Doc {
  TempDir dir;
  std::vector<TextPage> pages;
  explicit Doc(const std::string& toml) {
    write_file(dir.file("r.toml"), toml);
    Output o = run(kBinary + " build " + dir.file("r.toml") + " -o " + dir.path.string());
    BOOST_TEST_INFO(o.err);
    BOOST_REQUIRE_EQUAL(o.code, 0);
    pages = read_bbox(dir.file("r.pdf"));
  }
};

const Doc& sample() {
  static Doc d(read_file(kSample2019));
  return d;
}

const Doc& long_doc() {
  static Doc d(synthetic_report(160));
  return d;
}

// Body text (FandolFang: its box is exactly the em) and any text on the grid
// (headings in other fonts have taller boxes), as opposed to tables and the title.
bool is_body(const TextLine& l) { return std::fabs(l.height() - kBody) < 0.01; }
bool is_text(const TextLine& l) { return l.height() >= 15.5 && l.height() < 28; }
bool is_page_number(const TextLine& l) {
  static const std::regex number("—[0-9]+—");
  return std::regex_match(l.text, number);
}
std::u32string u32(const std::string& s) { return nb::decode_utf8(s).value_or(U""); }
bool in(const std::u32string& set, char32_t c) { return set.find(c) != std::u32string::npos; }

struct Stats {
  size_t lines = 0, flush_checked = 0, full_pages = 0;
};

// Checks every rule of the grid on one document; returns counts to show the
// checks were not vacuous.
Stats check(const Doc& doc) {
  Stats st;
  std::vector<const TextLine*> body;  // in reading order, with their page
  std::vector<size_t> page_of;
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    std::vector<bool> slot_used(22, false);
    std::vector<const TextLine*> at_slot(22, nullptr);
    size_t on_grid = 0;
    bool has_table = false;  // table rows merge into lines of mixed heights: no slot checks there
    for (const auto& l : doc.pages[p].lines)
      if (l.height() < 15.5 && !is_page_number(l)) has_table = true;
    for (const auto& l : doc.pages[p].lines) {
      if (!is_text(l) || is_page_number(l)) continue;
      body.push_back(&l);
      page_of.push_back(p);
      ++st.lines;
      auto t = u32(l.text);
      BOOST_TEST_INFO("page " << p + 1 << ": " << l.text);
      BOOST_CHECK(!in(kNoStart, t.front()));
      BOOST_CHECK(!in(kNoEnd, t.back()));
      BOOST_CHECK_GE(l.x0, kLeft - 0.01);
      if (has_table) continue;
      // On the baseline grid: body text has its em box centred in its line slot.
      double slot = ((l.y0 + l.y1) / 2 - kTop) / kPitch - 0.5;
      if (is_body(l)) BOOST_CHECK_SMALL(slot - std::round(slot), 0.01);
      int s = static_cast<int>(std::lround(slot));
      BOOST_CHECK(s >= 0 && s < 22);
      if (s >= 0 && s < 22) {
        BOOST_CHECK_MESSAGE(!slot_used[s], "slot " << s << " used twice on page " << p + 1 << ": " << l.text);
        slot_used[s] = true;
        at_slot[s] = &l;
        ++on_grid;
      }
    }
    // A heading (set in 黑体 or 楷体, whose boxes are taller than the body's) never ends a page.
    const TextLine* last = nullptr;
    for (const auto& l : doc.pages[p].lines)
      if (!is_page_number(l) && (!last || l.y1 > last->y1)) last = &l;
    if (last && p + 1 < doc.pages.size()) BOOST_CHECK_MESSAGE(!is_text(*last) || is_body(*last), "heading last on page " << p + 1);
    // No holes: lines fill the slots from the top (page 1 has the blank line after the
    // title), but for the blank line above the 落款, whose organ ends two characters
    // short of the right edge (GB/T 9704 §7.3.5).
    auto signature = [&](size_t s) {
      return s < 22 && at_slot[s] && std::fabs(at_slot[s]->x1 - (kRight - 2 * kCell)) < 0.5;
    };
    if (!has_table && p > 0)
      for (size_t s = 0; s < on_grid; ++s)
        BOOST_CHECK_MESSAGE(slot_used[s] || signature(s + 1), "hole at slot " << s << " on page " << p + 1);
    if (!has_table && on_grid == 22) ++st.full_pages;
  }
  for (size_t i = 0; i + 1 < body.size(); ++i) {
    const TextLine& l = *body[i];
    const TextLine& next = *body[i + 1];
    bool continues = std::fabs(next.x0 - kLeft) < 0.5;  // the next line is not indented
    if (!continues || !is_body(l)) continue;
    auto t = u32(l.text);
    double end = l.x1 - (in(kLeftMarks, t.back()) ? kBody / 2 : 0);  // the trimmed half of a line-end mark
    BOOST_TEST_INFO("page " << page_of[i] + 1 << ": " << l.text);
    BOOST_CHECK_SMALL(end - kRight, 0.5);
    ++st.flush_checked;
  }
  // Page numbers: "— N —", odd pages one character in from the right edge, even from the left.
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    const TextLine* num = nullptr;
    for (const auto& l : doc.pages[p].lines)
      if (is_page_number(l)) num = &l;
    BOOST_TEST_INFO("page " << p + 1);
    BOOST_REQUIRE(num);
    BOOST_CHECK_EQUAL(num->text, "—" + std::to_string(p + 1) + "—");
    if ((p + 1) % 2) BOOST_CHECK_SMALL(num->x1 - (kRight - 14), 1.0);
    else BOOST_CHECK_SMALL(num->x0 - (kLeft + 14), 1.0);
    BOOST_CHECK_GT(num->y0, kTop + 225 * kMm + 3 * kMm);
  }
  return st;
}

}  // namespace

BOOST_AUTO_TEST_CASE(sample_meets_the_grid_and_breaking_rules) {
  Stats st = check(sample());
  BOOST_TEST_MESSAGE("sample: " << st.lines << " lines, " << st.flush_checked << " flush, " << st.full_pages
                                << " full pages");
  BOOST_CHECK_GT(st.flush_checked, 40u);
}

BOOST_AUTO_TEST_CASE(three_hundred_pages_meet_the_grid_and_breaking_rules) {
  const Doc& d = long_doc();
  BOOST_CHECK_GE(d.pages.size(), 300u);
  Stats st = check(d);
  BOOST_TEST_MESSAGE("synthetic: " << d.pages.size() << " pages, " << st.lines << " lines, " << st.flush_checked
                                   << " flush, " << st.full_pages << " full pages");
  // Pages end short only where a heading keeps with its text or a paragraph
  // avoids a lone line; most are full.
  BOOST_CHECK_GT(st.full_pages, d.pages.size() / 3);
  BOOST_CHECK_GT(st.flush_checked, 4000u);
}

BOOST_AUTO_TEST_CASE(title_is_balanced_on_word_boundaries) {
  const auto& first = sample().pages.at(0).lines;
  BOOST_REQUIRE_GE(first.size(), 2u);
  BOOST_CHECK_EQUAL(first[0].text, "2020年南关区全安街道");
  BOOST_CHECK_EQUAL(first[1].text, "政府信息公开工作年度报告");
  // Centred on the 版心.
  for (int i = 0; i < 2; ++i) BOOST_CHECK_SMALL((first[i].x0 + first[i].x1) / 2 - (kLeft + kRight) / 2, 0.5);
}
