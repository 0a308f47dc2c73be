// The parts of a report around its sections, through the binary, where the PDF
// shows them (pdftotext -bbox-layout): the subtitle under the title, a section's own
// wording of its heading, the 落款 of GB/T 9704 §7.3.5 with and without a seal, and
// 2019's amount unit.
#define BOOST_TEST_MODULE report_parts
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "bbox.hpp"
#include "geometry.hpp"
#include "support.hpp"

using namespace nbtest;

namespace {


// The grid line of a 16 pt line: its em box is centred in its slot.
double slot(const TextLine& l) { return ((l.y0 + l.y1) / 2 - kTop) / kPitch - 0.5; }

std::string with(std::string s, const std::string& after, const std::string& insert) {
  const size_t at = s.find(after);
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, after);
  return s.insert(at + after.size(), insert);
}

struct Pdf {
  TempDir dir;
  Output result;
  std::vector<TextPage> pages;
  explicit Pdf(const std::string& toml) {
    write_file(dir.file("r.toml"), toml);
    result = run("cd " + dir.path.string() + " && " + kBinary + " build r.toml -o .");
    if (result.code == 0) pages = read_bbox(dir.file("r.pdf"));
  }
  // The first line on any page whose text is `text`, and its page.
  std::pair<const TextLine*, size_t> find(const std::string& text) const {
    for (size_t p = 0; p < pages.size(); ++p)
      for (const auto& l : pages[p].lines)
        if (l.text == text) return {&l, p};
    return {nullptr, 0};
  }
  // The body lines of a page (not the page number), top to bottom.
  std::vector<const TextLine*> body(size_t p) const {
    std::vector<const TextLine*> out;
    for (const auto& l : pages[p].lines)
      if (l.y1 < kTop + 225 * kMm + 1) out.push_back(&l);
    return out;
  }
};

// The 2021 sample's text (read on first use: kSample2021 is another file's static).
const std::string& sample() {
  static const std::string text = read_file(kSample2021);
  return text;
}
const std::string kOrgan = "青禾县市场监督管理局", kDate = "2022年1月26日";
const std::string kLong = "五、政府信息公开工作存在的主要问题及改进情况";

}  // namespace

BOOST_AUTO_TEST_CASE(subtitle_heading_and_signature_where_gbt9704_puts_them) {
  std::string toml = with(sample(), "年度报告\"", "\nsubtitle = \"（青禾县市场监督管理局 2022年1月）\"");
  toml = with(toml, "\n[problems]   # 五、存在的主要问题及改进情况\n", "heading = \"" + kLong + "\"\n");
  const Pdf pdf(toml);
  BOOST_TEST_INFO(pdf.result.err);
  BOOST_REQUIRE_EQUAL(pdf.result.code, 0);

  // The subtitle: centred on the line under the title's last, a blank line before the text.
  const auto [sub, sp] = pdf.find("（青禾县市场监督管理局2022年1月）");
  BOOST_REQUIRE(sub);
  BOOST_CHECK_EQUAL(sp, 0u);
  const auto lines = pdf.body(0);
  size_t i = 0;
  while (lines[i] != sub) ++i;
  BOOST_REQUIRE(i >= 1 && i + 1 < lines.size());
  BOOST_CHECK_SMALL((sub->x0 + sub->x1) / 2 - (kLeft + kRight) / 2, 1.0);
  BOOST_CHECK_SMALL(slot(*sub) - std::round(slot(*sub)), 0.01);
  BOOST_CHECK_EQUAL(std::lround(slot(*sub)), static_cast<long>(i));  // the title's lines above, slot by slot
  BOOST_CHECK_EQUAL(std::lround(slot(*lines[i + 1])), std::lround(slot(*sub)) + 2);

  // The section's own heading, in place of the format's, indented two characters.
  const auto [five, fp] = pdf.find(kLong);
  BOOST_REQUIRE(five);
  BOOST_CHECK_SMALL(five->x0 - (kLeft + 2 * kCell), 0.5);
  BOOST_CHECK(!pdf.find("五、存在的主要问题及改进情况").first);

  // The 落款 on the last page: a blank line below the text, the organ 右空二字, the date
  // on the next line, its first character two characters right of the organ's.
  const auto [organ, op] = pdf.find(kOrgan);
  const auto [date, dp] = pdf.find(kDate);
  BOOST_REQUIRE(organ && date);
  BOOST_CHECK_EQUAL(op, pdf.pages.size() - 1);
  BOOST_CHECK_EQUAL(dp, op);
  // Poppler's box of the last character is its 16 pt em, a little wider than the 15.8 pt cell.
  BOOST_CHECK_SMALL(organ->x1 - (kRight - 2 * kCell), 0.5);
  BOOST_CHECK_SMALL(date->x0 - (organ->x0 + 2 * kCell), 0.5);
  BOOST_CHECK_EQUAL(std::lround(slot(*date)), std::lround(slot(*organ)) + 1);
  const auto last = pdf.body(op);
  size_t k = 0;
  while (last[k] != organ) ++k;
  BOOST_REQUIRE(k >= 1);
  BOOST_CHECK_EQUAL(std::lround(slot(*organ)), std::lround(slot(*last[k - 1])) + 2);
  BOOST_CHECK_EQUAL(last.back(), date);
}

BOOST_AUTO_TEST_CASE(a_short_organ_a_seal_or_none) {
  // A date longer than the organ: the date 右空二字, the organ two characters left of it.
  {
    const Pdf pdf(sample() + "\n[signature]\norgan = \"某某局\"\n");
    BOOST_TEST_INFO(pdf.result.err);
    BOOST_REQUIRE_EQUAL(pdf.result.code, 0);
    const auto organ = pdf.find("某某局").first, date = pdf.find(kDate).first;
    BOOST_REQUIRE(organ && date);
    BOOST_CHECK_SMALL(date->x1 - (kRight - 2 * kCell), 0.5);
    BOOST_CHECK_SMALL(organ->x0 - (date->x0 - 2 * kCell), 0.5);
  }
  // With a seal: the date 右空四字, the organ centred on it; a date of its own.
  {
    const Pdf pdf(sample() + "\n[signature]\nseal = true\ndate = 2022-01-09\n");
    BOOST_TEST_INFO(pdf.result.err);
    BOOST_REQUIRE_EQUAL(pdf.result.code, 0);
    const auto organ = pdf.find(kOrgan).first, date = pdf.find("2022年1月9日").first;
    BOOST_REQUIRE(organ && date);
    BOOST_CHECK_SMALL(date->x1 - (kRight - 4 * kCell), 0.5);
    BOOST_CHECK_SMALL((organ->x0 + organ->x1) / 2 - (date->x0 + date->x1) / 2, 0.5);
  }
  // print = false: the report ends with its text.
  {
    const Pdf pdf(sample() + "\n[signature]\nprint = false\n");
    BOOST_TEST_INFO(pdf.result.err);
    BOOST_REQUIRE_EQUAL(pdf.result.code, 0);
    BOOST_CHECK(!pdf.find(kDate).first);
    BOOST_CHECK(!pdf.find(kOrgan).first);
  }
}

BOOST_AUTO_TEST_CASE(the_2019_amount_is_printed_with_its_unit) {
  const std::string sample = read_file(kSample2019);
  const std::string row = "procurement     = [0, 0]";
  BOOST_REQUIRE(sample.find(row) != std::string::npos);
  std::string toml = sample;
  toml.replace(toml.find(row), row.size(), "procurement = [3, 251000]\nprocurement_unit = \"元\"");
  const Pdf pdf(toml);
  BOOST_TEST_INFO(pdf.result.err);
  BOOST_REQUIRE_EQUAL(pdf.result.code, 0);
  BOOST_CHECK(pdf.result.err.find("警告") == std::string::npos);
  const auto cell = pdf.find("251000元").first;
  BOOST_REQUIRE(cell);
  // Without the unit: built, and a warning naming the key to add, at the amount.
  toml = sample;
  toml.replace(toml.find(row), row.size(), "procurement = [3, 25.1]");
  const Pdf bare(toml);
  BOOST_CHECK_EQUAL(bare.result.code, 0);
  BOOST_CHECK(bare.result.err.find("的采购总金额没有写单位：请加一行 procurement_unit = \"元\"") != std::string::npos);
  BOOST_CHECK(bare.find("25.1").first);
}
