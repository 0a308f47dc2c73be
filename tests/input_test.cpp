// The input stage: values and their locations, and every kind of input error.
#define BOOST_TEST_MODULE input
#include <boost/test/unit_test.hpp>

#include "core/utf8.hpp"
#include "input/report.hpp"
#include "layout/catalog.hpp"
#include "support.hpp"

using namespace nb;

namespace {

struct Fixture {
  layout::Catalog layouts;
  std::string sample = nbtest::read_file(nbtest::kSample2019);
  Fixture() {
    Diagnostics d;
    BOOST_REQUIRE(layouts.load_dir(nbtest::kSourceDir + "/layouts", d));
  }
  std::optional<input::Report> parse(const std::string& text, Diagnostics& d) {
    return input::read(nbtest::source("r.toml", text), [&](const std::string& id, int y) { return layouts.find(id, y); },
                       d);
  }
  // The sample with one piece of text replaced.
  std::string edit(const std::string& from, const std::string& to) const {
    std::string s = sample;
    auto pos = s.find(from);
    BOOST_REQUIRE(pos != std::string::npos);
    return s.replace(pos, from.size(), to);
  }
  std::vector<std::string> errors(const std::string& text) {
    Diagnostics d;
    auto r = parse(text, d);
    BOOST_CHECK(!r);
    std::vector<std::string> out;
    for (const auto& x : d.list()) out.push_back(format(x));
    return out;
  }
};

std::string text_of(const input::Block& b) {
  std::u32string s;
  for (const auto& sp : b.spans) s += sp.text;
  return encode_utf8(s);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(input_stage, Fixture)

BOOST_AUTO_TEST_CASE(sample_values_and_locations) {
  Diagnostics d;
  auto r = parse(sample, d);
  BOOST_REQUIRE(r);
  BOOST_CHECK(!d.has_errors());
  BOOST_CHECK_EQUAL(r->layout->id, "2019");
  BOOST_CHECK_EQUAL(r->year, 2020);
  BOOST_CHECK_EQUAL(r->year_loc.line, 5u);
  BOOST_CHECK_EQUAL(r->year_loc.col, 10u);
  BOOST_CHECK_EQUAL(r->organ, "长春市南关区全安街道办事处");
  BOOST_CHECK_EQUAL(r->title, "2020年南关区全安街道政府信息公开工作年度报告");
  BOOST_CHECK_EQUAL(r->date.year, 2021);
  BOOST_CHECK_EQUAL(r->date.month, 1);
  BOOST_CHECK_EQUAL(r->date.day, 31);
  BOOST_REQUIRE(r->preface);
  BOOST_CHECK_EQUAL(r->preface->blocks.size(), 1u);
  BOOST_CHECK(text_of(r->preface->blocks[0]).rfind("根据《中华人民共和国政府信息公开条例》", 0) == 0);

  const auto* overall = r->section("overall");
  BOOST_REQUIRE(overall && overall->text);
  const auto& blocks = overall->text->blocks;
  BOOST_REQUIRE_EQUAL(blocks.size(), 5u);
  BOOST_CHECK(!blocks[0].spans[0].bold);
  BOOST_CHECK(blocks[1].spans[0].bold);
  BOOST_CHECK(encode_utf8(blocks[1].spans[0].text) == "一是规范各项制度。");
  BOOST_CHECK(!blocks[1].spans[1].bold);

  const auto* proactive = r->section("proactive");
  BOOST_REQUIRE(proactive);
  const auto& pub = proactive->figures.at("published_total");
  BOOST_CHECK_EQUAL(pub.cells.size(), 1u);
  BOOST_CHECK_EQUAL(pub.cells[0].loc.line, 42u);
  BOOST_CHECK_EQUAL(pub.cells[0].loc.col, 19u);
  const auto& req = r->section("requests")->figures.at("carry_forward");
  BOOST_CHECK_EQUAL(req.cells.size(), 7u);
  BOOST_CHECK_EQUAL(req.cells[6].loc.line, 70u);
  BOOST_CHECK_EQUAL(req.cells[6].loc.col, 43u);
}

BOOST_AUTO_TEST_CASE(prose_characters_map_back_to_the_file) {
  Diagnostics d;
  auto r = parse(sample, d);
  BOOST_REQUIRE(r);
  const auto& prose = *r->section("proactive")->text;
  // Second paragraph "其它主动公开…" is on line 30, column 1.
  const auto& sp = prose.blocks[1].spans[0];
  Loc at = prose.origin.locate(sp.src[0]);
  BOOST_CHECK_EQUAL(at.line, 30u);
  BOOST_CHECK_EQUAL(at.col, 1u);
  Loc third = prose.origin.locate(sp.src[2]);
  BOOST_CHECK_EQUAL(third.col, 3u);
}

BOOST_AUTO_TEST_CASE(markup_headings_bold_and_line_joining) {
  Diagnostics d;
  TextOrigin origin{};
  auto p = input::parse_markup("## （一）主动公开情况\n第一段\n接着写。\n\n**一是**正文 abc\ndef\n", origin, d);
  BOOST_CHECK(!d.has_errors());
  BOOST_REQUIRE_EQUAL(p.blocks.size(), 3u);
  BOOST_CHECK_EQUAL(p.blocks[0].level, 2);
  BOOST_CHECK_EQUAL(text_of(p.blocks[0]), "（一）主动公开情况");
  BOOST_CHECK_EQUAL(text_of(p.blocks[1]), "第一段接着写。");
  BOOST_CHECK_EQUAL(text_of(p.blocks[2]), "一是正文 abc def");
  BOOST_CHECK(p.blocks[2].spans[0].bold);
}

BOOST_AUTO_TEST_CASE(toml_syntax_error_is_located) {
  auto e = errors(edit("year   = 2020", "year   = 2020 x"));
  BOOST_REQUIRE_EQUAL(e.size(), 1u);
  BOOST_CHECK(e[0].rfind("r.toml:5:", 0) == 0);
  BOOST_CHECK(e[0].find("错误: TOML 语法错误") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unclosed_string_is_a_syntax_error) {
  auto e = errors(edit("organ  = \"长春市南关区全安街道办事处\"", "organ  = \"长春市南关区全安街道办事处"));
  BOOST_REQUIRE_EQUAL(e.size(), 1u);
  BOOST_CHECK(e[0].rfind("r.toml:6:", 0) == 0);
}

BOOST_AUTO_TEST_CASE(wrong_type_names_key_and_expectation) {
  auto e = errors(edit("year   = 2020", "year   = \"2020\""));
  BOOST_REQUIRE_GE(e.size(), 1u);
  BOOST_CHECK_EQUAL(e[0], "r.toml:5:10: 错误: 键 year 应为整数（报告年度，如 2020），实际为字符串");
}

BOOST_AUTO_TEST_CASE(figure_with_unit_is_rejected) {
  auto e = errors(edit("published_total = 0 ", "published_total = \"12件\" "));
  BOOST_REQUIRE_EQUAL(e.size(), 1u);
  BOOST_CHECK(e[0].rfind("r.toml:42:19: 错误: 键 proactive.published_total 应为整数", 0) == 0);
}

BOOST_AUTO_TEST_CASE(negative_count_and_wrong_column_count) {
  // Six numbers are fine (总计 is derived); five are not.
  auto e = errors(edit("new                  = [0, 0, 0, 0, 0, 0, 0]", "new                  = [0, -1, 0, 0, 0]"));
  BOOST_REQUIRE_EQUAL(e.size(), 2u);
  BOOST_CHECK_EQUAL(e[0],
                    "r.toml:48:24: 错误: 键 requests.new（一、本年新收政府信息公开申请数量）应有 7 个数"
                    "（末尾的总计可省略，由程序计算：写 6 个亦可），实际有 5 个");
  BOOST_CHECK(e[1].find("r.toml:48:28: 错误: 键 requests.new 的数值不能为负数") == 0);
  e = errors(edit("reconsideration   = [0, 0, 0, 0, 0]", "reconsideration   = [0, 0, 0, 0, 0, 0]"));
  BOOST_REQUIRE_EQUAL(e.size(), 1u);
  BOOST_CHECK_EQUAL(e[0],
                    "r.toml:74:21: 错误: 键 review.reconsideration（行政复议）应有 5 个数"
                    "（末尾的总计可省略，由程序计算：写 4 个亦可），实际有 6 个");
}

BOOST_AUTO_TEST_CASE(unknown_key_suggests_the_right_one) {
  // Reported once, as unknown with its suggestion — not again as missing.
  auto e = errors(edit("penalty  ", "penalti  "));
  BOOST_REQUIRE_EQUAL(e.size(), 1u);
  BOOST_CHECK(e[0].rfind("r.toml:38:1: 错误: 未知的键 proactive.penalti", 0) == 0);
  BOOST_CHECK(e[0].find("是否想写 penalty？") != std::string::npos);
  // A key with no close match is also missing.
  e = errors(edit("penalty  ", "xyzzyqq  "));
  BOOST_REQUIRE_EQUAL(e.size(), 2u);
  BOOST_CHECK(e[1].find("缺少 proactive.penalty（行政处罚）") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_section_and_title) {
  auto text = edit("title  = \"2020年南关区全安街道政府信息公开工作年度报告\"", "");
  auto pos = text.find("[other]");
  text = text.substr(0, pos);
  auto e = errors(text);
  BOOST_REQUIRE_EQUAL(e.size(), 2u);
  BOOST_CHECK(e[0].find("缺少 title（报告标题）") != std::string::npos);
  BOOST_CHECK(e[1].find("缺少 [other]（六、其他需要报告的事项）") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(all_errors_are_reported_not_only_the_first) {
  auto text = edit("year   = 2020", "year   = 2020.5");
  text = text.replace(text.find("fees            = [0, 0]"), 24, "fees            = [0, x]");
  // A syntax error stops parsing; type errors are all collected.
  BOOST_CHECK_EQUAL(errors(text).size(), 1u);
  text = edit("year   = 2020", "year   = 2020.5");
  text = text.replace(text.find("fees            = [0, 0]"), 24, "fees            = [0, 1.5]");
  BOOST_CHECK_EQUAL(errors(text).size(), 2u);
}

BOOST_AUTO_TEST_CASE(unclosed_bold_and_control_characters) {
  auto e = errors(edit("**一是规范各项制度。**", "**一是规范各项制度。"));
  BOOST_REQUIRE_EQUAL(e.size(), 1u);
  BOOST_CHECK(e[0].rfind("r.toml:17:1: 错误: 加粗标记 ** 没有闭合", 0) == 0);
  e = errors(edit("其它主动公开", "其它\\u0007主动公开"));
  BOOST_REQUIRE_EQUAL(e.size(), 1u);
  BOOST_CHECK(e[0].rfind("r.toml:30:3: 错误: 文字中含有控制字符 U+0007", 0) == 0);
}

BOOST_AUTO_TEST_CASE(year_picks_the_format_when_none_is_named) {
  Diagnostics d;
  auto r = parse(edit("format = \"2019\"", ""), d);
  BOOST_REQUIRE(r);
  BOOST_CHECK_EQUAL(r->layout->id, "2019");
  auto e = errors(edit("format = \"2019\"", "format = \"1999\""));
  BOOST_REQUIRE_EQUAL(e.size(), 1u);
  BOOST_CHECK(e[0].find("未知的年报格式 \"1999\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_located) {
  auto e = errors(edit("无。", "无\xFF。"));
  BOOST_REQUIRE_EQUAL(e.size(), 1u);
  BOOST_CHECK(e[0].rfind("r.toml:87:2: 错误: 文件不是有效的 UTF-8", 0) == 0);
}

BOOST_AUTO_TEST_CASE(indexed_locations_equal_walked_ones) {
  // Escapes, line continuations, CRLF and wide characters across several checkpoints.
  std::string body;
  for (int i = 0; i < 40; ++i)
    body += "第" + std::to_string(i) + "行\\u4E2D\\U0001F600 abc\\t中文\r\n" + (i % 7 == 0 ? "续\\\n   接\n" : "");
  auto src = nbtest::source("r.toml", "# x\ntext = \"\"\"\n" + body + "\"\"\"\n");
  TextOrigin walked{Loc{src, 2, 8}}, indexed{Loc{src, 2, 8}};
  indexed.index();
  BOOST_REQUIRE(indexed.checkpoints);
  for (size_t i = 0; i < 2000; ++i) {
    Loc a = walked.locate(i), b = indexed.locate(i);
    BOOST_REQUIRE_MESSAGE(a.line == b.line && a.col == b.col, "code point " << i << ": " << a.line << ":" << a.col
                                                                             << " walked, " << b.line << ":" << b.col
                                                                             << " indexed");
  }
}

BOOST_AUTO_TEST_CASE(unusable_characters_are_reported_once_each_with_a_count) {
  auto e = errors(edit("其它主动公开", "其它\\u0007主动\\u0007公开\uE000"));
  BOOST_REQUIRE_EQUAL(e.size(), 2u);
  BOOST_CHECK_EQUAL(e[0], "r.toml:30:3: 错误: 文字中含有控制字符 U+0007（这项文字中共 2 处，这是第一处；常见于从 Word 复制的文字）：请删除它");
  BOOST_CHECK(e[1].rfind("r.toml:30:19: 错误: 文字中含有私用区字符 U+E000", 0) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
