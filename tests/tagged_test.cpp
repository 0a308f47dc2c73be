// Tagged PDF (PDF/UA-1, PDF/A-2a): the structure tree as poppler reads it
// (pdfinfo -struct-text) against the input's text and figures, the cells each
// figure names as its headers, and the PDF/UA checkpoints a machine can decide as
// pikepdf reads them (tests/tagged_inspect.py). Both formats; each sample's table
// 三 is split over two pages.
#define BOOST_TEST_MODULE tagged
#include <boost/test/unit_test.hpp>

#include <map>
#include <regex>
#include <sstream>

#include "check/check.hpp"
#include "compose/document.hpp"
#include "core/utf8.hpp"
#include "input/report.hpp"
#include "layout/catalog.hpp"
#include "support.hpp"

using namespace nbtest;

namespace {

// An element of `pdfinfo -struct-text`: its tag, ID, attributes, and its content
// in order: text (a quoted line) or a child element.
struct Node {
  std::string tag, id;
  std::map<std::string, std::string> attrs;
  int parent = -1;
  std::vector<std::pair<std::string, int>> content;  // text, or "" and a child
};

std::vector<Node> struct_text(const std::string& pdf) {
  Output o = run("pdfinfo -struct-text " + pdf);
  BOOST_REQUIRE_EQUAL(o.code, 0);
  static const std::regex element(R"(^( *)([A-Za-z0-9]+)(?: \((?:block|inline)\))?(?: <([^>]*)>)?:?$)");
  static const std::regex attr(R"(^( +)/(\w+) (.*)$)");
  static const std::regex text(R"(^( +)\"(.*)\"$)");
  std::vector<Node> nodes;
  std::vector<std::pair<size_t, int>> open;  // indent, node
  std::istringstream in(o.out);
  std::string line;
  std::smatch m;
  auto owner = [&](size_t indent) {
    while (!open.empty() && open.back().first >= indent) open.pop_back();
    return open.empty() ? -1 : open.back().second;
  };
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, text)) {
      if (int n = owner(m[1].length()); n >= 0) nodes[n].content.push_back({m[2], -1});
    } else if (std::regex_match(line, m, attr)) {
      if (int n = owner(m[1].length()); n >= 0) nodes[n].attrs[m[2]] = m[3];
    } else if (std::regex_match(line, m, element)) {
      const int parent = owner(m[1].length());
      nodes.push_back({m[2], m[3], {}, parent, {}});
      const int n = static_cast<int>(nodes.size()) - 1;
      if (parent >= 0) nodes[parent].content.push_back({"", n});
      open.push_back({m[1].length(), n});
    } else {
      BOOST_TEST_MESSAGE("unread line: " << line);
    }
  }
  return nodes;
}

// All the text under a node, in order, without spaces (poppler puts a space where
// glyphs leave a gap: between Han and Latin).
std::string text_of(const std::vector<Node>& nodes, int n) {
  std::string s;
  for (const auto& [t, child] : nodes[n].content) s += child >= 0 ? text_of(nodes, child) : t;
  std::string o;
  for (char c : s)
    if (c != ' ') o += c;
  return o;
}

// The input as the reader should hear it: each paragraph under its tag, each
// table's cells in row order as TH or TD.
std::vector<std::string> expected(const std::string& input) {
  nb::layout::Catalog layouts;
  nb::Diagnostics d;
  BOOST_REQUIRE(layouts.load_dir(kSourceDir + "/layouts", d));
  auto r = nb::input::read(source(input, read_file(input)), [&](const std::string& id, int y) { return layouts.find(id, y); }, d);
  BOOST_REQUIRE(r);
  auto checked = nb::check::run(std::move(*r), {}, d);
  BOOST_REQUIRE(checked);
  const nb::compose::Document doc = nb::compose::compose(*checked);
  static const char* kTag[] = {"H1", "P", "H2", "H3", "H4", "H5", "P", "P"};  // by compose::Kind
  std::vector<std::string> out;
  auto plain = [](const std::u32string& t) {
    std::string o;
    for (char c : nb::encode_utf8(t))
      if (c != ' ') o += c;
    return o;
  };
  for (const auto& b : doc.blocks) {
    if (const auto* p = std::get_if<nb::compose::Paragraph>(&b)) {
      if (p->kind == nb::compose::Kind::Signature) {  // the organ, then the date: a P each
        std::u32string organ;
        for (size_t i = 0; i + 1 < p->runs.size(); ++i) organ += p->runs[i].text;
        out.push_back("P " + plain(organ));
        out.push_back("P " + plain(p->runs.back().text));
        continue;
      }
      out.push_back(std::string(kTag[static_cast<int>(p->kind)]) + " " + plain(p->plain()));
      continue;
    }
    for (const auto& c : std::get<nb::compose::Table>(b).cells)
      out.push_back(std::string(c.header ? "TH " : "TD ") + plain(c.runs.at(0).text));
  }
  return out;
}

// tests/tagged_inspect.py's facts of a PDF: key -> values (its per-element lines apart).
std::map<std::string, std::vector<std::string>> inspect(const std::string& pdf) {
  Output f = run("/usr/bin/python3 " + kSourceDir + "/tests/tagged_inspect.py " + pdf);
  BOOST_REQUIRE_EQUAL(f.code, 0);
  std::map<std::string, std::vector<std::string>> facts;
  std::istringstream in(f.out);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    std::istringstream l(line);
    for (std::string x; std::getline(l, x, '\t');) fields.push_back(x);
    if (fields.empty()) continue;
    if (fields[0] == "element") facts["element." + (fields.size() > 2 ? fields[2] : "")].push_back("");
    else facts[fields[0]] = {fields.begin() + 1, fields.end()};
  }
  return facts;
}

struct Built {
  TempDir dir;
  std::string pdf;
  std::vector<Node> nodes;
  std::map<std::string, std::vector<std::string>> facts;
  explicit Built(const std::string& input) {
    Output b = run(kBinary + " build " + input + " -o " + dir.path.string());
    BOOST_REQUIRE_EQUAL(b.code, 0);
    pdf = dir.file(fs::path(input).stem().string() + ".pdf");
    nodes = struct_text(pdf);
    facts = inspect(pdf);
  }
  std::string fact(const std::string& key) const {
    auto it = facts.find(key);
    BOOST_REQUIRE_MESSAGE(it != facts.end(), key);
    std::string s;
    for (const auto& v : it->second) s += (s.empty() ? "" : " ") + v;
    return s;
  }
  // The texts of the header cells a cell names.
  std::vector<std::string> headers(int td) const {
    std::vector<std::string> out;
    auto it = nodes[td].attrs.find("Headers");
    if (it == nodes[td].attrs.end()) return out;
    static const std::regex id(R"(\(([^)]*)\))");
    for (std::sregex_iterator m(it->second.begin(), it->second.end(), id), end; m != end; ++m) {
      int found = -1;
      for (size_t n = 0; n < nodes.size(); ++n)
        if (nodes[n].tag == "TH" && nodes[n].id == (*m)[1]) found = static_cast<int>(n);
      out.push_back(found >= 0 ? text_of(nodes, found) : "(no TH " + (*m)[1].str() + ")");
    }
    return out;
  }
  // The k-th TD of the row whose header cell reads `row`, in the table whose cell reads `in`.
  int cell(const std::string& row, int k) const {
    for (size_t n = 0; n < nodes.size(); ++n) {
      if (nodes[n].tag != "TH" || text_of(nodes, static_cast<int>(n)) != row) continue;
      const Node& tr = nodes[nodes[n].parent];
      int seen = 0;
      for (const auto& [t, child] : tr.content)
        if (child >= 0 && nodes[child].tag == "TD" && seen++ == k) return child;
    }
    return -1;
  }
};

const Built& built(const std::string& input) {
  static std::map<std::string, std::unique_ptr<Built>> cache;
  auto& b = cache[input];
  if (!b) b = std::make_unique<Built>(input);
  return *b;
}

const std::string kFormats[] = {kSample2019, kSample2021};

}  // namespace

BOOST_AUTO_TEST_CASE(the_structure_reads_as_the_report) {
  for (const auto& input : kFormats) BOOST_TEST_CONTEXT(input) {
    const Built& b = built(input);
    BOOST_REQUIRE(!b.nodes.empty());
    BOOST_CHECK_EQUAL(b.nodes[0].tag, "Document");
    // Every paragraph, heading and table cell, in order, under its tag; nothing else
    // (no page number, no header row repeated on a continuation page). The text is
    // the input's exactly: no glyph shows other text than it stands for (a
    // compressed or trimmed mark is its own glyph set narrower), so no element
    // needs an /ActualText.
    std::vector<std::string> got;
    for (size_t n = 0; n < b.nodes.size(); ++n) {
      const std::string& t = b.nodes[n].tag;
      if (t == "H1" || t == "H2" || t == "H3" || t == "H4" || t == "H5" || t == "P" || t == "TH" || t == "TD")
        got.push_back(t + " " + text_of(b.nodes, static_cast<int>(n)));
    }
    const auto want = expected(input);
    BOOST_CHECK_EQUAL_COLLECTIONS(got.begin(), got.end(), want.begin(), want.end());
    // Tables: Table > THead/TBody > TR > TH/TD; bold phrases are Spans inside a P.
    int spans = 0;
    for (const auto& node : b.nodes) {
      const std::string parent = node.parent >= 0 ? b.nodes[node.parent].tag : "";
      if (node.tag == "TH" || node.tag == "TD") BOOST_CHECK_EQUAL(parent, "TR");
      if (node.tag == "TR") BOOST_CHECK(parent == "THead" || parent == "TBody");
      if (node.tag == "THead" || node.tag == "TBody") BOOST_CHECK_EQUAL(parent, "Table");
      if (node.tag == "Span") {
        BOOST_CHECK_EQUAL(parent, "P");
        ++spans;
      }
    }
    // As many as the input has **bold** phrases (outside its comments).
    std::istringstream toml(read_file(input));
    int marks = 0;
    for (std::string l; std::getline(toml, l);)
      for (size_t at = 0; l.rfind("#", 0) != 0 && (at = l.find("**", at)) != std::string::npos; at += 2) ++marks;
    BOOST_CHECK_EQUAL(spans, marks / 2);
    // Each sample's table 三 is on two pages and is one Table.
    BOOST_CHECK_EQUAL(b.fact("table_pages"), "1 2 1");
  }
}

BOOST_AUTO_TEST_CASE(the_sample_has_its_six_sections_as_h2_and_every_figure_in_a_td) {
  const Built& b = built(kSample2019);
  std::vector<std::string> h2;
  size_t tds = 0;
  for (size_t n = 0; n < b.nodes.size(); ++n) {
    if (b.nodes[n].tag == "H2") h2.push_back(text_of(b.nodes, static_cast<int>(n)));
    tds += b.nodes[n].tag == "TD";
  }
  const std::vector<std::string> sections = {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                                             "六、其他需要报告的事项"};
  BOOST_CHECK_EQUAL_COLLECTIONS(h2.begin(), h2.end(), sections.begin(), sections.end());
  // 二: 8 rows of figures (22 cells) and the sentence of published_total; 三: 23 rows
  // of 7; 四: 15.
  BOOST_CHECK_EQUAL(tds, 22u + 1 + 23 * 7 + 15);
}

BOOST_AUTO_TEST_CASE(every_figure_names_the_labels_of_its_row_and_column) {
  for (const auto& input : kFormats) BOOST_TEST_CONTEXT(input) {
    const Built& b = built(input);
    const bool y2019 = input == kSample2019;
    using V = std::vector<std::string>;
    auto check = [&](const std::string& row, int k, const V& want) {
      const int td = b.cell(row, k);
      BOOST_REQUIRE_MESSAGE(td >= 0, row);
      const V got = b.headers(td);
      BOOST_TEST_INFO(row << " #" << k);
      BOOST_CHECK_EQUAL_COLLECTIONS(got.begin(), got.end(), want.begin(), want.end());
    };
    // 三: the label path, then the column path.
    check("1.属于国家秘密", 1, {"三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "申请人情况", "法人或其他组织", "商业企业"});
    check("四、结转下年度继续办理", 6, {"四、结转下年度继续办理", "申请人情况", "总计"});
    // 三 continued on its second page: the same header cells, not the repeated ones.
    check("（七）总计", 0, {"三、本年度办理结果", "（七）总计", "申请人情况", "自然人"});
    // 二: the row, its group's title and its column in the group's 信息内容 row.
    if (y2019) check("规章", 1, {"规章", "第二十条第（一）项", "本年新公开数量"});
    else check("行政许可", 0, {"行政许可", "第二十条第（五）项", "本年处理决定数量"});
    // 四: only column headers, three deep.
    int last = -1;
    for (size_t n = 0; n < b.nodes.size(); ++n)
      if (b.nodes[n].tag == "TD") last = static_cast<int>(n);
    const V review = b.headers(last);
    const V want = {"行政诉讼", "复议后起诉", "总计"};
    BOOST_CHECK_EQUAL_COLLECTIONS(review.begin(), review.end(), want.begin(), want.end());
    // Every ID resolves to a TH; every TD but a sentence with its own label names some.
    BOOST_CHECK_EQUAL(b.fact("headers_bad"), "0");
    BOOST_CHECK_EQUAL(b.fact("td_no_headers"), y2019 ? "1" : "0");
    for (size_t n = 0; n < b.nodes.size(); ++n)
      if (b.nodes[n].tag == "TH") BOOST_CHECK(b.nodes[n].attrs.count("Scope"));
  }
}

// The Matterhorn Protocol checkpoints a machine can decide for text and tables.
BOOST_AUTO_TEST_CASE(pdf_ua_checkpoints_that_a_machine_can_decide) {
  for (const auto& input : kFormats) BOOST_TEST_CONTEXT(input) {
    const Built& b = built(input);
    BOOST_CHECK_EQUAL(b.fact("marked"), "yes");          // 06-001
    BOOST_CHECK_EQUAL(b.fact("suspects"), "no");         // 01-002
    BOOST_CHECK_EQUAL(b.fact("untagged_text"), "0");     // 01-005: content tagged or an artifact
    BOOST_CHECK_EQUAL(b.fact("untagged_paths"), "0");    // 01-005: rules are artifacts
    BOOST_CHECK_EQUAL(b.fact("artifact_in_tag"), "0");   // 01-001
    BOOST_CHECK_EQUAL(b.fact("parent_tree_bad"), "0");   // 01-003
    BOOST_CHECK_EQUAL(b.fact("tabs_not_s"), "0");        // 09-004
    BOOST_CHECK_EQUAL(b.fact("role_map"), "0");          // 02-001: standard types only
    BOOST_CHECK_EQUAL(b.fact("nonstandard"), "0");
    BOOST_CHECK_EQUAL(b.fact("table_bad"), "0");         // 15: table structure
    BOOST_CHECK_EQUAL(b.fact("th_no_scope"), "0");       // 15-003
    BOOST_CHECK_EQUAL(b.fact("figures"), "0");           // 13: no figures to describe
    // 14-003: headings in order, none skipped.
    std::istringstream levels(b.fact("headings"));
    int prev = 0;
    for (int l; levels >> l; prev = l) BOOST_CHECK_LE(l, prev + 1);
    BOOST_CHECK_EQUAL(prev > 0, true);
  }
}

// A clerk's #### right under a section heading is a fourth level (H5) with no
// third: it is tagged one level below the heading above it. A subtitle is a P
// right after the title.
BOOST_AUTO_TEST_CASE(a_skipped_heading_level_is_closed_up_and_a_subtitle_is_a_p) {
  TempDir t;
  std::string toml = read_file(kSample2021);
  const std::string title = "年度报告\" # 报告标题\n";
  BOOST_REQUIRE(toml.find(title) != std::string::npos);
  toml.insert(toml.find(title) + title.size(), "subtitle = \"（2022年1月）\"\n");
  const std::string overall = "[overall]   # 一、总体情况\ntext = \"\"\"\n";
  BOOST_REQUIRE(toml.find(overall) != std::string::npos);
  toml.insert(toml.find(overall) + overall.size(),
              "本局参照 Open Government Data 原则，建设 5G Network Plan，用 nianbao 编写本报告（见 "
              "https://example.gov.cn/a b）。\n\n**Open Data 试点。**已完成。\n\n");
  const std::string anchor = "[other]   # 六、其他需要报告的事项\ntext = \"\"\"\n";
  const size_t at = toml.find(anchor);
  BOOST_REQUIRE(at != std::string::npos);
  toml.insert(at + anchor.size(), "#### （1）说明\n\n");
  write_file(t.file("r.toml"), toml);
  Output o = run(kBinary + " build " + t.file("r.toml") + " -o " + t.path.string());
  BOOST_REQUIRE_EQUAL(o.code, 0);
  const auto nodes = struct_text(t.file("r.pdf"));
  bool found = false;
  for (size_t n = 0; n < nodes.size(); ++n)
    if (text_of(nodes, static_cast<int>(n)) == "（1）说明") {
      BOOST_CHECK_EQUAL(nodes[n].tag, "H3");
      found = true;
    }
  BOOST_CHECK(found);
  BOOST_REQUIRE_GE(nodes.size(), 3u);
  BOOST_CHECK_EQUAL(nodes[1].tag, "H1");
  BOOST_CHECK_EQUAL(nodes[2].tag, "P");
  BOOST_CHECK_EQUAL(text_of(nodes, 2), "（2022年1月）");
  // Latin phrases of two words or more are Spans in English; a lone word is not.
  const auto facts = inspect(t.file("r.pdf"));
  std::vector<std::string> spans;
  for (size_t n = 0; n < nodes.size(); ++n)
    if (nodes[n].tag == "Span") spans.push_back(text_of(nodes, static_cast<int>(n)));
  // In reading order: two phrases, then a bold Span holding a phrase in English.
  const std::vector<std::string> want = {"OpenGovernmentData", "5GNetworkPlan", "OpenData试点。", "OpenData"};
  BOOST_CHECK_EQUAL_COLLECTIONS(spans.begin(), spans.end(), want.begin(), want.end());
  const std::vector<std::string> langs = {"en", "en", "-", "en"};
  BOOST_CHECK_EQUAL_COLLECTIONS(facts.at("span_langs").begin(), facts.at("span_langs").end(), langs.begin(), langs.end());
}

// A title in lines with a Latin phrase on its second: the phrase's Span holds
// the phrase (the characters of each line are counted through the whole title).
BOOST_AUTO_TEST_CASE(a_phrase_on_a_titles_second_line_is_its_own_span) {
  TempDir t;
  std::string toml = read_file(kSample2021);
  const std::string title = "title  = \"青禾县市场监督管理局2021年政府信息公开工作年度报告\"";
  BOOST_REQUIRE(toml.find(title) != std::string::npos);
  toml.replace(toml.find(title), title.size(),
               "title = [\"青禾县市场监督管理局\", \"2021年 Open Data 政府信息公开工作年度报告\"]");
  write_file(t.file("r.toml"), toml);
  Output o = run(kBinary + " build " + t.file("r.toml") + " -o " + t.path.string());
  BOOST_TEST_INFO(o.err);
  BOOST_REQUIRE_EQUAL(o.code, 0);
  const auto nodes = struct_text(t.file("r.pdf"));
  BOOST_REQUIRE_GE(nodes.size(), 3u);
  BOOST_CHECK_EQUAL(nodes[1].tag, "H1");
  BOOST_CHECK_EQUAL(nodes[2].tag, "Span");
  BOOST_CHECK_EQUAL(nodes[2].parent, 1);
  BOOST_CHECK_EQUAL(text_of(nodes, 2), "OpenData");
}

// PDF 1.4 (the PDF/A-1b variant) allows arrays of 8,191 elements at most: a report
// of more paragraphs has them in Divs under the Document, every one still there.
BOOST_AUTO_TEST_CASE(more_paragraphs_than_an_array_may_hold) {
  TempDir t;
  std::string toml = read_file(kSample2021);
  const std::string anchor = "[other]   # 六、其他需要报告的事项\ntext = \"\"\"\n";
  BOOST_REQUIRE(toml.find(anchor) != std::string::npos);
  std::string many;
  for (int i = 0; i < 8300; ++i) many += "第" + std::to_string(i) + "段。\n\n";
  toml.insert(toml.find(anchor) + anchor.size(), many);
  write_file(t.file("r.toml"), toml);
  Output o = run(kBinary + " build --pdfa1b " + t.file("r.toml") + " -o " + t.path.string());
  BOOST_TEST_INFO(o.err);
  BOOST_REQUIRE_EQUAL(o.code, 0);
  const auto facts = inspect(t.file("r.pdf"));
  BOOST_CHECK_LE(std::stoi(facts.at("max_kids").at(0)), 8191);
  BOOST_CHECK_EQUAL(facts.at("parent_tree_bad").at(0), "0");
  // Counted from pikepdf's walk (poppler's -struct-text takes minutes on 400 pages).
  BOOST_CHECK_EQUAL(facts.at("element.Div").size(), 2u);
  BOOST_CHECK_GE(facts.at("element.P").size(), 8300u);
}

// A layout's table may have a cell with no text: it is a cell of its row all the same.
BOOST_AUTO_TEST_CASE(an_empty_cell_keeps_its_place_in_its_row) {
  TempDir t;
  const fs::path data = t.path / "data";
  fs::create_directories(data / "fonts");
  fs::copy(fs::path(kSourceDir) / "layouts", data / "layouts");
  const std::string file = (data / "layouts" / "2021.toml").string();
  std::string layout = read_file(file);
  const std::string from = "[\"信息内容\", \"本年制发件数\"";
  BOOST_REQUIRE(layout.find(from) != std::string::npos);
  layout.replace(layout.find(from), from.size(), "[\"\", \"本年制发件数\"");
  write_file(file, layout);
  Output o = run("NIANBAO_DATA=" + data.string() + " " + kBinary + " build " + kSample2021 + " -o " + t.path.string());
  BOOST_TEST_INFO(o.err);
  BOOST_REQUIRE_EQUAL(o.code, 0);
  const auto nodes = struct_text(t.file("sample-2021.pdf"));
  // The second row of 二: an empty TH, then 本年制发件数, 本年废止件数, 现行有效件数.
  int row = -1;
  for (size_t n = 0; n < nodes.size() && row < 0; ++n)
    if (text_of(nodes, static_cast<int>(n)) == "本年制发件数" && nodes[n].tag == "TH") row = nodes[n].parent;
  BOOST_REQUIRE(row >= 0);
  std::vector<std::string> cells;
  for (const auto& [text, child] : nodes[row].content)
    if (child >= 0) cells.push_back(nodes[child].tag + " " + text_of(nodes, child));
  const std::vector<std::string> want = {"TH ", "TH 本年制发件数", "TH 本年废止件数", "TH 现行有效件数"};
  BOOST_CHECK_EQUAL_COLLECTIONS(cells.begin(), cells.end(), want.begin(), want.end());
}
