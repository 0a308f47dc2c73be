// End to end: the sample report through the real binary, checked with independent
// tools (poppler's pdftotext/pdffonts/pdftoppm, qpdf, MuPDF).
#define BOOST_TEST_MODULE e2e
#include <boost/test/unit_test.hpp>

#include <regex>
#include <sstream>

#include "bbox.hpp"
#include "support.hpp"

using namespace nbtest;

namespace {

const double kPtPerMm = 72 / 25.4;

const std::string kSample = kSample2019;

// The sample PDF, built once for the whole module.
struct Built {
  TempDir dir;
  std::string pdf = dir.file("quanan-2020.pdf");
  Output result;
  Built() { result = run(kBinary + " build " + kSample + " -o " + dir.path.string()); }
};

const Built& built() {
  static Built b;
  return b;
}

// Prose paragraphs of the seed text: untabbed lines, without the Word bookmark
// artefact, and without the continuation lines of wrapped table cells.
std::vector<std::string> seed_paragraphs() {
  std::istringstream in(read_file(kSourceDir + "/tests/data/seed-quanan-2020.txt"));
  std::vector<std::string> out;
  std::string line, prev;
  while (std::getline(in, line)) {
    bool cell_continuation = !prev.empty() && prev[0] == '\t';
    prev = line;
    if (line.empty() || line[0] == '\t' || cell_continuation) continue;
    const std::string mark = "[bookmark: _GoBack]";
    if (auto p = line.find(mark); p != std::string::npos) line.erase(p, mark.size());
    line = strip_space(line);
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::vector<std::string> seed_cells() {
  std::istringstream in(read_file(kSourceDir + "/tests/data/seed-quanan-2020.txt"));
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] == '\t' && line.size() > 1) out.push_back(strip_space(line));
  return out;
}

// A field of pdfinfo's output ("Pages", "Title"), without its padding.
std::string info_field(const std::string& info, const std::string& name) {
  std::smatch m;
  if (!std::regex_search(info, m, std::regex("(^|\n)" + name + ": *([^\n]*)"))) return "";
  return m[2];
}

// Drops the page numbers ("—2—" once spaces are gone) that split paragraphs
// running across pages.
std::string without_page_numbers(std::string s) {
  static const std::regex number("—[0-9]+—");
  return std::regex_replace(s, number, "");
}

}  // namespace

BOOST_AUTO_TEST_CASE(sample_builds_six_a4_pages_titled_as_the_input) {
  const auto& b = built();
  BOOST_TEST_INFO(b.result.err);
  BOOST_REQUIRE_EQUAL(b.result.code, 0);
  Output info = run("pdfinfo -f 1 -l 9999 " + b.pdf);  // -f/-l: a size line per page
  BOOST_REQUIRE_EQUAL(info.code, 0);
  // The sample as rendered: title, preface and six sections with three tables fill five
  // pages; the 落款 (three lines with its blank) does not fit under 六 on the fifth, and
  // takes 六 and its 无。 with it to a sixth (it never stands alone on a page). A
  // change of line or page breaking that moves a page shows here.
  BOOST_CHECK_EQUAL(info_field(info.out, "Pages"), "6");
  static const std::regex size(R"(Page +\d+ size: +([0-9.]+) x ([0-9.]+) pts \(A4\))");
  int sized = 0;
  for (std::sregex_iterator m(info.out.begin(), info.out.end(), size), end; m != end; ++m, ++sized) {
    BOOST_CHECK_SMALL(std::stod((*m)[1]) - 210 * kPtPerMm, 0.01);
    BOOST_CHECK_SMALL(std::stod((*m)[2]) - 297 * kPtPerMm, 0.01);
  }
  BOOST_CHECK_EQUAL(std::to_string(sized), info_field(info.out, "Pages"));
  std::smatch title;
  const std::string toml = read_file(kSample);
  BOOST_REQUIRE(std::regex_search(toml, title, std::regex(R"re((^|\n)title *= *"([^"]*)")re")));
  BOOST_CHECK_EQUAL(info_field(info.out, "Title"), title[2].str());
}

BOOST_AUTO_TEST_CASE(an_external_reader_sees_the_pdfa_2a_and_pdfua_claims) {
  Output meta = run("pdfinfo -meta " + built().pdf);
  BOOST_REQUIRE_EQUAL(meta.code, 0);
  BOOST_CHECK(meta.out.find("<pdfaid:part>2</pdfaid:part>") != std::string::npos);
  BOOST_CHECK(meta.out.find("<pdfaid:conformance>A</pdfaid:conformance>") != std::string::npos);
  BOOST_CHECK(meta.out.find("<pdfuaid:part>1</pdfuaid:part>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bookmarks_list_the_layouts_six_sections_in_order) {
  // The section titles of the sample's format, as its layout file writes them.
  const std::string layout = read_file(kSourceDir + "/layouts/2019.toml");
  static const std::regex section_title(R"re(\ntitle = "([^"]*)")re");
  std::vector<std::string> sections;
  for (std::sregex_iterator m(layout.begin(), layout.end(), section_title), end; m != end; ++m)
    sections.push_back((*m)[1]);
  const char* numerals[] = {"一、", "二、", "三、", "四、", "五、", "六、"};
  BOOST_REQUIRE_EQUAL(sections.size(), 6u);
  for (size_t i = 0; i < 6; ++i) BOOST_CHECK_EQUAL(sections[i].rfind(numerals[i], 0), 0u);
  // MuPDF's outline: |<TAB>"TITLE"<TAB>#page=… at the top level, a tab more per level down.
  Output o = run("mutool show " + built().pdf + " outline");
  BOOST_REQUIRE_EQUAL(o.code, 0);
  static const std::regex entry(R"re((^|\n)[|+-]\t"([^"]*)")re");
  std::vector<std::string> bookmarks;
  for (std::sregex_iterator m(o.out.begin(), o.out.end(), entry), end; m != end; ++m) bookmarks.push_back((*m)[2]);
  BOOST_CHECK_EQUAL_COLLECTIONS(bookmarks.begin(), bookmarks.end(), sections.begin(), sections.end());
}

// GB/T 9704 §5.2.1: the type area (版心) is 156 × 225 mm, 28 mm from the left and 37 mm
// from the top; only the page numbers ("— N —", §7.5) lie below it.
BOOST_AUTO_TEST_CASE(no_text_outside_the_type_area) {
  const double left = 28 * kPtPerMm, right = 184 * kPtPerMm, top = 37 * kPtPerMm, bottom = 262 * kPtPerMm;
  // Poppler's boxes reach the fonts' ascender (1.16 em in Noto CJK), above the em box:
  // 0.9 mm for the 22 pt title on the first grid line.
  const double above = 1 * kPtPerMm, eps = 0.5;
  // A line-end mark is set in half an em (GB/T 15834 §5.1.10): its blank half (8 pt of
  // the 16 pt text), counted in the glyph's advance, may pass the right edge.
  const std::string trimmed = "，。、：；！？）》」』】〕〗〉”’";
  auto pages = read_bbox(built().pdf);
  BOOST_REQUIRE_EQUAL(pages.size(), 6u);
  for (size_t p = 0; p < pages.size(); ++p) {
    int numbers = 0;
    for (const auto& line : pages[p].lines) BOOST_TEST_CONTEXT("page " << p + 1 << ": " << line.text) {
      if (line.y0 > bottom) {  // the page number
        BOOST_CHECK_EQUAL(line.text, "—" + std::to_string(p + 1) + "—");
        ++numbers;
        continue;
      }
      BOOST_CHECK_GE(line.y0, top - above);
      BOOST_CHECK_LE(line.y1, bottom);
      for (const auto& w : line.words) {
        BOOST_CHECK_GE(w.x0, left - eps);
        const bool mark = w.text.size() >= 3 && trimmed.find(w.text.substr(w.text.size() - 3)) != std::string::npos;
        BOOST_CHECK_LE(w.x1, right + eps + (mark ? 8 : 0));
      }
    }
    BOOST_CHECK_EQUAL(numbers, 1);
  }
}

BOOST_AUTO_TEST_CASE(every_seed_paragraph_appears_verbatim) {
  const auto& b = built();
  Output text = run("pdftotext -raw " + b.pdf + " -");
  BOOST_REQUIRE_EQUAL(text.code, 0);
  std::string all = without_page_numbers(strip_space(text.out));
  auto paras = seed_paragraphs();
  BOOST_CHECK_EQUAL(paras.size(), 18u);  // title, preface, 6 headings, 10 paragraphs
  for (const auto& p : paras) {
    BOOST_TEST_INFO(p);
    BOOST_CHECK(all.find(p) != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(every_table_label_and_figure_is_printed) {
  const auto& b = built();
  std::string all = strip_space(run("pdftotext -raw " + b.pdf + " -").out);
  size_t checked = 0;
  for (const auto& c : seed_cells()) {
    if (c == "本年新" || c == "0") continue;  // a wrapped header cell; figures checked below
    BOOST_TEST_INFO(c);
    BOOST_CHECK(all.find(c) != std::string::npos);
    ++checked;
  }
  BOOST_CHECK_GT(checked, 80u);
  BOOST_CHECK(all.find("政府集中采购00") != std::string::npos);
  BOOST_CHECK(all.find("（七）总计0000000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(fonts_are_embedded_subset_with_tounicode) {
  const auto& b = built();
  Output f = run("pdffonts " + b.pdf);
  BOOST_REQUIRE_EQUAL(f.code, 0);
  std::istringstream in(f.out);
  std::string line;
  int fonts = 0;
  while (std::getline(in, line)) {
    if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) continue;
    ++fonts;
    BOOST_TEST_INFO(line);
    BOOST_CHECK(line.find("+") == 6);                               // subset tag
    BOOST_CHECK(line.find("Identity-H       yes yes yes") != std::string::npos);  // emb sub uni
  }
  BOOST_CHECK_GE(fonts, 4);
  BOOST_CHECK(f.out.find("FandolFang") != std::string::npos);
  BOOST_CHECK(f.out.find("NotoSansCJKsc-Bold") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(qpdf_finds_no_errors) {
  Output q = run("qpdf --check " + built().pdf);
  BOOST_TEST_INFO(q.out + q.err);
  BOOST_CHECK_EQUAL(q.code, 0);
  BOOST_CHECK(q.out.find("No syntax or stream encoding errors found") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(renders_without_warnings_in_poppler_and_mupdf) {
  TempDir t;
  Output p = run("pdftoppm -r 30 -png " + built().pdf + " " + t.file("p"));
  BOOST_CHECK_EQUAL(p.code, 0);
  BOOST_CHECK_EQUAL(p.err, "");
  Output m = run("mutool draw -q -r 30 -o " + t.file("m%d.png") + " " + built().pdf);
  BOOST_CHECK_EQUAL(m.code, 0);
  // Debian's MuPDF is built without lcms and says so for every file; anything else is ours.
  std::string err = m.err;
  const std::string icc = "warning: ICC support is not available\n";
  if (err.rfind(icc, 0) == 0) err.erase(0, icc.size());
  BOOST_CHECK_EQUAL(err, "");
}

BOOST_AUTO_TEST_CASE(bad_input_exits_1_with_a_located_error_and_writes_nothing) {
  TempDir t;
  std::string sample = read_file(kSample);
  std::string bad = sample;
  bad.replace(bad.find("year   = 2020"), 13, "year   = \"二〇二〇\"");
  write_file(t.file("bad.toml"), bad);
  write_file(t.file("bad.pdf"), "previous PDF");
  Output o = run(kBinary + " build " + t.file("bad.toml") + " -o " + t.path.string());
  BOOST_CHECK_EQUAL(o.code, 1);
  BOOST_CHECK(o.err.rfind(t.file("bad.toml") + ":5:10: 错误: 键 year 应为整数", 0) == 0);
  BOOST_CHECK_EQUAL(read_file(t.file("bad.pdf")), "previous PDF");
  int files = 0;
  for (const auto& e : fs::directory_iterator(t.path)) (void)e, ++files;
  BOOST_CHECK_EQUAL(files, 2);  // bad.toml and the untouched bad.pdf, no temporary
}

BOOST_AUTO_TEST_CASE(character_in_no_font_exits_1_naming_it) {
  TempDir t;
  std::string bad = read_file(kSample);
  bad.replace(bad.find("无。"), 6, "无😀。");
  write_file(t.file("emoji.toml"), bad);
  Output o = run(kBinary + " build " + t.file("emoji.toml") + " -o " + t.path.string());
  BOOST_CHECK_EQUAL(o.code, 1);
  BOOST_CHECK(o.err.find(":87:2: 错误: 字符“😀”（U+1F600）") != std::string::npos);
  BOOST_CHECK(!fs::exists(t.file("emoji.pdf")));
}

BOOST_AUTO_TEST_CASE(truetype_font_chosen_in_the_input_is_embedded_as_cid_truetype) {
  TempDir t;
  std::string in = read_file(kSample);
  in += "\n[fonts]\nbody = \"gkai00mp.ttf\"   # AR PL KaitiM GB, TrueType\n";
  write_file(t.file("tt.toml"), in);
  Output o = run(kBinary + " build " + t.file("tt.toml") + " -o " + t.path.string());
  BOOST_TEST_INFO(o.err);
  BOOST_REQUIRE_EQUAL(o.code, 0);
  Output f = run("pdffonts " + t.file("tt.pdf"));
  BOOST_TEST_INFO(f.out);
  BOOST_CHECK(f.out.find("+GBZenKai-Medium") != std::string::npos);  // AR PL KaitiM GB
  BOOST_CHECK(f.out.find("CID TrueType      Identity-H       yes yes yes") != std::string::npos);
  std::string all = without_page_numbers(strip_space(run("pdftotext -raw " + t.file("tt.pdf") + " -").out));
  for (const auto& p : seed_paragraphs()) {
    BOOST_TEST_INFO(p);
    BOOST_CHECK(all.find(p) != std::string::npos);
  }
  BOOST_CHECK_EQUAL(run("qpdf --check " + t.file("tt.pdf")).code, 0);
}
