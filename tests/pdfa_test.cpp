// The archival PDF: PDF/A-2u claims checked with tools independent of PoDoFo
// (qpdf, poppler, pikepdf through tests/pdf_inspect.py, Ghostscript, MuPDF), the
// PDF/A-1b variant validated by Apache PDFBox Preflight, bookmarks, metadata,
// and byte-identical output in every time zone and locale.
#define BOOST_TEST_MODULE pdfa
#include <boost/test/unit_test.hpp>

#include <map>
#include <regex>
#include <sstream>

#include "rich_input.hpp"
#include "support.hpp"

using namespace nbtest;

namespace {

const std::string kSample = kSample2019;
const std::string kPreflight =
    "java -cp /usr/share/java/preflight.jar:/usr/share/java/pdfbox2.jar:/usr/share/java/fontbox2.jar:"
    "/usr/share/java/xmpbox.jar:/usr/share/java/commons-logging.jar:/usr/share/java/javax.activation.jar:"
    "/usr/share/java/jaxb-api.jar org.apache.pdfbox.preflight.Validator_A1b ";
const std::string kOrgan = "长春市南关区全安街道办事处 & <测试> \"引号\" '单'";

// The facts pdf_inspect.py prints: key -> rows of fields.
struct Facts {
  std::multimap<std::string, std::vector<std::string>> rows;
  std::string raw;

  std::string one(const std::string& key) const {
    auto it = rows.find(key);
    return it == rows.end() || it->second.empty() ? "" : it->second.front();
  }
  std::vector<std::string> fields(const std::string& key) const {
    auto it = rows.find(key);
    return it == rows.end() ? std::vector<std::string>{} : it->second;
  }
  std::vector<std::vector<std::string>> all(const std::string& key) const {
    std::vector<std::vector<std::string>> v;
    for (auto [b, e] = rows.equal_range(key); b != e; ++b) v.push_back(b->second);
    return v;
  }
};

Facts inspect(const std::string& pdf) {
  Output o = run("/usr/bin/python3 " + kSourceDir + "/tests/pdf_inspect.py " + pdf);
  BOOST_TEST_INFO(o.err);
  BOOST_REQUIRE_EQUAL(o.code, 0);
  Facts f;
  f.raw = o.out;
  std::istringstream in(o.out);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    for (size_t b = 0;;) {
      size_t e = line.find('\t', b);
      fields.push_back(line.substr(b, e - b));
      if (e == std::string::npos) break;
      b = e + 1;
    }
    std::string key = fields.front();
    fields.erase(fields.begin());
    f.rows.emplace(key, fields);
  }
  return f;
}

struct Built {
  TempDir dir;
  std::string a2u, a1b, rich, rich_a1b;
  Facts a2u_facts, a1b_facts, rich_facts, rich_a1b_facts;

  std::string build(const std::string& input, const std::string& subdir, const std::string& args = "") {
    fs::create_directories(dir.path / subdir);
    Output o = run(kBinary + " build " + input + " -o " + (dir.path / subdir).string() + " " + args);
    BOOST_TEST_INFO(o.err);
    BOOST_REQUIRE_EQUAL(o.code, 0);
    return (dir.path / subdir / (fs::path(input).stem().string() + ".pdf")).string();
  }

  Built() {
    write_file(dir.file("rich.toml"), rich_input());
    a2u = build(kSample, "a2u");
    a1b = build(kSample, "a1b", "--pdfa1b");
    rich = build(dir.file("rich.toml"), "rich");
    rich_a1b = build(dir.file("rich.toml"), "rich_a1b", "--pdfa1b");
    a2u_facts = inspect(a2u);
    a1b_facts = inspect(a1b);
    rich_facts = inspect(rich);
    rich_a1b_facts = inspect(rich_a1b);
  }
  std::vector<std::pair<std::string, const Facts*>> every() const {
    return {{a2u, &a2u_facts}, {a1b, &a1b_facts}, {rich, &rich_facts}, {rich_a1b, &rich_a1b_facts}};
  }
};

const Built& built() {
  static Built b;
  return b;
}

std::string id_of(const std::string& pdf) {
  static const std::regex id("/ID \\[ <([0-9A-F]{32})> <[0-9A-F]{32}> \\]");
  std::smatch m;
  std::string s = read_file(pdf);
  return std::regex_search(s, m, id) ? m[1].str() : "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(file_structure_is_pdfa_clean) {
  for (const auto& [pdf, version] : {std::pair{built().a2u, "1.7"}, std::pair{built().a1b, "1.4"}}) {
    BOOST_TEST_INFO(pdf);
    std::string s = read_file(pdf);
    BOOST_CHECK_EQUAL(s.substr(0, 10), std::string("%PDF-") + version + "\n%");
    for (int i = 10; i < 14; ++i) BOOST_CHECK_GE(static_cast<unsigned char>(s[i]), 128);  // binary comment
    BOOST_CHECK_EQUAL(s.substr(s.size() - 6), "%%EOF\n");
    // PDF/A-1 (PDF 1.4): a classic cross-reference table. PDF/A-2 (PDF 1.7): objects
    // in compressed object streams and a cross-reference stream, not a hybrid file.
    const bool a1 = std::string(version) == "1.4";
    BOOST_CHECK_EQUAL(s.find("\nxref\n0 ") != std::string::npos, a1);
    BOOST_CHECK_EQUAL(s.find("/Type /ObjStm") != std::string::npos, !a1);
    BOOST_CHECK_EQUAL(s.find("/Type /XRef\n") != std::string::npos, !a1);
    for (const char* banned : {"/XRefStm", "/Encrypt", "/JavaScript", "/OpenAction",
                               "/EmbeddedFiles", "/Launch", "obj<<"}) {
      BOOST_TEST_INFO(banned);
      BOOST_CHECK(s.find(banned) == std::string::npos);
    }
    std::regex obj("\n[0-9]+ 0 obj\n"), endobj("\nendobj\n"), stream("\nstream\n"), endstream("\nendstream\n");
    auto n = [&](const std::regex& r) { return std::distance(std::sregex_iterator(s.begin(), s.end(), r), {}); };
    BOOST_CHECK_GT(n(obj), a1 ? 20 : 10);
    BOOST_CHECK_EQUAL(n(obj), n(endobj));
    BOOST_CHECK_EQUAL(n(stream), n(endstream));
  }
}

BOOST_AUTO_TEST_CASE(qpdf_finds_no_errors) {
  for (const auto& [pdf, facts] : built().every()) {
    Output q = run("qpdf --check " + pdf);
    BOOST_TEST_INFO(pdf + "\n" + q.out + q.err);
    BOOST_CHECK_EQUAL(q.code, 0);
    BOOST_CHECK(q.out.find("No syntax or stream encoding errors found") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(pdffonts_all_embedded_subset_with_tounicode) {
  for (const auto& [pdf, facts] : built().every()) {
    Output f = run("pdffonts " + pdf);
    BOOST_REQUIRE_EQUAL(f.code, 0);
    std::istringstream in(f.out);
    std::string line;
    int fonts = 0;
    while (std::getline(in, line)) {
      if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) continue;
      ++fonts;
      BOOST_TEST_INFO(pdf + "\n" + line);
      BOOST_CHECK_EQUAL(line.find('+'), 6u);
      BOOST_CHECK(line.find("Identity-H       yes yes yes") != std::string::npos);
    }
    BOOST_CHECK_GE(fonts, 4);
  }
}

BOOST_AUTO_TEST_CASE(xmp_claims_pdfa_2a_and_pdfua_1_and_is_well_formed) {
  const Facts& f = built().a2u_facts;
  BOOST_TEST_INFO(f.raw);
  BOOST_CHECK_EQUAL(f.one("pdfa_status"), "2A");
  BOOST_CHECK_EQUAL(f.one("xmp.pdfaid:part"), "2");
  BOOST_CHECK_EQUAL(f.one("xmp.pdfaid:conformance"), "A");
  BOOST_CHECK_EQUAL(f.one("xmp.pdfuaid:part"), "1");
  // PDF/A needs the pdfuaid namespace declared in an extension schema.
  BOOST_CHECK_EQUAL(f.one("xmp.pdfaExtension:namespaces"), "http://www.aiim.org/pdfua/ns/id/");
  BOOST_CHECK_EQUAL(built().a1b_facts.one("xmp.pdfaid:conformance"), "B");
  BOOST_CHECK_EQUAL(built().a1b_facts.one("xmp.pdfuaid:part"), "");
  BOOST_CHECK_EQUAL(f.one("pdf_version"), "1.7");
  for (const Facts* x : {&built().a2u_facts, &built().a1b_facts, &built().rich_facts}) {
    BOOST_CHECK_EQUAL(x->one("metadata_subtype"), "/XML");
    BOOST_CHECK_EQUAL(x->one("metadata_filter"), "none");
    BOOST_CHECK_EQUAL(x->one("xmp_utf8"), "yes");
    BOOST_CHECK_EQUAL(x->one("xmp_wellformed"), "yes");
    BOOST_CHECK_EQUAL(x->one("xpacket_bytes_or_encoding"), "no");
  }
}

BOOST_AUTO_TEST_CASE(xmp_holds_the_info_values) {
  for (const Facts* f : {&built().a2u_facts, &built().rich_facts}) {
    BOOST_TEST_INFO(f->raw);
    BOOST_CHECK_EQUAL(f->one("info.Title"), "2020年南关区全安街道政府信息公开工作年度报告");
    BOOST_CHECK_EQUAL(f->one("xmp.dc:title"), f->one("info.Title"));
    BOOST_CHECK_EQUAL(f->fields("xmp.dc:creator").size(), 1u);
    BOOST_CHECK_EQUAL(f->one("xmp.dc:creator"), f->one("info.Author"));
    BOOST_CHECK_EQUAL(f->one("xmp.dc:description"), f->one("info.Subject"));
    BOOST_CHECK_EQUAL(f->one("info.Subject"), "政府信息公开工作年度报告");
    BOOST_CHECK_EQUAL(f->one("xmp.pdf:Keywords"), f->one("info.Keywords"));
    BOOST_CHECK_EQUAL(f->one("xmp.xmp:CreatorTool"), f->one("info.Creator"));
    BOOST_CHECK_EQUAL(f->one("xmp.pdf:Producer"), f->one("info.Producer"));
    BOOST_CHECK(f->one("info.Creator").rfind("nianbao ", 0) == 0);
    BOOST_CHECK(f->one("info.Producer").rfind("nianbao ", 0) == 0);
    BOOST_CHECK_EQUAL(f->one("xmp.dc:language"), "zh-CN");
    // The publication date, 00:00 China Standard Time, in both forms.
    BOOST_CHECK_EQUAL(f->one("info.CreationDate"), "D:20210131000000+08'00'");
    BOOST_CHECK_EQUAL(f->one("info.ModDate"), "D:20210131000000+08'00'");
    BOOST_CHECK_EQUAL(f->one("xmp.xmp:CreateDate"), "2021-01-31T00:00:00+08:00");
    BOOST_CHECK_EQUAL(f->one("xmp.xmp:ModifyDate"), "2021-01-31T00:00:00+08:00");
  }
  BOOST_CHECK_EQUAL(built().a2u_facts.one("info.Author"), "长春市南关区全安街道办事处");
}

BOOST_AUTO_TEST_CASE(xml_special_characters_of_the_organ_survive_escaping) {
  const Facts& f = built().rich_facts;
  BOOST_CHECK_EQUAL(f.one("info.Author"), kOrgan);
  BOOST_CHECK_EQUAL(f.one("xmp.dc:creator"), kOrgan);
  std::string s = read_file(built().rich);
  BOOST_CHECK(s.find("&amp; &lt;测试&gt; &quot;引号&quot; &apos;单&apos;") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(output_intent_carries_srgb_v2) {
  for (const auto& [pdf, f] : built().every()) {
    BOOST_TEST_INFO(pdf);
    BOOST_CHECK_EQUAL(f->one("output_intents"), "1");
    auto oi = f->fields("output_intent");
    BOOST_REQUIRE_EQUAL(oi.size(), 6u);
    BOOST_CHECK_EQUAL(oi[0], "/GTS_PDFA1");
    BOOST_CHECK_EQUAL(oi[1], "sRGB IEC61966-2.1");
    BOOST_CHECK_EQUAL(oi[2], "3");     // /N
    BOOST_CHECK_EQUAL(oi[3], "mntr");  // profile class
    BOOST_CHECK_EQUAL(oi[4], "RGB");   // colour space
    BOOST_CHECK_EQUAL(oi[5], "2");     // ICC major version (PDF/A-1 needs v2)
  }
}

BOOST_AUTO_TEST_CASE(catalog_opens_bookmarks_in_chinese_with_the_title_and_nothing_active) {
  for (const auto& [pdf, f] : built().every()) {
    BOOST_TEST_INFO(pdf + "\n" + f->raw);
    BOOST_CHECK_EQUAL(f->one("page_mode"), "/UseOutlines");
    BOOST_CHECK_EQUAL(f->one("lang"), "zh-CN");
    BOOST_CHECK_EQUAL(f->one("display_doc_title"), "yes");
    BOOST_CHECK_EQUAL(f->one("encrypt"), "no");
    BOOST_CHECK_EQUAL(f->one("actions_or_attachments"), "0");
    auto id = f->fields("id");
    BOOST_REQUIRE_EQUAL(id.size(), 2u);
    BOOST_CHECK_EQUAL(id[0].size(), 32u);
    BOOST_CHECK_EQUAL(id[0], id[1]);
    BOOST_CHECK_EQUAL(f->one("id_matches_content"), "yes");
  }
}

BOOST_AUTO_TEST_CASE(bookmarks_list_the_six_sections) {
  const Facts& f = built().a2u_facts;
  BOOST_TEST_INFO(f.raw);
  const std::vector<std::string> sections{"一、总体情况", "二、主动公开政府信息情况",
                                          "三、收到和处理政府信息公开申请情况",
                                          "四、政府信息公开行政复议、行政诉讼情况",
                                          "五、存在的主要问题及改进情况", "六、其他需要报告的事项"};
  auto marks = f.all("bookmark");
  BOOST_REQUIRE_EQUAL(marks.size(), sections.size());
  for (size_t i = 0; i < marks.size(); ++i) {
    BOOST_CHECK_EQUAL(marks[i][0], "1");
    BOOST_CHECK_EQUAL(marks[i][1], sections[i]);
    BOOST_CHECK_EQUAL(marks[i][3], "/XYZ");
    BOOST_CHECK_EQUAL(marks[i][5], "null");  // zoom unchanged
  }
  BOOST_CHECK_EQUAL(f.one("outline_count"), "6");
  BOOST_CHECK_EQUAL(f.one("outline_bad_counts"), "0");
}

BOOST_AUTO_TEST_CASE(sub_headings_nest_under_their_section_with_count) {
  const Facts& f = built().rich_facts;
  BOOST_TEST_INFO(f.raw);
  auto marks = f.all("bookmark");
  BOOST_REQUIRE_EQUAL(marks.size(), 8u);  // six sections, two 二级标题; 三级 is not a bookmark
  BOOST_CHECK_EQUAL(marks[0][1], "一、总体情况");
  BOOST_CHECK_EQUAL(marks[0][6], "2");  // descendants
  BOOST_CHECK_EQUAL(marks[0][7], "2");  // /Count
  BOOST_CHECK_EQUAL(marks[1][0], "2");
  BOOST_CHECK_EQUAL(marks[1][1], "（一）规范各项制度");
  BOOST_CHECK_EQUAL(marks[2][1], "（二）完善基础性、常规性工作");
  BOOST_CHECK_EQUAL(marks[3][1], "二、主动公开政府信息情况");
  BOOST_CHECK_EQUAL(f.one("outline_count"), "8");
  BOOST_CHECK_EQUAL(f.one("outline_bad_counts"), "0");
}

BOOST_AUTO_TEST_CASE(bookmarks_open_the_page_at_the_heading) {
  using Pair = std::pair<std::string, const Facts*>;
  for (const auto& [pdf, f] : {Pair{built().a2u, &built().a2u_facts}, Pair{built().rich, &built().rich_facts}}) {
    for (const auto& m : f->all("bookmark")) {
      int page = std::stoi(m[2]) + 1;
      double top = std::stod(m[4]);
      Output t = run("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " -bbox " + pdf + " -");
      std::smatch h;
      BOOST_REQUIRE(std::regex_search(t.out, h, std::regex("<page width=\"[0-9.]+\" height=\"([0-9.]+)\"")));
      const double from_top = std::stod(h[1]) - top;
      // The word that starts the heading: its first characters at the destination.
      const std::string start = m[1].substr(0, 9);  // three CJK characters
      std::regex word("<word xMin=\"[0-9.]+\" yMin=\"([0-9.]+)\" [^>]*>" + start);
      bool found = false;
      for (auto it = std::sregex_iterator(t.out.begin(), t.out.end(), word); it != std::sregex_iterator(); ++it) {
        double y = std::stod((*it)[1]);
        if (y >= from_top - 1 && y <= from_top + 12) found = true;
      }
      BOOST_TEST_INFO(pdf + ": " + m[1] + " page " + std::to_string(page) + " top " + m[4]);
      BOOST_CHECK(found);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_shown_code_has_unicode_and_none_is_notdef) {
  for (const auto& [pdf, f] : built().every()) {
    auto fonts = f->all("font");
    BOOST_CHECK_GE(fonts.size(), 4u);
    for (const auto& font : fonts) {
      // name subtype fontfile filesubtype cidset shown uncovered bad_values notdef missing_in_cidset
      BOOST_TEST_INFO(pdf + ": " + font[0]);
      BOOST_CHECK_GT(std::stoi(font[5]), 0);
      BOOST_CHECK_EQUAL(font[6], "0");
      BOOST_CHECK_EQUAL(font[7], "0");
      BOOST_CHECK_EQUAL(font[8], "0");
      BOOST_CHECK(font[2] == "/FontFile2" || (font[2] == "/FontFile3" && font[3] == "/CIDFontType0C"));
    }
  }
  // The combining acute drawn as its own glyph extracts as itself, once.
  std::string text = strip_space(run("pdftotext " + built().rich + " -").out);
  BOOST_CHECK(text.find("Cliq\xCC\x81ue.") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(pdfa1b_variant_claims_1b_with_cidsets) {
  for (const Facts* f : {&built().a1b_facts, &built().rich_a1b_facts}) {
    BOOST_TEST_INFO(f->raw);
    BOOST_CHECK_EQUAL(f->one("pdfa_status"), "1B");
    BOOST_CHECK_EQUAL(f->one("pdf_version"), "1.4");
    for (const auto& font : f->all("font")) {
      BOOST_CHECK_EQUAL(font[4], "cidset");
      BOOST_CHECK_EQUAL(font[9], "0");  // every shown CID is in the CIDSet
    }
  }
  for (const auto& font : built().a2u_facts.all("font")) BOOST_CHECK_EQUAL(font[4], "-");
}

BOOST_AUTO_TEST_CASE(pdfbox_preflight_validates_the_pdfa1b_variant) {
  // Sample: CID-keyed CFF fonts; rich: also TrueType and name-keyed CFF.
  for (const std::string& pdf : {built().a1b, built().rich_a1b}) {
    Output p = run(kPreflight + pdf);
    BOOST_TEST_INFO(p.out + p.err);
    BOOST_CHECK_EQUAL(p.code, 0);
    BOOST_CHECK(p.out.find("is a valid PDF/A-1b file") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(ghostscript_and_mupdf_render_every_page_without_warnings) {
  for (const auto& [pdf, f] : built().every()) {
    BOOST_TEST_INFO(pdf);
    Output g = run("gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=nullpage " + pdf + " 2>&1");
    BOOST_CHECK_EQUAL(g.code, 0);
    BOOST_CHECK_EQUAL(g.out, "");
    TempDir t;
    Output m = run("mutool draw -q -r 20 -o " + t.file("m%d.png") + " " + pdf);
    BOOST_CHECK_EQUAL(m.code, 0);
    // Debian's MuPDF is built without lcms and says so for every file; anything else is ours.
    std::string err = m.err;
    const std::string icc = "warning: ICC support is not available\n";
    if (err.rfind(icc, 0) == 0) err.erase(0, icc.size());
    BOOST_CHECK_EQUAL(err, "");
    int pages = 0;
    for (const auto& e : fs::directory_iterator(t.path)) pages += e.path().extension() == ".png";
    BOOST_CHECK_EQUAL(std::to_string(pages), f->one("pages"));
  }
}

BOOST_AUTO_TEST_CASE(same_bytes_in_every_time_zone_and_locale) {
  const std::string reference = read_file(built().a2u);
  int i = 0;
  for (const char* env : {"TZ=UTC LC_ALL=C", "TZ=Asia/Shanghai LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8",
                          "TZ=America/New_York LC_ALL=de_DE.UTF-8", "TZ=Pacific/Kiritimati LC_ALL=C.UTF-8"}) {
    TempDir t;
    Output o = run(std::string("env ") + env + " " + kBinary + " build " + kSample + " -o " + t.path.string());
    BOOST_TEST_INFO(env);
    BOOST_REQUIRE_EQUAL(o.code, 0);
    BOOST_CHECK(read_file(t.file("quanan-2020.pdf")) == reference);
    ++i;
  }
  BOOST_CHECK_EQUAL(i, 4);
  // Built in one run after another report, with the same fonts loaded: same bytes.
  TempDir t;
  Output o = run(kBinary + " build " + built().dir.file("rich.toml") + " " + kSample + " -o " + t.path.string());
  BOOST_REQUIRE_EQUAL(o.code, 0);
  BOOST_CHECK(read_file(t.file("quanan-2020.pdf")) == reference);
  BOOST_CHECK(read_file(t.file("rich.pdf")) == read_file(built().rich));
}

BOOST_AUTO_TEST_CASE(source_date_epoch_sets_the_dates_in_utc) {
  TempDir a, b;
  const std::string epoch = "SOURCE_DATE_EPOCH=1612137599 ";  // 2021-01-31T23:59:59Z
  Output o1 = run("env TZ=Asia/Shanghai " + epoch + kBinary + " build " + kSample + " -o " + a.path.string());
  Output o2 = run("env TZ=UTC " + epoch + kBinary + " build " + kSample + " -o " + b.path.string());
  BOOST_REQUIRE_EQUAL(o1.code, 0);
  BOOST_REQUIRE_EQUAL(o2.code, 0);
  BOOST_CHECK(read_file(a.file("quanan-2020.pdf")) == read_file(b.file("quanan-2020.pdf")));
  Facts f = inspect(a.file("quanan-2020.pdf"));
  BOOST_CHECK_EQUAL(f.one("info.CreationDate"), "D:20210131235959+00'00'");
  BOOST_CHECK_EQUAL(f.one("xmp.xmp:CreateDate"), "2021-01-31T23:59:59+00:00");
  BOOST_CHECK_EQUAL(f.one("xmp.xmp:ModifyDate"), "2021-01-31T23:59:59+00:00");
  BOOST_CHECK(f.one("id") != built().a2u_facts.one("id"));
}

BOOST_AUTO_TEST_CASE(malformed_source_date_epoch_exits_3_and_writes_nothing) {
  TempDir t;
  Output o = run("env SOURCE_DATE_EPOCH=yesterday " + kBinary + " build " + kSample + " -o " + t.path.string());
  BOOST_CHECK_EQUAL(o.code, 3);
  BOOST_CHECK(o.err.find("SOURCE_DATE_EPOCH") != std::string::npos);
  BOOST_CHECK(fs::is_empty(t.path));
}

BOOST_AUTO_TEST_CASE(different_reports_never_share_an_id) {
  TempDir t;
  std::string in = read_file(kSample);
  in.replace(in.find("2000余条"), 10, "2001余条");  // one figure of one paragraph; same Info
  write_file(t.file("other.toml"), in);
  Output o = run(kBinary + " build " + t.file("other.toml") + " -o " + t.path.string());
  BOOST_REQUIRE_EQUAL(o.code, 0);
  std::string a = id_of(built().a2u), b = id_of(t.file("other.pdf"));
  BOOST_CHECK_EQUAL(a.size(), 32u);
  BOOST_CHECK_EQUAL(b.size(), 32u);
  BOOST_CHECK_NE(a, b);
  BOOST_CHECK_NE(id_of(built().a1b), a);
  Facts f = inspect(t.file("other.pdf"));
  BOOST_CHECK_EQUAL(f.one("info.Title"), built().a2u_facts.one("info.Title"));
  BOOST_CHECK_EQUAL(f.one("id_matches_content"), "yes");
}
