// The compose stage: a checked report -> the document's blocks in the layout's order,
// its tables with the checked figures, its font choices and the way back from every
// run of prose to the input.
#define BOOST_TEST_MODULE compose
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <regex>

#include "check/check.hpp"
#include "compose/document.hpp"
#include "core/utf8.hpp"
#include "input/report.hpp"
#include "layout/catalog.hpp"
#include "support.hpp"

using namespace nb;
using nbtest::read_file;

namespace {

using nbtest::kSample2019;
using nbtest::kSample2021;

std::string utf8(const std::u32string& s) { return encode_utf8(s); }

struct Composed {
  std::optional<check::CheckedReport> checked;
  compose::Document doc;
};

// Where `needle` first occurs in `text`: its line and column (1-based, in code points).
std::pair<uint32_t, uint32_t> position(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  BOOST_REQUIRE(at != std::string::npos);
  const size_t line_start = text.rfind('\n', at) + 1;  // npos + 1 = 0 on the first line
  const uint32_t line = 1 + std::count(text.begin(), text.begin() + at, '\n');
  return {line, 1 + static_cast<uint32_t>(decode_utf8(text.substr(line_start, at - line_start))->size())};
}

// The document's blocks, one line each: "title …", "h1 …", "h2 …", "body", "table ID".
std::vector<std::string> outline(const compose::Document& doc) {
  std::vector<std::string> out;
  for (const auto& b : doc.blocks) {
    if (const auto* t = std::get_if<compose::Table>(&b)) {
      out.push_back("table " + t->id);
      continue;
    }
    const auto& p = std::get<compose::Paragraph>(b);
    static const char* kKinds[] = {"title ", "subtitle ", "h1 ", "h2 ", "h3 ", "h4 ", "body", "signature "};
    out.push_back(kKinds[static_cast<int>(p.kind)] + (p.kind == compose::Kind::Body ? "" : utf8(p.plain())));
  }
  return out;
}

const compose::Paragraph* find_paragraph(const compose::Document& doc, const std::u32string& start) {
  for (const auto& b : doc.blocks)
    if (const auto* p = std::get_if<compose::Paragraph>(&b); p && p->plain().rfind(start, 0) == 0) return p;
  return nullptr;
}

const compose::Table* find_table(const compose::Document& doc, const std::string& id) {
  for (const auto& b : doc.blocks)
    if (const auto* t = std::get_if<compose::Table>(&b); t && t->id == id) return t;
  return nullptr;
}

struct Fixture {
  layout::Catalog layouts;
  Fixture() {
    Diagnostics d;
    BOOST_REQUIRE(layouts.load_dir(nbtest::kSourceDir + "/layouts", d));
  }
  // Reads, checks and composes `text` as the file `path`.
  Composed compose(const std::string& path, const std::string& text) {
    Diagnostics d;
    auto r = input::read(nbtest::source(path, text), [&](const std::string& id, int y) { return layouts.find(id, y); }, d);
    BOOST_REQUIRE(r);
    Composed c;
    c.checked = check::run(std::move(*r), {}, d);
    BOOST_REQUIRE(c.checked);
    c.doc = compose::compose(*c.checked);
    return c;
  }
  // The figure a table prints for a field's column (a table with no row left out).
  static std::string cell_text(const compose::Table& t, const layout::Table& lt, const std::string& key, int column) {
    const int field = lt.field_index(key);
    for (size_t i = 0; i < lt.cells.size(); ++i)
      if (lt.cells[i].field == field && lt.cells[i].column == column) return utf8(t.cells.at(i).runs.at(0).text);
    return "(none)";
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(compose_stage, Fixture)

BOOST_AUTO_TEST_CASE(blocks_follow_the_layouts_sections) {
  const Composed c = compose("r.toml", read_file(kSample2021));
  const auto& s = c.doc.layout->sections;
  BOOST_REQUIRE_EQUAL(s.size(), 6u);
  const std::vector<std::string> expected = {
      "title 青禾县市场监督管理局2021年政府信息公开工作年度报告",
      "body",  // preface
      "h1 " + s[0].title, "body",
      "h2 （一）主动公开", "body", "h2 （二）依申请公开", "body", "h2 （三）政府信息管理", "body",
      "h2 （四）政府信息公开平台建设", "body", "h2 （五）监督保障", "body",
      "h1 " + s[1].title, "body", "table proactive",
      "h1 " + s[2].title, "body", "table requests",
      "h1 " + s[3].title, "body", "table review",
      "h1 " + s[4].title, "body", "body",
      "h1 " + s[5].title, "body", "body",
      "signature 青禾县市场监督管理局2022年1月26日",  // the layout's style: organ and date at the end
  };
  const auto got = outline(c.doc);
  BOOST_CHECK_EQUAL_COLLECTIONS(got.begin(), got.end(), expected.begin(), expected.end());
  BOOST_CHECK_EQUAL(s[0].title, "一、总体情况");
  // Each piece of text in its role; prose and the title have an origin (section titles come from the layout).
  for (const auto& b : c.doc.blocks) {
    const auto* p = std::get_if<compose::Paragraph>(&b);
    if (!p) continue;
    BOOST_TEST_CONTEXT(utf8(p->plain())) {
      for (const auto& r : p->runs) BOOST_CHECK(r.role == compose::style_role(p->kind));  // no bold here
      const bool prose = p->kind != compose::Kind::Heading1;
      BOOST_CHECK_EQUAL(p->runs.front().origin != nullptr, prose);
    }
  }
  BOOST_CHECK_EQUAL(c.doc.source_path, "r.toml");
}

BOOST_AUTO_TEST_CASE(bold_lead_phrases_are_emphasis_runs) {
  const std::string toml = read_file(kSample2019);
  const Composed c = compose("q.toml", toml);
  const compose::Paragraph* p = find_paragraph(c.doc, U"一是规范各项制度。");
  BOOST_REQUIRE(p);
  BOOST_REQUIRE_EQUAL(p->runs.size(), 2u);
  BOOST_CHECK(p->runs[0].text == U"一是规范各项制度。");
  BOOST_CHECK(p->runs[0].role == layout::Role::Emphasis);
  BOOST_CHECK(p->runs[1].text.rfind(U"结合工作实际，", 0) == 0);
  BOOST_CHECK(p->runs[1].role == layout::Role::Body);
  // As many emphasis runs as the input has paragraphs opening with **…**.
  size_t emphasis = 0;
  for (const auto& b : c.doc.blocks)
    if (const auto* q = std::get_if<compose::Paragraph>(&b))
      for (const auto& r : q->runs) emphasis += r.role == layout::Role::Emphasis;
  const std::regex bold_lead("\n\\*\\*[^*\n]+\\*\\*");
  const auto leads = std::distance(std::sregex_iterator(toml.begin(), toml.end(), bold_lead), std::sregex_iterator());
  BOOST_CHECK_EQUAL(leads, 4);
  BOOST_CHECK_EQUAL(emphasis, static_cast<size_t>(leads));
}

BOOST_AUTO_TEST_CASE(tables_print_the_checked_figures) {
  const Composed c = compose("r.toml", read_file(kSample2021));
  const check::Figures& figures = c.checked->figures();
  int tables = 0;
  for (const auto& s : c.doc.layout->sections) {
    const layout::Table* lt = c.doc.layout->table_for(s);
    if (!lt) continue;
    ++tables;
    const compose::Table* t = find_table(c.doc, lt->id);
    BOOST_REQUIRE(t);
    BOOST_TEST_CONTEXT(lt->id) {
      BOOST_CHECK_EQUAL(t->header_rows, lt->header_rows);
      BOOST_CHECK_EQUAL(t->rows, lt->rows);  // no optional row in the 2021 format
      BOOST_CHECK(t->widths == lt->widths);
      BOOST_REQUIRE_EQUAL(t->cells.size(), lt->cells.size());
      for (size_t i = 0; i < lt->cells.size(); ++i) {
        const layout::Cell& lc = lt->cells[i];
        const compose::TableCell& tc = t->cells[i];
        BOOST_CHECK(tc.row == lc.row && tc.col == lc.col && tc.rowspan == lc.rowspan && tc.colspan == lc.colspan);
        std::string expected = lc.text;
        if (lc.field >= 0) {
          const layout::Field& f = lt->fields[lc.field];
          expected = layout::format_figure(figures.value(lt->id, f.key)->cells.at(lc.column).value, f.types[lc.column]);
        }
        BOOST_CHECK_EQUAL(utf8(tc.runs.at(0).text), expected);
        BOOST_CHECK_EQUAL(tc.figure, lc.field >= 0);
      }
    }
  }
  BOOST_CHECK_EQUAL(tables, 3);
  // Cells the input leaves out, as check derived them and as computed by hand from the
  // TOML: 一 = 38+6+1+1+2+1; （七）总计 = 一 + 二 − 四 = 49 + (3+1) − (2+1).
  const compose::Table& req = *find_table(c.doc, "requests");
  const layout::Table& lreq = c.doc.layout->tables.at("requests");
  BOOST_CHECK_EQUAL(cell_text(req, lreq, "new", 6), "49");
  BOOST_CHECK_EQUAL(cell_text(req, lreq, "total", 6), "50");
  BOOST_CHECK_EQUAL(cell_text(req, lreq, "total", 0), "39");  // 自然人: 38 + 3 − 2
  BOOST_CHECK_EQUAL(cell_text(*find_table(c.doc, "review"), c.doc.layout->tables.at("review"), "reconsideration", 4), "3");
  BOOST_CHECK_EQUAL(cell_text(*find_table(c.doc, "proactive"), c.doc.layout->tables.at("proactive"), "fees", 0), "4.3625");
}

BOOST_AUTO_TEST_CASE(an_optional_row_the_input_omits_is_left_out_and_year_is_filled) {
  const std::string toml = read_file(kSample2019);
  const std::regex published("\npublished_total *=[^\n]*");
  BOOST_REQUIRE(std::regex_search(toml, published));
  const std::string row = "2020年本行政区域（或本部门）政府信息公开发布总数量（非新闻类、消息类）：0";
  const Composed with = compose("q.toml", toml);
  const layout::Table& lt = with.doc.layout->tables.at("proactive");
  BOOST_REQUIRE(lt.find_field("published_total") && lt.find_field("published_total")->optional);
  const compose::Table* t = find_table(with.doc, "proactive");
  BOOST_REQUIRE(t);
  BOOST_CHECK_EQUAL(t->rows, lt.rows);
  BOOST_CHECK_EQUAL(utf8(t->cells.back().runs.at(0).text), row);  // {year} and {value} filled
  BOOST_CHECK(!t->cells.back().figure);

  const Composed without = compose("q.toml", std::regex_replace(toml, published, ""));
  t = find_table(without.doc, "proactive");
  BOOST_REQUIRE(t);
  BOOST_CHECK_EQUAL(t->rows, lt.rows - 1);
  BOOST_CHECK_EQUAL(t->cells.size(), lt.cells.size() - 1);  // the row is one cell
  for (const auto& b : without.doc.blocks)
    if (const auto* tt = std::get_if<compose::Table>(&b))
      for (const auto& cell : tt->cells) {
        const std::string text = utf8(cell.runs.at(0).text);
        BOOST_TEST_INFO(text);
        BOOST_CHECK(text.find("发布总数量") == std::string::npos);
      }
}

BOOST_AUTO_TEST_CASE(title_phrases_name_the_organ_and_year) {
  const Composed c = compose("r.toml", read_file(kSample2021));
  const std::vector<std::u32string> expected = {U"政府信息公开工作年度报告", U"青禾县市场监督管理局", U"2021年"};
  BOOST_CHECK(c.doc.title_keep_together == expected);
}

BOOST_AUTO_TEST_CASE(font_choices_are_carried_with_paths_from_the_inputs_folder) {
  const std::string toml = read_file(kSample2021) +
                           "\n[fonts]\nbody = \"sub/f.ttf\"\nheading2 = { file = \"kai.ttc\", face = 1 }\n"
                           "title = \"/opt/fonts/t.otf\"\n";
  const Composed c = compose("/tmp/x/r.toml", toml);
  BOOST_CHECK_EQUAL(c.doc.source_path, "/tmp/x/r.toml");
  BOOST_REQUIRE_EQUAL(c.doc.fonts.size(), 3u);
  const compose::FontChoice& body = c.doc.fonts.at(layout::Role::Body);
  BOOST_CHECK_EQUAL(body.file, "sub/f.ttf");
  BOOST_CHECK_EQUAL(body.path, "/tmp/x/sub/f.ttf");
  BOOST_CHECK_EQUAL(body.face, 0);
  BOOST_CHECK_EQUAL(body.loc.line, position(toml, "body = \"sub/f.ttf\"").first);
  // A bare name is looked up in the font folders; an absolute path is kept.
  const compose::FontChoice& kai = c.doc.fonts.at(layout::Role::Heading2);
  BOOST_CHECK_EQUAL(kai.path, "kai.ttc");
  BOOST_CHECK_EQUAL(kai.face, 1);
  BOOST_CHECK_EQUAL(c.doc.fonts.at(layout::Role::Title).path, "/opt/fonts/t.otf");
}

BOOST_AUTO_TEST_CASE(runs_of_prose_locate_back_to_the_input) {
  const std::string toml = read_file(kSample2021);
  const Composed c = compose("r.toml", toml);
  for (const std::u32string start : {U"（三）政府信息管理", U"2021年，青禾县市场监督管理局认真贯彻", U"本报告根据"}) {
    const compose::Paragraph* p = find_paragraph(c.doc, start);
    BOOST_REQUIRE(p);
    const Loc loc = p->runs.at(0).locate(0);
    BOOST_TEST_CONTEXT(utf8(start)) {
      BOOST_CHECK(loc.file && loc.file->path == "r.toml");
      BOOST_CHECK_EQUAL(loc.line, position(toml, utf8(start)).first);
      BOOST_CHECK_EQUAL(loc.col, position(toml, utf8(start)).second);
    }
  }
  // By hand: the preface opens on line 12 (after `preface = """`), a heading's text after "## ".
  BOOST_CHECK_EQUAL(find_paragraph(c.doc, U"本报告根据")->runs[0].locate(0).line, 12u);
  const Loc h2 = find_paragraph(c.doc, U"（三）政府信息管理")->runs[0].locate(0);
  BOOST_CHECK_EQUAL(h2.col, 4u);
  // Runs after the first, and the last character: line 17 of the 2019 sample reads
  // **一是规范各项制度。**结合…; 结 is column 3 + 9 + 2.
  const std::string q = read_file(kSample2019);
  const Composed c19 = compose("q.toml", q);
  const compose::Paragraph* p = find_paragraph(c19.doc, U"一是规范各项制度。");
  BOOST_REQUIRE(p);
  BOOST_CHECK_EQUAL(p->runs[0].locate(0).line, 17u);
  BOOST_CHECK_EQUAL(p->runs[0].locate(0).col, 3u);
  BOOST_CHECK_EQUAL(p->runs[1].locate(0).line, 17u);
  BOOST_CHECK_EQUAL(p->runs[1].locate(0).col, 14u);
  const auto& last = p->runs.back();
  const Loc end = last.locate(last.text.size() - 1);
  const auto [line, col] = position(q, "接受群众监督。");
  BOOST_CHECK_EQUAL(end.line, line);
  BOOST_CHECK_EQUAL(end.col, col + 6);
}

BOOST_AUTO_TEST_SUITE_END()
