// R8, the prose against the tables: sentences in the styles of real reports, each
// checked alone against a report whose tables are set here, with the verdict expected
// (no warning, or a warning about one concept and the number it read). Every concept
// has a value of its own, so a number read for the wrong concept shows as a warning.
#define BOOST_TEST_MODULE prose
#include <boost/test/unit_test.hpp>

#include "check_fixture.hpp"

using nbtest::read_file;
using nbtest::replace;
using nbtest::set_row;

namespace {

// 2021 format. 一 300, 二 7 (受理: 300 or 307); （一） 255, （二） 20 (together 275);
// （三） 3, （四） 6, （五） 9, （六） 1; （七）总计 294; 四 13. 行政复议 4; 行政诉讼 12:
// 未经复议直接起诉 10, 复议后起诉 2. 收费金额 4.3625 万元.
std::string report_2021(const std::string& sentence) {
  std::string s = read_file(nbtest::kSample2021);
  const char* zero = "[0, 0, 0, 0, 0, 0]";
  for (const char* key : {"withheld_third_party", "withheld_internal", "withheld_process", "withheld_enforcement",
                          "withheld_query", "unable_need_create", "unable_unclear", "declined_repeat",
                          "declined_publication", "declined_massive", "declined_confirm", "other_unpaid", "other_misc"})
    s = set_row(s, key, zero);
  s = set_row(s, "new", "[290, 10, 0, 0, 0, 0]");
  s = set_row(s, "carried_over", "[7, 0, 0, 0, 0, 0]");
  s = set_row(s, "granted", "[250, 5, 0, 0, 0, 0]");
  s = set_row(s, "partial", "[20, 0, 0, 0, 0, 0]");
  for (const char* key : {"withheld_secret", "withheld_law", "withheld_security", "other_uncorrected"})
    s = set_row(s, key, "[1, 0, 0, 0, 0, 0]");
  s = set_row(s, "unable_no_info", "[6, 0, 0, 0, 0, 0]");
  s = set_row(s, "declined_petition", "[9, 0, 0, 0, 0, 0]");
  s = set_row(s, "carry_forward", "[8, 5, 0, 0, 0, 0]");
  s = set_row(s, "reconsideration", "[2, 1, 1, 0]");
  s = set_row(s, "litigation_direct", "[10, 0, 0, 0]");
  s = set_row(s, "litigation_after", "[1, 1, 0, 0]");
  s = replace(s, "2021年，本局因政府信息公开被申请行政复议3件，被提起行政诉讼3件，其中复议后起诉1件。", "情况见下表。");
  return replace(s, "2021年，本局共收到政府信息公开申请49件，上年结转4件。本年度办理结果为：予以公开18件，部分公开4件，"
                    "不予公开10件，无法提供9件，不予处理6件，其他处理3件；结转下年度继续办理3件。",
                 sentence);
}

// 2019 format: the figures of the sample (all 0) but 政府信息公开发布总数量 1520 and
// （六）其他处理 5 (一 5).
std::string report_2019(const std::string& sentence) {
  std::string s = read_file(nbtest::kSample2019);
  s = replace(s, "published_total = 0", "published_total = 1520");
  s = set_row(s, "new", "[5, 0, 0, 0, 0, 0, 5]");
  s = set_row(s, "other", "[5, 0, 0, 0, 0, 0, 5]");
  s = set_row(s, "total", "[5, 0, 0, 0, 0, 0, 5]");
  return replace(s, "2020年，全安街道报送政府网站信息196条，采用157条，采用率80.1%。", sentence);
}

struct Case {
  const char* sentence;
  const char* warns;  // the concept warned about; "" when no warning is expected
  const char* stated;   // the number the warning reads
};

const Case kCases2021[] = {
    // The two defects of the issue: a sum read as one of its parts; 受理 unknown.
    {"本年度予以公开及部分公开275件。", "", ""},
    {"本年度予以公开及部分公开258件。", "予以公开及部分公开", "258"},
    {"受理政府信息公开申请17件。", "本年受理政府信息公开申请", "17"},
    {"本年度共受理政府信息公开申请300件，其中自然人申请290件、法人或其他组织申请10件。", "", ""},
    {"本年度共受理政府信息公开申请307件（含上年结转7件）。", "", ""},
    {"本年度共受理政府信息公开申请296件，其中当面申请56件。", "本年受理政府信息公开申请", "296"},
    {"全年共收到政府信息公开申请300件。", "", ""},
    {"全年共收到政府信息公开申请301件。", "本年受理政府信息公开申请", "301"},
    {"本年新收政府信息公开申请300件，上年结转7件。", "", ""},
    {"本年新收政府信息公开申请307件。", "本年新收政府信息公开申请", "307"},
    {"依法办理政府信息公开申请307件。", "", ""},
    {"办理依申请公开300件。", "", ""},
    {"予以公开255件，部分公开20件。", "", ""},
    {"予以公开258件。", "予以公开", "258"},
    {"部分公开258件。", "部分公开", "258"},
    {"予以部分公开20件。", "", ""},
    {"全部或部分公开275件。", "", ""},
    {"予以公开和部分公开270件。", "予以公开及部分公开", "270"},
    {"其中予以公开255件，部分公开20件，不予公开3件，无法提供6件，不予处理9件，其他处理1件。", "", ""},
    {"不予公开4件。", "不予公开", "4"},
    {"不予以公开3件，不予以处理9件。", "", ""},
    {"不予以公开4件。", "不予公开", "4"},
    {"无法提供265件。", "无法提供", "265"},
    {"不予处理9件。", "", ""},
    {"因属于信访举报投诉类申请不予处理9件。", "", ""},
    {"其他处理3件。", "其他处理", "3"},
    {"办结294件，按时答复率100%。", "", ""},
    {"办结95件。", "本年办结政府信息公开申请", "95"},
    {"已办结政府信息公开申请294件，办结率100%。", "", ""},
    {"均在法定期限内答复，按时答复率100%。", "", ""},
    {"全年答复政府信息公开申请290件。", "本年办结政府信息公开申请", "290"},
    {"上年结转7件。", "", ""},
    {"上年结转2件。", "上年结转政府信息公开申请", "2"},
    {"上年度结转七件。", "", ""},
    {"结转下年度继续办理13件。", "", ""},
    {"结转下年度继续办理3件。", "结转下年度继续办理", "3"},
    {"结转下年度继续办理的政府信息公开申请13件。", "", ""},
    {"因政府信息公开被申请行政复议4件、提起行政诉讼12件。", "", ""},
    {"因政府信息公开被申请行政复议1件、提起行政诉讼12件。", "行政复议", "1"},
    {"因政府信息公开被申请行政复议4件、提起行政诉讼0件。", "行政诉讼", "0"},
    {"被提起行政诉讼12件，其中未经复议直接起诉10件、复议后起诉2件。", "", ""},
    {"被提起行政诉讼12件，其中复议后起诉1件。", "复议后起诉", "1"},
    {"行政复议后起诉两件。", "", ""},
    {"行政复议四件，行政诉讼十二件。", "", ""},
    {"行政诉讼二十一件。", "行政诉讼", "21"},
    {"无法提供一百零五件。", "无法提供", "105"},
    {"本年度共受理政府信息公开申请三百件。", "", ""},
    {"本年度共受理政府信息公开申请三百零七件。", "", ""},
    {"新收政府信息公开申请３００件。", "", ""},
    {"本年度受理政府信息公开申请300 件。", "", ""},
    {"受理政府信息公开申请1,234件。", "本年受理政府信息公开申请", "1234"},
    {"收到政府信息公开申请1，234件。", "本年受理政府信息公开申请", "1234"},
    {"2021年1月至12月，共受理政府信息公开申请300件。", "", ""},
    {"截至2021年12月31日，结转下年度继续办理13件。", "", ""},
    {"2021年12月31日前受理的政府信息公开申请，已于2022年1月办结3件。", "本年办结政府信息公开申请", "3"},
    {"受理政府信息公开申请300件，较上年增加25件。", "", ""},
    {"受理政府信息公开申请300件，同比增长12%。", "", ""},
    {"予以公开255件，占办结总数的86.7%。", "", ""},
    {"新收政府信息公开申请300件，比上年减少30件。", "", ""},
    {"受理政府信息公开申请300件，平均办理时间5个工作日。", "", ""},
    {"共收到咨询、政府信息公开申请60件。", "", ""},
    {"另收到咨询申请12件。", "", ""},
    {"本年度收到政府信息公开申请；共计56件。", "", ""},
    {"300件政府信息公开申请均已办结。", "", ""},
    {"受理政府信息公开申请95余件。", "", ""},
    {"第三件政府信息公开申请于3月受理。", "", ""},
    {"本局承办人大代表建议9件、政协提案12件，均已按期办结。", "", ""},
    {"按期办结人大代表建议9件。", "", ""},
    {"政务新媒体全年发布信息1130条，组织培训2次，参训80人次。", "", ""},
    {"本年收费金额4.3625万元。", "", ""},
    {"本年收费金额4.36万元。", "本年收费金额（单位：万元）", "4.36"},
};

const Case kCases2019[] = {
    {"全年主动公开政府信息1,520条。", "", ""},
    {"全年主动公开各类信息1520条，其中政策文件20条。", "", ""},
    {"全年主动公开政府信息1500条。", "政府信息公开发布总数量", "1500"},
    {"全年主动公开政府信息一千五百二十条。", "", ""},
    {"2020年，全安街道报送政府网站信息196条，采用157条，采用率80.1%。", "", ""},
    {"收到政府信息公开申请5件，其他处理5件。", "", ""},
    {"收到政府信息公开申请5件，其他处理4件。", "其他处理", "4"},
    {"予以公开及部分公开5件。", "予以公开及部分公开", "5"},
};

void run_cases(nbtest::CheckFixture& fx, const Case* cases, size_t n, std::string (*report)(const std::string&)) {
  for (size_t k = 0; k < n; ++k) {
    const Case& c = cases[k];
    BOOST_TEST_CONTEXT(c.sentence) {
      auto diags = fx.diagnose(report(c.sentence));
      for (const auto& d : diags) BOOST_TEST_MESSAGE(d);
      if (!*c.warns) {
        BOOST_CHECK(diags.empty());
        continue;
      }
      BOOST_CHECK_EQUAL(diags.size(), 1u);
      if (diags.empty()) continue;
      BOOST_CHECK(diags[0].find(std::string("警告: 正文与表格不一致（R8，") + c.warns + "）") != std::string::npos);
      BOOST_CHECK(diags[0].find(std::string("”为 ") + c.stated + "，表格为 ") != std::string::npos);
      BOOST_CHECK(diags[0].find("：请核对正文或表格") != std::string::npos);
    }
  }
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(prose, nbtest::CheckFixture)

BOOST_AUTO_TEST_CASE(sentences_of_the_2021_format) {
  BOOST_CHECK(diagnose(report_2021("")).empty());
  run_cases(*this, kCases2021, std::size(kCases2021), report_2021);
}

BOOST_AUTO_TEST_CASE(sentences_of_the_2019_format) {
  BOOST_CHECK(diagnose(report_2019("")).empty());
  run_cases(*this, kCases2019, std::size(kCases2019), report_2019);
}

BOOST_AUTO_TEST_SUITE_END()
