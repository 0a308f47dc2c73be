// The check stage: derivation of omitted totals, every rule violated on purpose
// (exact message and location), cross-year and prose checks, figure types, and the
// same through the real binary (exit codes, no PDF).
#define BOOST_TEST_MODULE check
#include <boost/test/unit_test.hpp>

#include <regex>

#include "check_fixture.hpp"

using namespace nb;
using nbtest::read_file;
using nbtest::replace;
using nbtest::set_row;
using Fixture = nbtest::CheckFixture;

namespace {

using nbtest::kSample2019;
using nbtest::kSample2021;

// The 2019 sample with non-zero, consistent figures in the rows the tests touch:
// 一 = 2, （一）予以公开 = 2, （七）总计 = 2 (自然人 and 总计 columns).
std::string consistent_2019() {
  std::string s = read_file(kSample2019);
  s = set_row(s, "new", "[2, 0, 0, 0, 0, 0, 2]");
  s = set_row(s, "granted", "[2, 0, 0, 0, 0, 0, 2]");
  return set_row(s, "total", "[2, 0, 0, 0, 0, 0, 2]");
}

// --previous: last year's report is sample-2021 relabelled 2020, with the carry-overs
// and the stock of documents that make this year's figures follow on.
std::string previous_2020(const std::string& carry_forward = "[3, 1, 0, 0, 0, 0]",
                          const std::string& normative = "[0, 0, 27]") {
  std::string s = read_file(kSample2021);
  s = replace(s, "year   = 2021", "year   = 2020");
  s = replace(s, "title  = \"青禾县市场监督管理局2021年", "title  = \"青禾县市场监督管理局2020年");  // title, date follow
  s = replace(s, "date   = 2022-", "date   = 2021-");
  s = set_row(s, "carry_forward", carry_forward);
  s = set_row(s, "rules", "[0, 0, 1]");
  // Last year's prose was its own (R9 compares it with this year's): each text 无。
  for (size_t at = 0; (at = s.find("text = \"\"\"", at)) != std::string::npos;) {
    const size_t b = at + 10;
    s.replace(b, s.find("\"\"\"", b) - b, "\n无。\n");
    at = b;
  }
  return set_row(s, "normative_docs", normative);
}

using Lines = std::vector<std::string>;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(check_stage, Fixture)

BOOST_AUTO_TEST_CASE(both_samples_pass_every_check) {
  BOOST_CHECK(diagnose(read_file(kSample2019)).empty());
  BOOST_CHECK(diagnose(read_file(kSample2021)).empty());
  BOOST_CHECK(diagnose(consistent_2019()).empty());
}

BOOST_AUTO_TEST_CASE(omitted_totals_are_derived) {
  Diagnostics d;
  auto r = parse("r.toml", read_file(kSample2021), d);
  BOOST_REQUIRE(r);
  auto checked = check::run(*r, {}, d);
  BOOST_REQUIRE(checked);
  const check::Figures& f = checked->figures();
  const auto& newr = f.value("requests", "new")->cells;
  BOOST_REQUIRE_EQUAL(newr.size(), 7u);
  BOOST_CHECK(newr[0].given);
  BOOST_CHECK(!newr[6].given);
  BOOST_CHECK_EQUAL(newr[6].value, 49);
  // The （七）总计 row is absent from the input: every cell computed.
  std::vector<int64_t> total;
  for (const auto& c : f.value("requests", "total")->cells) {
    BOOST_CHECK(!c.given);
    total.push_back(c.value);
  }
  BOOST_CHECK((total == std::vector<int64_t>{39, 6, 1, 1, 2, 1, 50}));
  BOOST_CHECK_EQUAL(f.value("requests", "carry_forward")->cells[6].value, 3);
  BOOST_CHECK_EQUAL(f.value("review", "reconsideration")->cells[4].value, 3);
  BOOST_CHECK_EQUAL(f.value("review", "litigation_direct")->cells[4].value, 2);
  BOOST_CHECK_EQUAL(f.value("review", "litigation_after")->cells[4].value, 1);
  // An amount stays in 1/10000 of 万元.
  BOOST_CHECK_EQUAL(f.value("proactive", "fees")->cells[0].value, 43625);
  // The report check keeps is the input as read: its omitted cells stay 0, not given.
  const auto& given = checked->input().section("requests")->figures.at("new").cells;
  BOOST_CHECK(!given[6].given);
  BOOST_CHECK_EQUAL(given[6].value, 0);
}

BOOST_AUTO_TEST_CASE(only_the_total_row_omitted_is_derived_too) {
  std::string s = consistent_2019();
  s = std::regex_replace(s, std::regex("^total +=[^\n]*\n", std::regex::multiline), "");
  Diagnostics d;
  auto r = parse("r.toml", s, d);
  BOOST_REQUIRE(r);
  auto checked = check::run(*r, {}, d);
  BOOST_REQUIRE(checked);
  const auto& total = checked->figures().value("requests", "total")->cells;
  BOOST_CHECK_EQUAL(total[0].value, 2);
  BOOST_CHECK_EQUAL(total[6].value, 2);
}

// The example of the issue, verbatim: 一 + 二 = 6 but （七）总计 + 四 = 5 in two columns;
// the 总计 column breaks R1 only because 自然人 does (R3 holds): one error.
// With every row consistent in itself the cells are equally suspect; 四 is blamed.
BOOST_AUTO_TEST_CASE(r1_balance_of_each_column) {
  std::string s = read_file(kSample2019);
  s = set_row(s, "new", "[5, 0, 0, 0, 0, 0, 5]");
  s = set_row(s, "carried_over", "[1, 0, 0, 0, 0, 0, 1]");
  s = set_row(s, "granted", "[4, 0, 0, 0, 0, 0, 4]");
  s = set_row(s, "total", "[4, 0, 0, 0, 0, 0, 4]");
  s = set_row(s, "carry_forward", "[1, 0, 0, 0, 0, 0, 1]");
  BOOST_CHECK(diagnose(s) == (Lines{
      "r.toml:70:25: 错误: 勾稽关系不成立（R1，自然人列）：一(5) + 二(1) = 6，（七）总计(4) + 四(1) = 5"}));
}

// A mistyped result cell breaks R2 (its column) and R3 (its row): both point at it.
BOOST_AUTO_TEST_CASE(r2_and_r3_point_at_the_cell_behind_both) {
  auto e = diagnose(set_row(consistent_2019(), "granted", "[1, 0, 0, 0, 0, 0, 2]"));
  BOOST_CHECK(e == (Lines{
      "r.toml:50:25: 错误: 勾稽关系不成立（R2，自然人列）：（一）(1) = 1（其余各项为0），（七）总计(2)",
      "r.toml:50:25: 错误: 勾稽关系不成立（R3，（一）予以公开）：自然人(1) + 商业企业(0) + 科研机构(0) + "
      "社会公益组织(0) + 法律服务机构(0) + 其他(0) = 1，总计(2)"}));
}

BOOST_AUTO_TEST_CASE(r2_shows_only_the_non_zero_parts) {
  std::string s = consistent_2019();
  s = set_row(s, "granted", "[1, 0, 0, 0, 0, 0, 1]");
  s = set_row(s, "withheld_third_party", "[1, 0, 0, 0, 0, 0, 1]");
  s = set_row(s, "total", "[3, 0, 0, 0, 0, 0, 2]");
  auto e = diagnose(s);
  BOOST_REQUIRE_GE(e.size(), 1u);
  // （七）总计 自然人 is behind R1, R2 and R3 of its row.
  BOOST_CHECK_EQUAL(e[1], "r.toml:69:25: 错误: 勾稽关系不成立（R2，自然人列）：（一）(1) + （三）4(1) = 2（其余各项为0），（七）总计(3)");
  BOOST_CHECK_EQUAL(e.size(), 3u);
}

BOOST_AUTO_TEST_CASE(r3_wrong_total_column_is_blamed) {
  auto e = diagnose(set_row(consistent_2019(), "new", "[2, 0, 0, 0, 0, 0, 3]"));
  BOOST_CHECK(e == (Lines{
      "r.toml:48:43: 错误: 勾稽关系不成立（R1，总计列）：一(3) + 二(0) = 3，（七）总计(2) + 四(0) = 2",
      "r.toml:48:43: 错误: 勾稽关系不成立（R3，一、本年新收政府信息公开申请数量）：自然人(2) + 商业企业(0) + "
      "科研机构(0) + 社会公益组织(0) + 法律服务机构(0) + 其他(0) = 2，总计(3)"}));
}

// The error found in 洪泽区's 2023 report: 10 + 1 + 0 + 0 printed with 总计 0.
BOOST_AUTO_TEST_CASE(r4_each_block_of_section_four) {
  std::string s = read_file(kSample2019);
  s = set_row(s, "reconsideration", "[10, 1, 0, 0, 0]");
  s = set_row(s, "litigation_after", "[5, 0, 0, 0, 0]");
  BOOST_CHECK(diagnose(s) == (Lines{
      "r.toml:74:35: 错误: 勾稽关系不成立（R4，行政复议）：结果维持(10) + 结果纠正(1) + 其他结果(0) + 尚未审结(0) = 11，总计(0)",
      "r.toml:76:34: 错误: 勾稽关系不成立（R4，行政诉讼（复议后起诉））：结果维持(5) + 结果纠正(0) + 其他结果(0) + "
      "尚未审结(0) = 5，总计(0)"}));
}

// The given 总计 of 一 is behind R1 (总计列) and R3; the prose now disagrees with it too.
BOOST_AUTO_TEST_CASE(given_totals_are_checked_against_derived_ones) {
  std::string s = set_row(read_file(kSample2021), "new", "[38, 6, 1, 1, 2, 1, 50]");
  BOOST_CHECK(diagnose(s) == (Lines{
      "r.toml:60:44: 错误: 勾稽关系不成立（R1，总计列）：一(50) + 二(4，推算) = 54，（七）总计(50，推算) + 四(3，推算) = 53",
      "r.toml:60:44: 错误: 勾稽关系不成立（R3，一、本年新收政府信息公开申请数量）：自然人(38) + 商业企业(6) + "
      "科研机构(1) + 社会公益组织(1) + 法律服务机构(2) + 其他(1) = 49，总计(50)",
      "r.toml:55:20: 警告: 正文与表格不一致（R8，本年受理政府信息公开申请）：正文“收到政府信息公开申请49件”为 49，表格为 本年新收（一·总计）50，"
      "或本年新收加上年结转（一·总计+二·总计）54：表格的勾稽关系尚有错误，请先改正表格，再核对此处"}));
}

// With every total derived only R1 sees a mistyped result cell, and cannot tell it from
// a mistyped 一, 二 or 四: 四 is named. The prose, written for the right figures, disagrees.
BOOST_AUTO_TEST_CASE(every_violation_is_reported_not_only_the_first) {
  std::string s = read_file(kSample2021);
  s = set_row(s, "granted", "[15, 2, 1, 0, 1, 0]");        // R1 in 自然人 and 总计
  s = set_row(s, "reconsideration", "[1, 1, 0, 1, 4]");    // R4
  s = set_row(s, "litigation_direct", "[1, 0, 1, 0, 1]");  // R4
  BOOST_CHECK(diagnose(s) == (Lines{
      "r.toml:83:25: 错误: 勾稽关系不成立（R1，自然人列）：一(38) + 二(3) = 41，（七）总计(40，推算) + 四(2) = 42",
      "r.toml:90:34: 错误: 勾稽关系不成立（R4，行政复议）：结果维持(1) + 结果纠正(1) + 其他结果(0) + 尚未审结(1) = 3，总计(4)",
      "r.toml:91:34: 错误: 勾稽关系不成立（R4，行政诉讼（未经复议直接起诉））：结果维持(1) + 结果纠正(0) + 其他结果(1) + "
      "尚未审结(0) = 2，总计(1)",
      "r.toml:55:44: 警告: 正文与表格不一致（R8，予以公开）：正文“予以公开18件”为 18，表格为 予以公开（（一）·总计）19：表格的勾稽关系尚有错误，请先改正表格，再核对此处",
      "r.toml:87:23: 警告: 正文与表格不一致（R8，行政复议）：正文“行政复议3件”为 3，表格为 行政复议（行政复议·总计）4：表格的勾稽关系尚有错误，请先改正表格，再核对此处",
      "r.toml:87:33: 警告: 正文与表格不一致（R8，行政诉讼）：正文“行政诉讼3件”为 3，表格为 行政诉讼（行政诉讼（未经复议直接起诉）·总计+"
      "行政诉讼（复议后起诉）·总计）2：表格的勾稽关系尚有错误，请先改正表格，再核对此处"}));
}

BOOST_AUTO_TEST_CASE(cross_year_figures_that_follow_on_pass) {
  BOOST_CHECK(diagnose(read_file(kSample2021), previous_2020()).empty());
}

BOOST_AUTO_TEST_CASE(r6_carried_over_must_equal_last_years_carry_forward) {
  auto e = diagnose(read_file(kSample2021), previous_2020("[2, 1, 0, 0, 0, 0]"));
  BOOST_CHECK(e == (Lines{"r.toml:61:25: 错误: 跨年度勾稽关系不成立（R6，自然人列）：上年四(2)，二(3)"}));
}

BOOST_AUTO_TEST_CASE(r7_stock_of_documents_is_a_warning) {
  auto e = diagnose(read_file(kSample2021), previous_2020("[3, 1, 0, 0, 0, 0]", "[0, 0, 30]"));
  BOOST_CHECK(e == (Lines{
      "r.toml:47:25: 警告: 跨年度勾稽关系不成立（R7，行政规范性文件）：上年现行有效件数(30) + 本年制发件数(6) − "
      "本年废止件数(2) = 34，现行有效件数(31)：文件失效或被修改而未废止时可不相等，请核对"}));
}

// Last year on the 2019 format: the carry-overs compare; 2019 has no 现行有效件数, so R7 is skipped.
BOOST_AUTO_TEST_CASE(previous_year_on_the_older_format) {
  auto e = diagnose(read_file(kSample2021), read_file(kSample2019));
  BOOST_CHECK(e == (Lines{"r.toml:61:25: 错误: 跨年度勾稽关系不成立（R6，自然人列）：上年四(0)，二(3)",
                          "r.toml:61:28: 错误: 跨年度勾稽关系不成立（R6，商业企业列）：上年四(0)，二(1)"}));
}

BOOST_AUTO_TEST_CASE(previous_report_of_the_wrong_year) {
  std::string prev = replace(previous_2020(), "year   = 2020", "year   = 2019");
  BOOST_CHECK(diagnose(read_file(kSample2021), prev) ==
              (Lines{"p.toml:6:10: 错误: --previous 给出的是 2019 年度的报告，本报告为 2021 年度：请给出 2020 年度的报告"}));
  // That error is not the tables' fault: R8 keeps its usual advice.
  std::string s = replace(read_file(kSample2021), "共收到政府信息公开申请49件", "共收到政府信息公开申请48件");
  BOOST_CHECK(diagnose(s, prev) ==
              (Lines{"p.toml:6:10: 错误: --previous 给出的是 2019 年度的报告，本报告为 2021 年度：请给出 2020 年度的报告",
                     "r.toml:55:20: 警告: 正文与表格不一致（R8，本年受理政府信息公开申请）：正文“收到政府信息公开申请48件”为 48，表格为 "
                     "本年新收（一·总计）49，或本年新收加上年结转（一·总计+二·总计）53：请核对正文或表格"}));
}

BOOST_AUTO_TEST_CASE(prose_contradicting_the_table_is_a_warning) {
  std::string s = read_file(kSample2021);
  s = replace(s, "共收到政府信息公开申请49件", "共收到政府信息公开申请50件");
  s = replace(s, "被申请行政复议3件", "被申请行政复议2件");
  s = replace(s, "本局主动公开政府信息情况见下表：", "本局行政事业性收费金额4.36万元。");
  BOOST_CHECK(diagnose(s) == (Lines{
      "r.toml:41:12: 警告: 正文与表格不一致（R8，本年收费金额（单位：万元））：正文“收费金额4.36万元”为 4.36，表格为 "
      "本年收费金额（单位：万元）（行政事业性收费）4.3625：请核对正文或表格",
      "r.toml:55:20: 警告: 正文与表格不一致（R8，本年受理政府信息公开申请）：正文“收到政府信息公开申请50件”为 50，表格为 本年新收（一·总计）49，"
      "或本年新收加上年结转（一·总计+二·总计）53：请核对正文或表格",
      "r.toml:87:23: 警告: 正文与表格不一致（R8，行政复议）：正文“行政复议2件”为 2，表格为 行政复议（行政复议·总计）3：请核对正文或表格"}));
}

BOOST_AUTO_TEST_CASE(prose_phrases_stay_inside_one_clause) {
  std::string s = read_file(kSample2021);
  // 、 ends a gap: a number of 咨询 and 申请 together is not the number of 申请.
  s = replace(s, "共收到政府信息公开申请49件", "共收到咨询、政府信息公开申请60件");
  // Another kind of 申请 is not a 政府信息公开申请.
  s = replace(s, "上年结转4件。", "上年结转4件，另收到咨询申请12件。");
  BOOST_CHECK(diagnose(s).empty());
}

BOOST_AUTO_TEST_CASE(figure_types_r5) {
  Diagnostics d;
  // 2019 本年增/减 may be negative; an amount may be an integer.
  std::string ok = set_row(read_file(kSample2019), "licensing", "[8, -3, 5]");
  BOOST_CHECK(diagnose(ok).empty());
  BOOST_CHECK(diagnose(replace(read_file(kSample2021), "fees           = 4.3625", "fees           = 7545")).empty());
  auto errors = [&](const std::string& text) {
    Diagnostics e;
    BOOST_CHECK(!parse("r.toml", text, e));
    std::vector<std::string> out;
    for (const auto& x : e.list()) out.push_back(format(x));
    return out;
  };
  const std::string s21 = read_file(kSample2021);
  BOOST_CHECK(errors(replace(s21, "fees           = 4.3625", "fees           = 4.36251")) ==
              (Lines{"r.toml:51:18: 错误: 键 proactive.fees 的金额至多保留 4 位小数（单位：万元）"}));
  BOOST_CHECK(errors(replace(s21, "fees           = 4.3625", "fees           = -1.5")) ==
              (Lines{"r.toml:51:18: 错误: 键 proactive.fees 的数值不能为负数（-1.5）：件数和金额须为非负"}));
  BOOST_CHECK(errors(replace(s21, "penalty        = 215", "penalty        = 215.0")) ==
              (Lines{"r.toml:49:18: 错误: 键 proactive.penalty 应为整数（件数），实际为小数"}));
  BOOST_CHECK(errors(set_row(s21, "granted", "[14, -2, 1, 0, 1, 0]")) ==
              (Lines{"r.toml:62:29: 错误: 键 requests.granted 的数值不能为负数（-2）：件数和金额须为非负"}));
  // Section 二 of 2021 has no signed change: 本年处理决定数量 is a count.
  BOOST_CHECK(errors(replace(s21, "coercion       = 37", "coercion       = -37")) ==
              (Lines{"r.toml:50:18: 错误: 键 proactive.coercion 的数值不能为负数（-37）：件数和金额须为非负"}));
}

BOOST_AUTO_TEST_CASE(year_selects_the_format_a_superseded_one_is_refused_and_a_newer_one_warned) {
  Diagnostics d;
  auto r = parse("r.toml", replace(read_file(kSample2021), "format = \"2021\"", ""), d);
  BOOST_REQUIRE(r);
  BOOST_CHECK_EQUAL(r->layout->id, "2021");
  BOOST_CHECK(d.list().empty());
  std::string old = replace(read_file(kSample2019), "year   = 2020", "year   = 2023");
  old = replace(replace(old, "title  = \"2020年", "title  = \"2023年"), "date   = 2021-", "date   = 2024-");
  r = parse("r.toml", old, d);
  BOOST_CHECK(!r);  // last year's template reused: refused before its tables are read
  BOOST_REQUIRE_EQUAL(d.list().size(), 1u);
  BOOST_CHECK_EQUAL(format(d.list()[0]),
                    "r.toml:4:10: 错误: 2023 年度的报告使用了 2019 格式（国办公开办函〔2019〕60号，适用于 2019–2020 年度），"
                    "该格式已由 2021 格式（国办公开办函〔2021〕30号）取代：请把 format 改为 \"2021\"（或删去 format 一行），"
                    "表格的项目随之改变，可用 nianbao init --year 2023 生成新模板对照填写");
  Diagnostics d2;
  r = parse("r.toml", previous_2020(), d2);
  BOOST_REQUIRE(r);
  BOOST_REQUIRE_EQUAL(d2.list().size(), 1u);
  BOOST_CHECK_EQUAL(format(d2.list()[0]),
                    "r.toml:5:10: 警告: 2020 年度的报告使用了 2021 格式（国办公开办函〔2021〕30号，适用于 2021 年度起），"
                    "而 2020 年度适用 2019 格式（国办公开办函〔2019〕60号）：请确认 format");
}

BOOST_AUTO_TEST_SUITE_END()

// The same through the real binary.
BOOST_AUTO_TEST_SUITE(binary)

using namespace nbtest;

BOOST_AUTO_TEST_CASE(sample_2021_passes_check_silently) {
  Output o = run(kBinary + " check " + kSample2021);
  BOOST_CHECK_EQUAL(o.code, 0);
  BOOST_CHECK_EQUAL(o.err, kSample2021 + "：检查通过\n");
}

BOOST_AUTO_TEST_CASE(violations_exit_1_list_every_one_and_write_no_pdf) {
  TempDir t;
  std::string s = set_row(consistent_2019(), "granted", "[1, 0, 0, 0, 0, 0, 2]");
  s = set_row(s, "reconsideration", "[10, 1, 0, 0, 0]");
  write_file(t.file("bad.toml"), s);
  const std::string f = t.file("bad.toml");
  const std::string expected =
      f + ":50:25: 错误: 勾稽关系不成立（R2，自然人列）：（一）(1) = 1（其余各项为0），（七）总计(2)\n" + f +
      ":50:25: 错误: 勾稽关系不成立（R3，（一）予以公开）：自然人(1) + 商业企业(0) + 科研机构(0) + 社会公益组织(0) + "
      "法律服务机构(0) + 其他(0) = 1，总计(2)\n" +
      f + ":74:35: 错误: 勾稽关系不成立（R4，行政复议）：结果维持(10) + 结果纠正(1) + 其他结果(0) + 尚未审结(0) = 11，总计(0)\n";
  Output c = run(kBinary + " check " + f);
  BOOST_CHECK_EQUAL(c.code, 1);
  BOOST_CHECK_EQUAL(diagnostics_only(c.err), expected);
  Output b = run(kBinary + " build " + f + " -o " + t.path.string());
  BOOST_CHECK_EQUAL(b.code, 1);
  BOOST_CHECK_EQUAL(diagnostics_only(b.err), expected);
  BOOST_CHECK(!fs::exists(t.file("bad.pdf")));
}

BOOST_AUTO_TEST_CASE(previous_option_checks_across_years) {
  TempDir t;
  write_file(t.file("2020.toml"), previous_2020("[2, 1, 0, 0, 0, 0]"));
  Output o = run(kBinary + " build " + kSample2021 + " --previous " + t.file("2020.toml") + " -o " + t.path.string());
  BOOST_CHECK_EQUAL(o.code, 1);
  // Last year's report is sample-2021 relabelled 2020: reading it warns about its format.
  const std::string prev_warning =
      t.file("2020.toml") + ":5:10: 警告: 2020 年度的报告使用了 2021 格式（国办公开办函〔2021〕30号，适用于 2021 年度起），"
                            "而 2020 年度适用 2019 格式（国办公开办函〔2019〕60号）：请确认 format\n";
  BOOST_CHECK_EQUAL(diagnostics_only(o.err), prev_warning + kSample2021 + ":61:25: 错误: 跨年度勾稽关系不成立（R6，自然人列）：上年四(2)，二(3)\n");
  BOOST_CHECK(!fs::exists(t.file("sample-2021.pdf")));
  write_file(t.file("2020.toml"), previous_2020());
  o = run(kBinary + " check --previous " + t.file("2020.toml") + " " + kSample2021);
  BOOST_CHECK_EQUAL(o.code, 0);
  BOOST_CHECK_EQUAL(diagnostics_only(o.err), prev_warning);
}

BOOST_AUTO_TEST_CASE(previous_option_usage_errors) {
  Output o = run(kBinary + " check " + kSample2021 + " --previous");
  BOOST_CHECK_EQUAL(o.code, 2);
  BOOST_CHECK(o.err.rfind("nianbao: --previous 后面须给出上年报告的输入文件\n", 0) == 0);
  o = run(kBinary + " check " + kSample2021 + " " + kSample2019 + " --previous " + kSample2019);
  BOOST_CHECK_EQUAL(o.code, 2);
  BOOST_CHECK(o.err.rfind("nianbao: 使用 --previous 时只能给出一个输入文件（本年报告）\n", 0) == 0);
  TempDir t;
  o = run(kBinary + " check " + kSample2021 + " --previous " + t.file("none.toml"));
  BOOST_CHECK_EQUAL(o.code, 1);
  BOOST_CHECK_EQUAL(diagnostics_only(o.err), t.file("none.toml") + ": 错误: 无法读取文件，请检查路径和权限\n");
}

BOOST_AUTO_TEST_CASE(prose_warning_still_builds) {
  TempDir t;
  write_file(t.file("w.toml"), replace(read_file(kSample2021), "被申请行政复议3件", "被申请行政复议2件"));
  Output o = run(kBinary + " build " + t.file("w.toml") + " -o " + t.path.string());
  BOOST_CHECK_EQUAL(o.code, 0);
  BOOST_CHECK(o.err.rfind(t.file("w.toml") + ":87:23: 警告: 正文与表格不一致（R8，行政复议）：正文“行政复议2件”为 2，表格为 行政复议（行政复议·总计）3：请核对正文或表格\n", 0) == 0);
  BOOST_CHECK(fs::exists(t.file("w.pdf")));
}

BOOST_AUTO_TEST_CASE(derived_totals_are_printed) {
  TempDir t;
  Output o = run(kBinary + " build " + kSample2021 + " -o " + t.path.string());
  BOOST_REQUIRE_EQUAL(o.code, 0);
  std::string text = strip_space(run("pdftotext -raw " + t.file("sample-2021.pdf") + " -").out);
  BOOST_CHECK(text.find("一、本年新收政府信息公开申请数量386112149") != std::string::npos);
  BOOST_CHECK(text.find("（七）总计396112150") != std::string::npos);
  BOOST_CHECK(text.find("行政事业性收费4.3625") != std::string::npos);
}

// R8's readings, a sum concept and a Chinese numeral through the binary: warnings
// located at the number, exit 0; with a table rule broken, exit 1 and the advice to
// correct the table first.
BOOST_AUTO_TEST_CASE(prose_grammar_warnings_are_located_at_the_number) {
  TempDir t;
  const std::string s = replace(read_file(kSample2021), "2021年，本局共收到政府信息公开申请49件，上年结转4件。",
                                "2021年，本局受理政府信息公开申请17件，上年结转4件，予以公开及部分公开258件，办结五十一件。");
  const std::string w = t.file("w.toml");
  write_file(w, s);
  auto expected = [&](const std::string& f, const std::string& advice) {
    return f + ":55:19: 警告: 正文与表格不一致（R8，本年受理政府信息公开申请）：正文“受理政府信息公开申请17件”为 17，表格为 "
               "本年新收（一·总计）49，或本年新收加上年结转（一·总计+二·总计）53" + advice + "\n" +
           f + ":55:39: 警告: 正文与表格不一致（R8，予以公开及部分公开）：正文“予以公开及部分公开258件”为 258，表格为 "
               "予以公开及部分公开（（一）·总计+（二）·总计）22" + advice + "\n" +
           f + ":55:46: 警告: 正文与表格不一致（R8，本年办结政府信息公开申请）：正文“办结五十一件”为 51，表格为 "
               "本年办结政府信息公开申请（（七）总计）50" + advice + "\n";
  };
  Output o = run(kBinary + " check " + w);
  BOOST_CHECK_EQUAL(o.code, 0);
  BOOST_CHECK_EQUAL(diagnostics_only(o.err), expected(w, "：请核对正文或表格"));
  const std::string x = t.file("x.toml");
  write_file(x, set_row(s, "new", "[38, 6, 1, 1, 2, 1, 48]"));
  o = run(kBinary + " check " + x);
  BOOST_CHECK_EQUAL(o.code, 1);
  std::string got = diagnostics_only(o.err);
  std::string want = expected(x, "：表格的勾稽关系尚有错误，请先改正表格，再核对此处");
  want = replace(replace(want, "（一·总计）49", "（一·总计）48"), "（一·总计+二·总计）53", "（一·总计+二·总计）52");
  BOOST_CHECK(got.rfind(want, 0) == 0);
  BOOST_CHECK(got.find(x + ":60:44: 错误: 勾稽关系不成立（R1，总计列）") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
