#include "cli/app.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/metadata.hpp"
#include "check/check.hpp"
#include "cli/safe_write.hpp"
#include "compose/document.hpp"
#include "core/toml_util.hpp"
#include "input/report.hpp"
#include "layout/catalog.hpp"
#include "pdf/writer.hpp"
#include "typeset/page.hpp"

#ifndef NIANBAO_VERSION
#define NIANBAO_VERSION "0.1.0"
#endif

namespace fs = std::filesystem;

namespace nb::cli {

namespace {

const char* const kUsage =
    "用法：\n"
    "  nianbao build [输入.toml …] [-o 输出文件夹] [--pdfa1b]\n"
    "                                              生成 PDF/A-2u 文件（默认 input/*.toml → out/）；\n"
    "                                              --pdfa1b 改为生成 PDF/A-1b 文件\n"
    "  nianbao check 输入.toml …                   只检查输入，不生成 PDF\n"
    "  --previous 上年.toml                         与上年报告核对衔接（只能有一个输入文件）\n"
    "  nianbao --version | --help\n"
    "退出码：0 成功（可有警告），1 输入有误，2 用法错误，3 环境错误（字体缺失、无法写出）。\n";

// The folder holding layouts/ and fonts/: $NIANBAO_DATA, or next to the binary
// (build tree: build/.. ; installed: bin/../share/nianbao).
std::string data_dir() {
  if (const char* env = std::getenv("NIANBAO_DATA")) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path cand : {exe.parent_path().parent_path(), exe.parent_path().parent_path() / "share" / "nianbao"})
      if (fs::is_directory(cand / "layouts", ec)) return cand.string();
  }
  return ".";
}

std::vector<std::string> font_dirs(const std::string& data) {
  std::vector<std::string> dirs{data + "/fonts"};
  if (const char* env = std::getenv("NIANBAO_FONT_PATH")) {
    std::string s = env;
    for (size_t b = 0; b <= s.size();) {
      size_t e = s.find(':', b);
      if (e == std::string::npos) e = s.size();
      if (e > b) dirs.push_back(s.substr(b, e - b));
      b = e + 1;
    }
  }
  if (const char* home = std::getenv("HOME")) {
    dirs.push_back(std::string(home) + "/.local/share/fonts");
    dirs.push_back(std::string(home) + "/.fonts");
  }
  dirs.push_back("/usr/local/share/fonts");
  dirs.push_back("/usr/share/fonts");
  return dirs;
}

void print(const Diagnostics& d) {
  for (const auto& x : d.list()) std::cerr << format(x) << '\n';
}

struct Env {
  layout::Catalog layouts;
  std::unique_ptr<typeset::FontLibrary> fonts;
  std::optional<pdf::DateTime> epoch;  // SOURCE_DATE_EPOCH
  pdf::Conformance conformance = pdf::Conformance::A2u;
};

std::optional<input::Report> read_report(Env& env, const std::string& path, Diagnostics& diags) {
  SourceRef src = read_source(path, diags);
  if (!src) return std::nullopt;
  return input::read(
      src, [&](const std::string& id, int year) { return env.layouts.find(id, year); }, diags);
}

// Runs the pipeline on one input; writes the PDF when out_path is not empty.
// previous_path: last year's report for the cross-year checks, or empty.
int process(Env& env, const std::string& path, const std::string& out_path, const std::string& previous_path) {
  Diagnostics diags;
  auto report = read_report(env, path, diags);
  if (!report) { print(diags); return 1; }
  std::optional<input::Report> previous;
  if (!previous_path.empty()) {
    previous = read_report(env, previous_path, diags);
    if (!previous || !check::derive(*previous, diags)) { print(diags); return 1; }
  }
  check::Options options;
  options.previous = previous ? &*previous : nullptr;
  if (!check::run(*report, options, diags)) { print(diags); return 1; }
  compose::Document doc = compose::compose(*report);
  typeset::Result pages;
  try {
    pages = typeset::typeset(doc, *env.fonts, diags);
  } catch (const EnvironmentError& e) {
    print(diags);
    std::cerr << e.message << '\n';
    return 3;
  }
  print(diags);
  if (diags.has_errors()) return 1;
  if (out_path.empty()) return 0;
  std::string bytes;
  try {
    bytes = pdf::write(pages, metadata(*report, env.epoch, env.conformance));
  } catch (const EnvironmentError& e) {
    std::cerr << e.message << '\n';
    return 3;
  }
  if (auto err = write_atomically(out_path, bytes)) {
    std::cerr << *err << '\n';
    return 3;
  }
  std::cerr << path << " → " << out_path << "（" << pages.pages.size() << " 页，" << bytes.size() / 1024
            << " KB）\n";
  return 0;
}

}  // namespace

int run(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << "nianbao " << NIANBAO_VERSION << '\n';
    return 0;
  }
  const std::string verb = args[0];
  if (verb != "build" && verb != "check") {
    std::cerr << "nianbao: 未知的命令 " << verb << "\n" << kUsage;
    return 2;
  }
  std::vector<std::string> inputs;
  std::string out_dir = "out";
  Env env;
  std::string previous;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "-o") {
      if (++i == args.size()) { std::cerr << "nianbao: -o 后面须给出输出文件夹\n"; return 2; }
      out_dir = args[i];
    } else if (args[i] == "--pdfa1b" && verb == "build") {
      env.conformance = pdf::Conformance::A1b;
    } else if (args[i] == "--previous") {
      if (++i == args.size()) { std::cerr << "nianbao: --previous 后面须给出上年报告的输入文件\n"; return 2; }
      previous = args[i];
    } else if (args[i] == "--help" || args[i] == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (!args[i].empty() && args[i][0] == '-') {
      std::cerr << "nianbao: 未知的选项 " << args[i] << "\n" << kUsage;
      return 2;
    } else {
      inputs.push_back(args[i]);
    }
  }
  if (inputs.empty()) {
    if (verb == "check") { std::cerr << "nianbao check: 请给出输入文件\n"; return 2; }
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("input", ec))
      if (e.path().extension() == ".toml") inputs.push_back(e.path().string());
    std::sort(inputs.begin(), inputs.end());
    if (inputs.empty()) { std::cerr << "nianbao build: input/ 中没有 .toml 文件，请给出输入文件\n"; return 2; }
  }
  try {
    if (verb == "build") env.epoch = source_date_epoch();
  } catch (const EnvironmentError& e) {
    std::cerr << "nianbao: " << e.message << '\n';
    return 3;
  }
  if (!previous.empty() && inputs.size() != 1) {
    std::cerr << "nianbao: 使用 --previous 时只能给出一个输入文件（本年报告）\n";
    return 2;
  }
  std::string data = data_dir();
  Diagnostics ld;
  if (!env.layouts.load_dir(data + "/layouts", ld)) {
    print(ld);
    return 3;
  }
  env.fonts = std::make_unique<typeset::FontLibrary>(font_dirs(data));
  int worst = 0;
  for (const auto& in : inputs) {
    std::string out;
    if (verb == "build") out = (fs::path(out_dir) / fs::path(in).stem()).string() + ".pdf";
    int rc = process(env, in, out, previous);
    worst = std::max(worst, rc);
  }
  return worst;
}

}  // namespace nb::cli
