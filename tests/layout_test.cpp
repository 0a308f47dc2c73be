// The layouts: the 2021 format's tables as printed, which cells are derivable, the
// rules each table carries, and located errors for rules naming what does not exist.
#define BOOST_TEST_MODULE layout
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "core/utf8.hpp"
#include "layout/catalog.hpp"
#include "support.hpp"

using namespace nb;

namespace {

const std::string kLayouts = nbtest::kSourceDir + "/layouts";

struct Fixture {
  layout::Catalog catalog;
  Fixture() {
    Diagnostics d;
    BOOST_REQUIRE(catalog.load_dir(kLayouts, d));
  }
  const layout::Table& table(const std::string& format, const std::string& id) {
    const layout::Layout* l = catalog.find(format, 0);
    BOOST_REQUIRE(l);
    return l->tables.at(id);
  }
};

const layout::Cell* cell_with(const layout::Table& t, const std::string& text) {
  for (const auto& c : t.cells)
    if (c.text == text) return &c;
  return nullptr;
}

std::vector<std::string> rule_ids(const layout::Table& t) {
  std::vector<std::string> ids;
  for (const auto& r : t.rules) ids.push_back(r.id);
  return ids;
}

// "LINE:COL" of the first occurrence of needle in text (columns in code points).
std::string where(const std::string& text, const std::string& needle) {
  size_t pos = text.find(needle);
  BOOST_REQUIRE(pos != std::string::npos);
  size_t line_start = text.rfind('\n', pos);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  size_t line = 1 + std::count(text.begin(), text.begin() + pos, '\n');
  size_t col = 1 + decode_utf8(text.substr(line_start, pos - line_start))->size();
  return std::to_string(line) + ":" + std::to_string(col);
}

// The 2019 layout with one edit, loaded from a file of its own: every diagnostic.
std::vector<std::string> load_edited(const std::string& from, const std::string& to, std::string* text = nullptr) {
  std::string s = nbtest::read_file(kLayouts + "/2019.toml");
  auto pos = s.find(from);
  BOOST_REQUIRE(pos != std::string::npos);
  s.replace(pos, from.size(), to);
  nbtest::TempDir t;
  nbtest::write_file(t.file("x.toml"), s);
  Diagnostics d;
  BOOST_CHECK(!layout::load(t.file("x.toml"), d));
  std::vector<std::string> out;
  for (const auto& x : d.list()) {
    std::string f = format(x);
    out.push_back(f.substr(f.find("x.toml:")));
  }
  if (text) *text = s;
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(layouts, Fixture)

BOOST_AUTO_TEST_CASE(the_report_year_selects_the_format) {
  BOOST_CHECK(!catalog.find("", 2018));
  BOOST_CHECK_EQUAL(catalog.find("", 2019)->id, "2019");
  BOOST_CHECK_EQUAL(catalog.find("", 2020)->id, "2019");
  BOOST_CHECK_EQUAL(catalog.find("", 2021)->id, "2021");
  BOOST_CHECK_EQUAL(catalog.find("", 2035)->id, "2021");
  BOOST_CHECK_EQUAL(catalog.find("2021", 0)->document, "国办公开办函〔2021〕30号");
}

BOOST_AUTO_TEST_CASE(section_two_of_2021) {
  const auto& t = table("2021", "proactive");
  BOOST_CHECK_EQUAL(t.rows, 14);
  for (const char* label : {"本年制发件数", "本年废止件数", "现行有效件数", "行政规范性文件", "本年收费金额（单位：万元）"})
    BOOST_CHECK_MESSAGE(cell_with(t, label), label);
  BOOST_CHECK(!cell_with(t, "规范性文件"));
  BOOST_CHECK(!cell_with(t, "其他对外管理服务事项"));
  BOOST_CHECK(!cell_with(t, "第二十条第（九）项"));
  BOOST_CHECK_EQUAL(cell_with(t, "本年处理决定数量")->colspan, 3);
  const layout::Field* licensing = t.find_field("licensing");
  BOOST_REQUIRE(licensing);
  BOOST_CHECK_EQUAL(licensing->types.size(), 1u);
  const layout::Field* fees = t.find_field("fees");
  BOOST_REQUIRE(fees);
  BOOST_CHECK(fees->types == std::vector<layout::FigureType>{layout::FigureType::Amount});
  for (const auto& c : t.cells)
    if (c.field >= 0 && t.fields[c.field].types.size() == 1) BOOST_CHECK_EQUAL(c.colspan, 3);
  BOOST_CHECK_EQUAL(t.fields.size(), 6u);
}

BOOST_AUTO_TEST_CASE(section_three_of_2021_splits_other_handling) {
  const auto& t = table("2021", "requests");
  BOOST_CHECK_EQUAL(t.rows, 28);
  BOOST_CHECK_EQUAL(t.fields.size(), 25u);
  BOOST_CHECK_EQUAL(cell_with(t, "三、本年度办理结果")->rowspan, 22);
  const layout::Cell* other = cell_with(t, "（六）其他处理");
  BOOST_REQUIRE(other);
  BOOST_CHECK_EQUAL(other->rowspan, 3);
  BOOST_CHECK_EQUAL(other->col, 1);
  BOOST_CHECK(cell_with(t, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"));
  BOOST_CHECK(cell_with(t, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"));
  BOOST_CHECK(cell_with(t, "3.其他"));
  BOOST_CHECK(cell_with(t, "3.危及“三安全一稳定”"));  // curly quotes, as printed
  BOOST_CHECK_EQUAL(table("2019", "requests").rows, 26);
  BOOST_CHECK_EQUAL(cell_with(table("2019", "requests"), "三、本年度办理结果")->rowspan, 20);
}

BOOST_AUTO_TEST_CASE(section_four_is_the_same_in_both_formats) {
  const auto& a = table("2019", "review");
  const auto& b = table("2021", "review");
  BOOST_REQUIRE_EQUAL(a.cells.size(), b.cells.size());
  for (size_t i = 0; i < a.cells.size(); ++i) {
    BOOST_CHECK_EQUAL(a.cells[i].text, b.cells[i].text);
    BOOST_CHECK_EQUAL(a.cells[i].row, b.cells[i].row);
    BOOST_CHECK_EQUAL(a.cells[i].col, b.cells[i].col);
    BOOST_CHECK_EQUAL(a.cells[i].rowspan, b.cells[i].rowspan);
    BOOST_CHECK_EQUAL(a.cells[i].colspan, b.cells[i].colspan);
  }
}

BOOST_AUTO_TEST_CASE(derivable_cells_come_from_the_rules) {
  for (const char* format : {"2019", "2021"}) {
    const auto& req = table(format, "requests");
    for (const auto& f : req.fields) {
      BOOST_TEST_INFO(format << " " << f.key);
      bool whole_row = f.key == "total";
      for (size_t c = 0; c < 7; ++c) BOOST_CHECK_EQUAL(f.derivable[c], whole_row || c == 6);
    }
    for (const auto& f : table(format, "review").fields)
      BOOST_CHECK((f.derivable == std::vector<bool>{false, false, false, false, true}));
    for (const auto& f : table(format, "proactive").fields)
      for (bool d : f.derivable) BOOST_CHECK(!d);
  }
}

BOOST_AUTO_TEST_CASE(rules_per_table) {
  BOOST_CHECK((rule_ids(table("2019", "requests")) == std::vector<std::string>{"R1", "R2", "R3", "R6"}));
  BOOST_CHECK((rule_ids(table("2021", "requests")) == std::vector<std::string>{"R1", "R2", "R3", "R6"}));
  BOOST_CHECK((rule_ids(table("2019", "review")) == std::vector<std::string>{"R4"}));
  BOOST_CHECK((rule_ids(table("2019", "proactive")) == std::vector<std::string>{"R7"}));
  BOOST_CHECK(table("2019", "proactive").rules.at(0).cross_year());
  const auto& r7 = table("2021", "proactive").rules.at(0);
  BOOST_CHECK_EQUAL(r7.id, "R7");
  BOOST_CHECK(r7.cross_year());
  BOOST_CHECK(r7.severity == Severity::Warning);
  BOOST_CHECK_EQUAL(r7.left.at(2).sign, -1);
  // R2 sums every result row: 19 in 2019, 21 in 2021.
  BOOST_CHECK_EQUAL(table("2019", "requests").rules[1].left.size(), 19u);
  BOOST_CHECK_EQUAL(table("2021", "requests").rules[1].left.size(), 21u);
}

BOOST_AUTO_TEST_CASE(a_rule_naming_a_missing_field_is_a_located_error) {
  std::string text;
  auto e = load_edited("right = [\"total\", \"carry_forward\"]", "right = [\"totl\", \"carry_forward\"]", &text);
  BOOST_CHECK(e == std::vector<std::string>{"x.toml:" + where(text, "\"totl\"") +
                                            ": 错误: 版式文件：规则 R1 引用了表格 requests 中未定义的字段 totl"});
}

BOOST_AUTO_TEST_CASE(a_rule_naming_a_missing_column_is_a_located_error) {
  std::string text;
  auto e = load_edited("left = [\"自然人\", \"商业企业\"", "left = [\"自然\", \"商业企业\"", &text);
  BOOST_CHECK(e == std::vector<std::string>{
                       "x.toml:" + where(text, "\"自然\"") +
                       ": 错误: 版式文件：规则 R3 引用了列“自然”，字段 new 没有这一列（有：自然人、商业企业、科研机构、"
                       "社会公益组织、法律服务机构、其他、总计）"});
}

BOOST_AUTO_TEST_CASE(a_mention_naming_a_missing_column_is_a_located_error) {
  std::string text;
  auto e = load_edited("sum = [\"requests.new.总计\"]", "sum = [\"requests.new.合计\"]", &text);
  BOOST_CHECK(e == std::vector<std::string>{
                       "x.toml:" + where(text, "\"requests.new.合计\"") +
                       ": 错误: 版式文件：字段 new 没有列“合计”（有：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）"});
}

BOOST_AUTO_TEST_CASE(derive_needs_a_single_total) {
  std::string text;
  auto e = load_edited("right = [\"total\", \"carry_forward\"]\n", "right = [\"total\", \"carry_forward\"]\nderive = true\n",
                       &text);
  BOOST_REQUIRE_EQUAL(e.size(), 1u);
  BOOST_CHECK(e[0].find("错误: 版式文件：规则 R1：derive 只能用于右边只有一项、且不含上年数值（previous:）的规则") !=
              std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_rule_keys_and_bad_phrases_are_errors) {
  std::string text;
  auto e = load_edited("id = \"R4\"\neach = \"row\"", "id = \"R4\"\neach = \"row\"\nwhere = 1", &text);
  BOOST_CHECK(e == std::vector<std::string>{"x.toml:" + where(text, "1\nleft = [\"结果维持\"") +
                                            ": 错误: 版式文件：规则中有未知的键 where"});
}

// The keys of R8's grammar: phrases, units, readings and the stops, each checked where written.
BOOST_AUTO_TEST_CASE(bad_mention_grammar_is_a_located_error) {
  std::string text;
  auto one = [&](const std::string& from, const std::string& to, const std::string& at, const std::string& msg) {
    auto e = load_edited(from, to, &text);
    BOOST_CHECK_EQUAL(e.size(), 1u);
    BOOST_CHECK_EQUAL(e.empty() ? "" : e[0], "x.toml:" + where(text, at) + ": 错误: 版式文件：" + msg);
  };
  one("phrases = [\"予以公开\", \"同意公开\"]", "phrases = [\"予以公开{n}件\"]", "\"予以公开{n}件\"",
      "说法中不写 {n}：数字跟在说法之后，其单位由 units 给出，如 phrases = [\"受理…公开申请\"]，units = [\"件\"]");
  one("phrases = [\"予以公开\", \"同意公开\"]", "phrases = [\"…予以公开\"]", "\"…予以公开\"",
      "说法应以文字开头和结尾，中间可用 …（至多10个字，不含数字和标点），如 \"受理…公开申请\"");
  one("phrases = [\"予以公开\", \"同意公开\"]", "phrases = []", "[]\nunits", "[[mentions]] 予以公开 须有非空的字符串数组 phrases");
  one("name = \"无法提供\"\nphrases = [\"无法提供\"]\nunits = [\"件\"]", "name = \"无法提供\"\nphrases = [\"无法提供\"]\nunits = [\"件…\"]",
      "\"件…\"", "说法应以文字开头和结尾，中间可用 …（至多10个字，不含数字和标点），如 \"受理…公开申请\"");
  one("readings = [{ name = \"本年新收\", sum", "readings = [{ nam = \"本年新收\", sum", "\"本年新收\", sum",
      "readings 的一项中有未知的键 nam");
  one("{ name = \"本年新收加上年结转\", sum = [\"requests.new.总计\", \"requests.carried_over.总计\"] }", "[]", "[]]",
      "readings 的每一项应为单元格的非空数组，或 { name = \"本年新收\", sum = [\"requests.new.总计\"] }");
  one("readings = [{ name = \"本年新收\", sum = [\"requests.new.总计\"] },",
      "sum = [\"requests.new.总计\"]\nreadings = [{ name = \"本年新收\", sum = [\"requests.new.总计\"] },", "[{ name = \"本年新收\"",
      "[[mentions]] 本年受理政府信息公开申请 只能有 sum（一种读法）或 readings（几种读法）之一");
  one("sum = [\"requests.carry_forward.总计\"]", "readings = []", "[]\n\n[[mentions]]\nid = \"R8\"\nname = \"予以公开\"",
      "[[mentions]] 结转下年度继续办理 须有 sum（表格单元格）或非空的 readings（几种读法，每种为单元格的数组）");
  auto e = load_edited("[mention_grammar]\nstops = [\"其中\",", "[mention_grammar]\nstop = [\"其中\",", &text);
  BOOST_CHECK(e == (std::vector<std::string>{
                       "x.toml:" + where(text, "[\"其中\"") + ": 错误: 版式文件：[mention_grammar] 中有未知的键 stop",
                       "x.toml:" + where(text, "[mention_grammar]\nstop") + ": 错误: 版式文件：[mention_grammar] 须有非空的字符串数组 stops"}));
}

BOOST_AUTO_TEST_SUITE_END()
