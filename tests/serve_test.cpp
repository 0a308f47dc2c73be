// nianbao serve below HTTP: edits of a TOML file in place (read back by toml++,
// an independent reader), the data folder's names, and the API's answers to
// good and bad requests, called directly as the fuzz target calls it.
#define BOOST_TEST_MODULE serve
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "serve/api.hpp"
#include "cli/toml_edit.hpp"
#include "support.hpp"

using namespace nbtest;
using nb::cli::Edit;

namespace {

toml::table parsed(const std::string& text) { return toml::parse(text); }

nb::cli::Env& env() {
  static nb::cli::Env* e = [] {
    setenv("NIANBAO_DATA", NB_SOURCE_DIR, 0);
    auto* x = new nb::cli::Env;
    BOOST_REQUIRE(x->load(std::cerr));
    x->use_cache("");
    x->writer = nb::cli::linked_pdf_writer(&nb::pdf::write);
    return x;
  }();
  return *e;
}

struct Fixture {
  TempDir dir;
  std::unique_ptr<nb::serve::Store> store;
  std::unique_ptr<nb::serve::Api> api;
  Fixture() {
    fs::copy_file(kSample2019, dir.file("quanan-2020.toml"));
    store = std::make_unique<nb::serve::Store>(dir.path.string());
    api = std::make_unique<nb::serve::Api>(env(), *store);
  }
  nb::serve::Response call(const std::string& method, const std::string& path, const std::string& body = {},
                           const std::string& type = "application/json") {
    nb::serve::Request r{method, path, {}, type, {}, "127.0.0.1:8080", body};
    return api->handle(r);
  }
  nlohmann::json state() { return nlohmann::json::parse(call("GET", "/api/reports/quanan-2020.toml").body); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_value_replaced_keeps_comments_and_order) {
  const std::string text = "# head\na = 1   # one\n[s]\nb = [1, 2, 3]   # row\ntext = \"\"\"\nold\n\"\"\"\n[t]\nc = 2\n";
  auto out = nb::cli::apply_edits(text, {Edit{{"s", "b"}, "[4, 5, 6]"}, Edit{{"s", "text"}, nb::cli::toml_string("新的\n\n第二段", true)}});
  BOOST_REQUIRE(out.error.empty());
  BOOST_CHECK(out.text.find("b = [4, 5, 6]   # row\n") != std::string::npos);
  BOOST_CHECK(out.text.find("# head\na = 1   # one\n[s]\n") == 0);
  auto t = parsed(out.text);
  BOOST_CHECK_EQUAL(t["s"]["text"].value_or(std::string()), "新的\n\n第二段\n");
  BOOST_CHECK_EQUAL(t["t"]["c"].value_or(0), 2);
}

BOOST_AUTO_TEST_CASE(keys_added_where_they_belong_and_removed_whole_lines) {
  const std::string text = "a = 1\n\n[s]\nb = 2 # x\n\n[t]\nc = 3\n";
  auto out = nb::cli::apply_edits(text, {Edit{{"z"}, "\"root\""}, Edit{{"s", "n"}, "5"}, Edit{{"u", "k"}, "true"},
                                           Edit{{"t", "c"}, std::nullopt}});
  BOOST_REQUIRE_MESSAGE(out.error.empty(), out.error);
  auto t = parsed(out.text);
  BOOST_CHECK_EQUAL(t["z"].value_or(std::string()), "root");  // a root key, not inside [t]
  BOOST_CHECK_EQUAL(t["s"]["n"].value_or(0), 5);
  BOOST_CHECK_EQUAL(t["u"]["k"].value_or(false), true);
  BOOST_CHECK(!t["t"]["c"]);
  BOOST_CHECK(out.text.find("b = 2 # x\nn = 5\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(strings_round_trip_through_toml) {
  for (const std::string& s : std::vector<std::string>{"引号\"\"\"三个", "反斜杠\\和\"结尾\"", "制表\t与\x01控制", "", "\"", "a\"\"", "多行\n\n文本"}) {
    for (bool multi : {true, false}) {
      auto out = nb::cli::apply_edits("v = 1\n", {Edit{{"v"}, nb::cli::toml_string(s, multi)}});
      BOOST_REQUIRE_MESSAGE(out.error.empty(), out.error);
      std::string back = parsed(out.text)["v"].value_or(std::string("?"));
      if (multi && (back.empty() || back.back() == '\n') && (s.empty() || s.back() != '\n')) back = back.substr(0, back.size() ? back.size() - 1 : 0);
      BOOST_TEST_INFO(s << " multi=" << multi);
      BOOST_CHECK_EQUAL(back, s);
    }
  }
}

BOOST_AUTO_TEST_CASE(figures_typed_as_numbers_or_strings) {
  BOOST_CHECK_EQUAL(nb::cli::toml_figure(" 12 "), "12");
  BOOST_CHECK_EQUAL(nb::cli::toml_figure("1_000"), "1_000");
  BOOST_CHECK_EQUAL(nb::cli::toml_figure("4068.208"), "4068.208");
  BOOST_CHECK_EQUAL(nb::cli::toml_figure("-3"), "-3");
  BOOST_CHECK_EQUAL(nb::cli::toml_figure("1,234"), "1234");
  BOOST_CHECK_EQUAL(nb::cli::toml_figure("1，234，567"), "1234567");
  BOOST_CHECK_EQUAL(nb::cli::toml_figure("１２"), "12");
  BOOST_CHECK_EQUAL(nb::cli::toml_figure("0.05"), "0.05");
  BOOST_CHECK_EQUAL(nb::cli::toml_figure("1,23"), "\"1,23\"");
  BOOST_CHECK_EQUAL(nb::cli::toml_figure("12件"), "\"12件\"");
  BOOST_CHECK_EQUAL(nb::cli::toml_figure("99999999999999999999"), "\"99999999999999999999\"");
  BOOST_CHECK_EQUAL(nb::cli::toml_figure("12 # x"), "\"12 # x\"");
  BOOST_CHECK_EQUAL(nb::cli::toml_figure("5]\nx = [1"), "\"5]\\nx = [1\"");
  BOOST_CHECK_EQUAL(nb::cli::toml_date("2021-01-31"), "2021-01-31");
  BOOST_CHECK_EQUAL(nb::cli::toml_date("2021年1月31日"), "2021-01-31");
  BOOST_CHECK_EQUAL(nb::cli::toml_date("2021/1/5"), "2021-01-05");
  BOOST_CHECK_EQUAL(nb::cli::toml_date("２０２１．１２．３"), "2021-12-03");
  BOOST_CHECK_EQUAL(nb::cli::toml_date("2021年2月30日"), "\"2021年2月30日\"");
  BOOST_CHECK_EQUAL(nb::cli::toml_date("2021年1月"), "\"2021年1月\"");
}

BOOST_AUTO_TEST_CASE(an_unparsable_file_or_inline_table_is_not_edited) {
  auto bad = nb::cli::apply_edits("a = [1,\n", {Edit{{"a"}, "1"}});
  BOOST_CHECK(bad.error.find("TOML 原文") != std::string::npos);
  BOOST_CHECK_EQUAL(bad.text, "a = [1,\n");
  auto inl = nb::cli::apply_edits("s = { a = 1 }\n", {Edit{{"s", "a"}, "2"}});
  BOOST_CHECK(inl.error.find("内联表") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(names_confined_to_the_folder) {
  for (const std::string& bad : std::vector<std::string>{"../x.toml", "/etc/passwd", "a/b.toml", ".x.toml", "x.txt", "", "..", std::string("a\0b.toml", 8),
                                std::string(300, 'a') + ".toml", "\xff\xfe.toml"})
    BOOST_CHECK_MESSAGE(nb::serve::Store::check_name(bad), bad);
  BOOST_CHECK(!nb::serve::Store::check_name("年报-2025.toml"));
}

BOOST_FIXTURE_TEST_CASE(an_edit_checks_and_a_stale_one_is_refused, Fixture) {
  auto s = state();
  BOOST_CHECK_EQUAL(s["diagnostics"]["errors"], 0);
  const std::string v = s["version"];
  nlohmann::json body = {{"version", v}, {"edits", {{{"path", {"requests", "new"}}, {"cells", {"5", "0", "0", "0", "0", "0"}}}}}};
  auto r = call("POST", "/api/reports/quanan-2020.toml/edits", body.dump());
  BOOST_REQUIRE_EQUAL(r.status, 200);
  auto j = nlohmann::json::parse(r.body);
  BOOST_CHECK_EQUAL(j["diagnostics"]["errors"], 1);  // R1 (R3 holds: the total is computed)
  const auto& first = j["diagnostics"]["list"][0];
  BOOST_CHECK_EQUAL(first["path"], nlohmann::json({"requests", "new", 0}));
  BOOST_CHECK(first["message"].get<std::string>().find("R1") != std::string::npos);
  BOOST_CHECK(first["related"].size() >= 3);
  // The computed total of 一 is 5 (given cells 0–5, the total left out).
  BOOST_CHECK_EQUAL(j["figures"]["requests"]["new"][6]["text"], "5");
  BOOST_CHECK_EQUAL(j["figures"]["requests"]["new"][6]["given"], false);
  BOOST_CHECK(read_file(dir.file("quanan-2020.toml")).find("new                  = [5, 0, 0, 0, 0, 0]   #") != std::string::npos);
  auto stale = call("POST", "/api/reports/quanan-2020.toml/edits", body.dump());
  BOOST_CHECK_EQUAL(stale.status, 409);
  // The PDF of a report with errors: 422 and the messages.
  auto pdf = call("GET", "/api/reports/quanan-2020.toml/pdf");
  BOOST_CHECK_EQUAL(pdf.status, 422);
}

BOOST_FIXTURE_TEST_CASE(a_sentence_of_prose_is_pointed_at, Fixture) {
  const std::string v = state()["version"];
  nlohmann::json body = {{"version", v},
                         {"edits", {{{"path", {"overall", "text"}}, {"text", "本年共收到政府信息公开申请5件。其他无。"}}}}};
  auto j = nlohmann::json::parse(call("POST", "/api/reports/quanan-2020.toml/edits", body.dump()).body);
  bool found = false;
  for (const auto& d : j["diagnostics"]["list"])
    if (d["path"] == nlohmann::json({"overall", "text"})) {
      found = true;
      BOOST_CHECK_EQUAL(d["sentence"], "本年共收到政府信息公开申请5件。");
    }
  BOOST_CHECK_MESSAGE(found, j["diagnostics"].dump());
}

BOOST_FIXTURE_TEST_CASE(bad_requests_get_4xx_with_a_message, Fixture) {
  struct Case { const char* method; std::string path, body, type; int status; };
  const Case cases[] = {
      {"GET", "/api/reports/../x.toml", "", "", 400},
      {"DELETE", "/api/reports/quanan-2020.toml", "", "", 405},
      {"POST", "/api/reports/quanan-2020.toml/edits", "{", "application/json", 400},
      {"POST", "/api/reports/quanan-2020.toml/edits", "{}", "text/plain", 415},
      {"POST", "/api/reports/quanan-2020.toml/edits", std::string(200, '[') + std::string(200, ']'), "application/json", 400},
      {"POST", "/api/reports", R"({"name":"n.toml","year":"x"})", "application/json", 400},
      {"POST", "/api/reports", R"({"name":"n.toml","year":1999})", "application/json", 400},
      {"GET", "/nothing", "", "", 404},
  };
  for (const auto& c : cases) {
    auto r = call(c.method, c.path, c.body, c.type);
    BOOST_TEST_INFO(c.method << " " << c.path << " " << c.body.substr(0, 40));
    BOOST_CHECK_EQUAL(r.status, c.status);
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    BOOST_CHECK(j.is_object() && j.contains("error"));
  }
  BOOST_CHECK(!fs::exists(dir.file("n.toml")));
}

BOOST_FIXTURE_TEST_CASE(host_names_and_origins_allowed_by_host, Fixture) {
  nb::serve::Api hosted(env(), *store, {"nianbao.example.gov.cn"});
  auto ask = [&](const std::string& host, const std::string& origin) {
    nb::serve::Request r{"GET", "/api/reports", {}, "", origin, host, ""};
    return hosted.handle(r).status;
  };
  BOOST_CHECK_EQUAL(ask("nianbao.example.gov.cn", ""), 200);
  BOOST_CHECK_EQUAL(ask("NIANBAO.example.gov.cn:443", "https://nianbao.example.gov.cn"), 200);
  BOOST_CHECK_EQUAL(ask("[::1]:8080", "http://localhost:8080"), 200);
  BOOST_CHECK_EQUAL(ask("evil.example", ""), 403);
  BOOST_CHECK_EQUAL(ask("nianbao.example.gov.cn", "https://evil.example"), 403);
  BOOST_CHECK_EQUAL(ask("nianbao.example.gov.cn", "null"), 403);
  BOOST_CHECK_EQUAL(ask("", ""), 403);
}
