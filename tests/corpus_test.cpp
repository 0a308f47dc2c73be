// The bad-input corpus (tests/corpus/, described in its README.md), run through the
// real binary: each case's exit code and exact diagnostic lines; no crash, no
// sanitizer report, no hang (a timeout); for a failing run no new file and the
// previous PDF untouched; for a valid one a PDF that qpdf accepts, whose text
// (pdftotext) holds what the case names. One Boost test case per corpus case:
// `corpus_test --run_test=NAME`. With NB_CORPUS_UPDATE=1 set, a case whose lines
// differ gets them rewritten (after a deliberate change of messages; review the diff).
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <vector>

#include "bbox.hpp"
#include "core/utf8.hpp"
#include "support.hpp"
#include "font/face.hpp"

using namespace nbtest;
namespace utf = boost::unit_test;

namespace {

const fs::path kCorpus = fs::path(kSourceDir) / "tests" / "corpus";
const std::string kPrevious = "%PDF-1.7 previous report\n";

#ifdef NB_SANITIZE
constexpr int kSlowdown = 5;  // ASan and UBSan
#else
constexpr int kSlowdown = 1;
#endif

struct Case {
  std::string name;
  int exit = -1;
  int timeout = 60;
  std::vector<std::string> generate, layouts, fonts, pdf_text;
  std::vector<std::pair<std::string, size_t>> pdf_count;  // text, times it occurs
  std::string output;
  bool no_layouts = false;
  int pdf_pages = 0;
  std::vector<std::string> expected;  // diagnostic lines, the data folder written $DATA
};

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  size_t b = s.find_first_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string x; std::getline(in, x, sep);) out.push_back(x);
  return out;
}

// "\n" in a directive's text stands for a line break.
std::string unescape(std::string s) {
  for (size_t p; (p = s.find("\\n")) != std::string::npos;) s.replace(p, 2, "\n");
  return s;
}

Case parse_case(const std::string& name) {
  Case c;
  c.name = name;
  std::istringstream in(read_file((kCorpus / (name + ".expected")).string()));
  bool diagnostics = false;
  for (std::string line; std::getline(in, line);) {
    if (diagnostics) {
      if (!trim(line).empty()) c.expected.push_back(line);
      continue;
    }
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line == "---") { diagnostics = true; continue; }
    size_t colon = line.find(':');
    BOOST_REQUIRE_MESSAGE(colon != std::string::npos, name << ".expected: not a directive: " << line);
    std::string key = line.substr(0, colon), value = trim(line.substr(colon + 1));
    if (key == "exit") c.exit = std::stoi(value);
    else if (key == "timeout") c.timeout = std::stoi(value);
    else if (key == "generate") c.generate = split(value, ' ');
    else if (key == "layout") c.layouts.push_back(value);
    else if (key == "layouts" && value == "none") c.no_layouts = true;
    else if (key == "font") c.fonts.push_back(value);
    else if (key == "output") c.output = value;
    else if (key == "pdf-text") c.pdf_text.push_back(unescape(value));
    else if (key == "pdf-pages") c.pdf_pages = std::stoi(value);
    else if (key == "pdf-count") {
      size_t sp = value.rfind(' ');
      BOOST_REQUIRE_MESSAGE(sp != std::string::npos, name << ".expected: pdf-count: TEXT N");
      c.pdf_count.emplace_back(value.substr(0, sp), std::stoul(value.substr(sp + 1)));
    }
    else BOOST_FAIL(name << ".expected: unknown directive " << key);
  }
  BOOST_REQUIRE_MESSAGE(c.exit >= 0, name << ".expected: no exit: line");
  return c;
}

// Text generated at test time in place of the template's @@GENERATED@@ (megabytes
// are not committed). Han characters cycle through a sentence without digits.
std::string generated(const std::vector<std::string>& g) {
  static const std::u32string kHan = U"政府信息公开工作稳步推进公开质量持续提升群众满意度不断提高";
  auto han = [](size_t n, size_t offset = 0) {
    std::u32string s;
    s.reserve(n);
    for (size_t i = 0; i < n; ++i) s.push_back(kHan[(i + offset) % kHan.size()]);
    return nb::encode_utf8(s);
  };
  BOOST_REQUIRE(g.size() >= 2);
  const std::string& kind = g[0];
  const size_t n = std::stoul(g[1]);
  std::string out;
  if (kind == "han") return han(n);  // one paragraph of n characters
  if (kind == "paragraphs") {        // n paragraphs of g[2] characters each, numbered
    const size_t chars = g.size() > 2 ? std::stoul(g[2]) : 20;
    for (size_t i = 0; i < n; ++i) out += "第" + std::to_string(i + 1) + "段" + han(chars, i) + "。\n\n";
    return out;
  }
  if (kind == "word") return std::string(n, 'Q');  // one Latin word of n letters
  if (kind == "comment-bytes") {                    // comment lines up to n bytes
    const std::string line = "# " + std::string(78, 'x') + "\n";
    for (out.reserve(n + line.size()); out.size() < n;) out += line;
    return out;
  }
  BOOST_FAIL("unknown generator " << kind);
  return out;
}

// A font file of the search folders (installed by setup.sh).
std::string system_font(const std::string& name) {
  static nb::font::FontLibrary fonts({"/usr/local/share/fonts", "/usr/share/fonts"});
  auto path = fonts.find(name);
  BOOST_REQUIRE_MESSAGE(path, "font " << name << " is not installed (./setup.sh)");
  return *path;
}

// The data folder for cases that change layouts or fonts: a copy of layouts/ and
// an empty fonts/, edited as the case says.
void make_data(const Case& c, const fs::path& data) {
  fs::create_directories(data / "fonts");
  if (!c.no_layouts) fs::copy(fs::path(kSourceDir) / "layouts", data / "layouts");
  for (const auto& edit : c.layouts) {  // FILE | FROM | TO
    auto parts = split(edit, '|');
    BOOST_REQUIRE_MESSAGE(parts.size() == 3, c.name << ": layout: FILE | FROM | TO");
    fs::path file = data / "layouts" / trim(parts[0]);
    std::string text = read_file(file.string()), from = unescape(trim(parts[1])), to = unescape(trim(parts[2]));
    size_t at = text.find(from);
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, c.name << ": not in " << file << ": " << from);
    write_file(file.string(), text.replace(at, from.size(), to));
  }
  for (const auto& f : c.fonts) {  // NAME KIND [SOURCE [BYTES]]
    auto w = split(f, ' ');
    BOOST_REQUIRE(w.size() >= 2);
    std::string target = (data / "fonts" / w[0]).string();
    if (w[1] == "text") write_file(target, "This is not a font.\n");
    else if (w[1] == "empty") write_file(target, "");
    else if (w[1] == "truncated") write_file(target, read_file(system_font(w[2])).substr(0, std::stoul(w[3])));
    else if (w[1] == "link") fs::create_symlink(system_font(w[2]), target);
    else BOOST_FAIL(c.name << ": unknown font kind " << w[1]);
  }
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
  return s;
}

// Entries of a folder, sorted.
std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Nothing is set over anything else: no two words of a page overlap (pdftotext's
// boxes). A box spans its font's ascent and descent, so the lines of a large
// title touch by a few points; a third of a line's height is an overlap.
void check_no_overlap(const std::string& name, const std::string& pdf, int pages) {
  size_t overlaps = 0, read = 0;
  std::string first;
  int page_no = 0;
  const auto boxes = nbtest::read_bbox(pdf);
  BOOST_CHECK_MESSAGE(static_cast<int>(boxes.size()) == pages, name << ": pdftotext -bbox read " << boxes.size() << " pages");
  for (const auto& page : boxes) {
    ++page_no;
    std::vector<const nbtest::TextWord*> words;
    for (const auto& line : page.lines)
      for (const auto& w : line.words) words.push_back(&w);
    read += words.size();
    for (size_t i = 0; i < words.size(); ++i)
      for (size_t j = i + 1; j < words.size(); ++j) {
        const auto &a = *words[i], &b = *words[j];
        const double across = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
        const double down = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
        if (across > 0.5 && down > std::min(a.y1 - a.y0, b.y1 - b.y0) / 3 && overlaps++ == 0)
          first = "page " + std::to_string(page_no) + ": " + a.text + " / " + b.text;
      }
  }
  BOOST_CHECK_MESSAGE(read > 0, name << ": pdftotext -bbox read no words");
  BOOST_CHECK_MESSAGE(overlaps == 0, name << ": " << overlaps << " pairs of words overlap, first on " << first);
}

// Root may write anywhere: the unwritable case runs as nobody.
std::string unprivileged() { return geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : ""; }

void run_case(const std::string& name) {
  const Case c = parse_case(name);
  TempDir t;
  chmod(t.path.c_str(), 0755);
  const std::string input = name + ".toml";
  std::string text = read_file((kCorpus / input).string());
  if (!c.generate.empty()) {
    size_t at = text.find("@@GENERATED@@");
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, name << ".toml has no @@GENERATED@@");
    text.replace(at, 13, generated(c.generate));
  }
  write_file(t.file(input), text);

  std::string env;
  const fs::path data = t.path / "data";
  if (!c.layouts.empty() || !c.fonts.empty() || c.no_layouts) {
    make_data(c, data);
    env = "NIANBAO_DATA=" + data.string() + " ";
  }
  const fs::path out = t.path / "out";
  fs::create_directory(out);
  const fs::path pdf = out / (name + ".pdf");
  std::string out_arg = "out", user;
  // The previous PDF first: the unwritable case then takes the folder's write permission.
  if (c.exit != 0 && c.output != "directory") write_file(pdf.string(), kPrevious);
  if (c.output == "directory") fs::create_directory(pdf);
  else if (c.output == "missing-folder") out_arg = "nowhere";
  else if (c.output == "file-as-folder") write_file(t.file("notadir"), ""), out_arg = "notadir";
  else if (c.output == "unwritable") {
    chmod(out.c_str(), 0555);
    user = unprivileged();
    // The same command shape, reading the layouts: a private folder above the build
    // (mktemp -d) keeps nobody from the program or its data.
    if (!user.empty() && run("cd " + t.path.string() + " && " + env + user + "timeout -k 5 60 " + kBinary + " layouts").code != 0) {
      BOOST_TEST_MESSAGE(name << ": skipped: cannot run the program as nobody here");
      return;
    }
  } else BOOST_REQUIRE_MESSAGE(c.output.empty(), name << ": unknown output " << c.output);
  chmod(t.file(input).c_str(), 0644);

  const int timeout = c.timeout * kSlowdown;
  Output o = run("cd " + t.path.string() + " && " + env + user + "timeout -k 5 " + std::to_string(timeout) + " " +
                 kBinary + " build " + input + " -o " + out_arg);
  BOOST_TEST_INFO("stderr:\n" << o.err.substr(0, 4000));
  BOOST_CHECK_MESSAGE(o.code != 124 && o.code != 137, name << ": no answer within " << timeout << " s");
  for (const char* crash : {"AddressSanitizer", "LeakSanitizer", "runtime error:", "terminate called", "Aborted"})
    BOOST_CHECK_MESSAGE(o.err.find(crash) == std::string::npos, name << ": " << crash);
  BOOST_CHECK_EQUAL(o.code, c.exit);

  // Input and output paths are printed as given (relative); the data folder as $DATA.
  std::string expected;
  for (const auto& line : c.expected) expected += line + "\n";
  const std::string actual = replace_all(diagnostics_only(o.err), data.string(), "$DATA");
  BOOST_CHECK_EQUAL(actual, expected);
  if (std::getenv("NB_CORPUS_UPDATE") && actual != expected) {
    // After a deliberate change of messages: rewrite the expected lines, then review `git diff`.
    const std::string path = (kCorpus / (name + ".expected")).string();
    std::string file = read_file(path);
    size_t rule = file.find("\n---\n");
    BOOST_REQUIRE(rule != std::string::npos);
    write_file(path, file.substr(0, rule + 5) + actual);
  }

  if (c.exit != 0) {  // nothing written, the previous PDF intact
    if (c.output == "directory") {
      BOOST_CHECK(fs::is_directory(pdf) && fs::is_empty(pdf));
      BOOST_CHECK_EQUAL(listing(out).size(), 1u);
    } else {
      BOOST_CHECK_MESSAGE(read_file(pdf.string()) == kPrevious, name << ": the previous PDF was changed");
      BOOST_CHECK(listing(out) == std::vector<std::string>{pdf.filename().string()});
    }
    if (c.output == "missing-folder") BOOST_CHECK(!fs::exists(t.path / "nowhere"));
    if (c.output == "unwritable") chmod(out.c_str(), 0755);  // for the temporary folder's removal
    return;
  }
  BOOST_REQUIRE(fs::exists(pdf));
  BOOST_CHECK(listing(out) == std::vector<std::string>{pdf.filename().string()});
  Output q = run("qpdf --check " + pdf.string());
  BOOST_CHECK_MESSAGE(q.code == 0, "qpdf --check: " << q.out << q.err);
  const int pages = std::stoi("0" + run("pdfinfo " + pdf.string() + " | sed -n 's/^Pages: *//p'").out);
  if (c.pdf_pages > 0) BOOST_CHECK_EQUAL(pages, c.pdf_pages);
  // pdftotext takes ~25 ms a page: of a long document, the first and the last pages.
  std::string shown;
  auto extract = [&](int first, int last) {
    Output p = run("pdftotext -enc UTF-8 -f " + std::to_string(first) + " -l " + std::to_string(last) + " " +
                   pdf.string() + " -");
    BOOST_CHECK_EQUAL(p.code, 0);
    shown += strip_space(p.out);
  };
  if (pages <= 20) extract(1, pages);
  else extract(1, 3), extract(pages - 5, pages);
  for (const auto& s : c.pdf_text)
    BOOST_CHECK_MESSAGE(shown.find(strip_space(s)) != std::string::npos, name << ": the PDF's text lacks " << s);
  for (const auto& [s, n] : c.pdf_count) {
    size_t found = 0;
    for (size_t p = shown.find(s); p != std::string::npos; p = shown.find(s, p + s.size())) ++found;
    BOOST_CHECK_MESSAGE(found == n, name << ": the PDF's text holds " << s << " " << found << " times, not " << n);
  }
  if (pages <= 20) check_no_overlap(name, pdf.string(), pages);
}

bool register_cases() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kCorpus))
    if (e.path().extension() == ".expected") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  for (const auto& n : names)
    utf::framework::master_test_suite().add(utf::make_test_case([n] { run_case(n); }, n, __FILE__, __LINE__));
  return true;
}

}  // namespace

int main(int argc, char* argv[]) { return utf::unit_test_main(&register_cases, argc, argv); }
