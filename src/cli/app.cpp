#include "cli/app.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <thread>

#include "check/check.hpp"
#include "cli/batch.hpp"
#include "cli/companion.hpp"
#include "cli/env.hpp"
#include "cli/extract.hpp"
#include "cli/fonts_cmd.hpp"
#include "cli/init.hpp"
#include "cli/metadata.hpp"
#include "cli/safe_write.hpp"
#include "cli/verify.hpp"
#include "core/toml_util.hpp"

#ifndef NIANBAO_VERSION
#define NIANBAO_VERSION "0.1.0"
#endif

namespace fs = std::filesystem;

namespace nb::cli {

namespace {

const char* const kUsage =
    "nianbao — 政府信息公开工作年度报告排版程序\n"
    "用法：\n"
    "  nianbao build [输入.toml …] [-o 文件夹] [-j N] [--previous 上年.toml] [--attach] [--pdfa1b] [--no-cache] [-q]\n"
    "                               生成 PDF（默认把 input/*.toml 生成到 out/）\n"
    "  nianbao check 输入.toml … [--previous 上年.toml]   只做全部检查，不生成 PDF\n"
    "  nianbao init [--format 2019|2021] [--year 年度] [--organ 机关名称] [--with 可选项目] [--from 上年.toml] [文件]\n"
    "                               生成一份填写模板\n"
    "  nianbao fonts [输入.toml]    各字体角色用的字体文件；给出输入时列出回退字和缺字\n"
    "  nianbao serve [--port 8080] [--bind 127.0.0.1] [--host 主机名] [--data 文件夹]\n"
    "                               启动网页编辑器：在浏览器中填写、检查、预览和下载年报\n"
    "  nianbao extract 报告.pdf … [-o 文件夹] [--json]\n"
    "                               取出 build --attach 附在 PDF 中的输入文件（和各表数字）\n"
    "  nianbao verify 报告.pdf … [-j N] [-q] [--diagnostics json]\n"
    "                               备案机关核验 PDF：格式、字体；附带输入时重新检查并重新生成比对\n"
    "  nianbao sum 输入… --organ 机关名称 [-o 汇总] [--include-invalid]\n"
    "                               汇总各单位同一年度的报告：汇总.csv、汇总.xlsx 和合计数字的汇总.toml\n"
    "  nianbao layouts              已有的年报格式\n"
    "  nianbao --version            版本\n"
    "每个命令都可加 --help 查看说明。\n"
    "退出码：0 成功（可有警告），1 输入有误，2 用法错误，3 环境错误（字体缺失、无法写出）。\n";

const char* const kBuildHelp =
    "用法：nianbao build [输入.toml …] [选项]\n"
    "把每个输入文件排版为同名的 PDF/A-2a 文件；不给输入时处理 input/ 中的全部 .toml 文件。\n"
    "  -o 文件夹               输出到此文件夹（默认 out）\n"
    "  -j N                    同时处理 N 份（默认为处理器核数）\n"
    "  --previous 上年.toml    与上年报告核对衔接（只能有一个输入文件）\n"
    "  --html                  生成网页（同名 .html：独立的 HTML5 页面，供政府网站发布）；只给 --html 时不生成 PDF\n"
    "  --html-fragment         生成网页片段（同名 .html，只有正文内容，样式在 nianbao-report.css），\n"
    "                          供粘贴到网站内容管理系统的编辑器\n"
    "  --pdf                   与 --html 同用时也生成 PDF\n"
    "  --attach                把输入的 TOML 和各表数字（JSON）附在 PDF 中，生成 PDF/A-3a 文件，\n"
    "                          供备案机关用 nianbao extract / verify / sum 读取\n"
    "  --pdfa1b                生成 PDF/A-1b 文件（代替 PDF/A-2a；不能与 --attach 同用）\n"
    "  --no-cache              不用也不存字体缓存（裁好的字体程序，默认存于 ~/.cache/nianbao，\n"
    "                          环境变量 NIANBAO_CACHE 可指定别的文件夹，设为 off 则不用）\n"
    "  -q                      安静：只显示错误、警告和失败\n"
    "  --diagnostics json      错误和警告以 JSON 行输出（供网站平台调用）\n"
    "退出码：0 成功（可有警告），1 输入有误，2 用法错误，3 环境错误。\n";

const char* const kExtractHelp =
    "用法：nianbao extract 报告.pdf … [-o 文件夹] [--json]\n"
    "取出 nianbao build --attach 附在 PDF 中的输入文件（TOML，与生成时读取的完全相同），\n"
    "写到 -o 指定的文件夹（默认当前文件夹），文件名为附件的名称；不覆盖内容不同的已有文件。\n"
    "  -o 文件夹               写到此文件夹\n"
    "  --json                  同时取出各表数字（JSON：键、官方表头、数值）\n"
    "退出码：0 成功，1 PDF 没有附件（或已有内容不同的同名文件），2 用法错误，3 PDF 无法读取或无法写出。\n";

const char* const kVerifyHelp =
    "用法：nianbao verify 报告.pdf … [-j N] [-q] [--diagnostics json]\n"
    "核验报送的 PDF：列出其 PDF/A 声明、是否加标签、页数与 A4、字体是否嵌入；PDF 附带输入文件\n"
    "（nianbao build --attach）时，对它重做全部检查（含勾稽关系），并用本机的格式和字体重新生成，\n"
    "与原文件逐字节比对：相同为“一致”，否则指出最先不同之处（页、对象）和可能的原因。\n"
    "  -j N                    同时核验 N 份（默认为处理器核数）\n"
    "  -q                      只列出不一致、未通过和无法核验的文件\n"
    "  --diagnostics json      每份 PDF 的结论以一行 JSON 输出\n"
    "退出码：0 全部一致，1 有文件检查未通过、不一致或无法核验（未附带输入），2 用法错误，3 有文件无法读取。\n";

const char* const kCheckHelp =
    "用法：nianbao check 输入.toml … [选项]\n"
    "做 build 的全部检查（语法、类型、勾稽关系、跨年度、正文与表格、字体缺字），不生成 PDF。\n"
    "  --previous 上年.toml    与上年报告核对衔接（只能有一个输入文件）\n"
    "  -j N, -q, --diagnostics json   同 build\n";

const char* const kInitHelp =
    "用法：nianbao init [--format 2019|2021] [--year 年度] [--organ 机关名称] [--with 可选项目] [--from 上年.toml] [文件]\n"
    "写出一份完整的填写模板：每一项都有官方名称和填写提示，数字为 0，文字为空。\n"
    "默认年度为去年，格式按年度选择，文件为 input/report-年度.toml。不会覆盖已有文件。\n"
    "  --with 键            写出格式中标为可选的项目（如 published_total）\n"
    "  --from 上年.toml      从上年的报告开始：机关、标题、按跨年度勾稽关系衔接的数字、落款等\n"
    "                       已填好，上年的正文作为注释附在每一部分之后\n";

const char* const kFontsHelp =
    "用法：nianbao fonts [输入.toml] [--format 2019|2021]\n"
    "列出每个字体角色用的字体文件、字体序号和版本；给出输入时，再列出正文中用了后备字体\n"
    "的字符和所有字体都没有的字符及其位置（输入须先通过 nianbao check 的检查）。\n";

const char* const kLayoutsHelp = "用法：nianbao layouts\n列出已有的年报格式及其适用年度。\n";

int usage_error(const std::string& msg) {
  std::cerr << "nianbao: " << msg << "\n（nianbao --help 查看用法）\n";
  return 2;
}

struct Args {
  std::string verb;
  std::vector<std::string> inputs;
  std::string out_dir = "out", previous, format, organ;
  std::vector<std::string> with;  // init: optional rows to write
  std::string from;               // init: last year's report
  bool out_dir_given = false;
  int jobs = 0, year = 0;
  bool quiet = false, json = false, pdfa1b = false, attach = false, help = false, no_cache = false;
  bool json_file = false;  // extract --json
  bool want_pdf = false, want_html = false, html_fragment = false;  // build --pdf / --html / --html-fragment
};

// Parses the options of a verb; nullopt after printing a usage error.
std::optional<Args> parse(const std::vector<std::string>& argv) {
  Args a;
  a.verb = argv[0];
  const bool build = a.verb == "build", check = a.verb == "check", init = a.verb == "init",
             fonts = a.verb == "fonts", extract = a.verb == "extract", verify = a.verb == "verify";
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& s = argv[i];
    auto value = [&](const char* what) -> std::optional<std::string> {
      if (i + 1 == argv.size()) { usage_error(s + " 后面须给出" + what); return std::nullopt; }
      return argv[++i];
    };
    auto number = [&](const char* what) -> std::optional<int> {
      auto v = value(what);
      if (!v) return std::nullopt;
      try {
        size_t used = 0;
        int n = std::stoi(*v, &used);
        if (used == v->size() && n > 0) return n;
      } catch (...) {
      }
      usage_error(s + " 后面须是正整数（" + what + "），而不是 " + *v);
      return std::nullopt;
    };
    // Options that take a text: where they are allowed, what the text names, where it goes.
    struct TextOption {
      const char* name;
      bool allowed;
      const char* what;
      std::string* to;
    };
    const TextOption texts[] = {{"-o", build || extract, "输出文件夹", &a.out_dir},
                                {"--previous", build || check, "上年报告的输入文件", &a.previous},
                                {"--format", init || fonts, "格式（如 2021）", &a.format},
                                {"--from", init, "上年报告的输入文件", &a.from},
                                {"--organ", init, "机关名称", &a.organ}};
    const TextOption* text = nullptr;
    for (const auto& t : texts)
      if (s == t.name && t.allowed) text = &t;
    if (text) {
      auto v = value(text->what);
      if (!v) return std::nullopt;
      *text->to = *v;
      a.out_dir_given = a.out_dir_given || s == "-o";
    } else if (s == "--help" || s == "-h") {
      a.help = true;
    } else if (s == "-j" && (build || check || verify)) {
      auto n = number("同时处理的份数");
      if (!n) return std::nullopt;
      a.jobs = *n;
    } else if (s == "--pdfa1b" && build) {
      a.pdfa1b = true;
    } else if (s == "--attach" && build) {
      a.attach = true;
    } else if (s == "--pdf" && build) {
      a.want_pdf = true;
    } else if (s == "--html" && build) {
      a.want_html = true;
    } else if (s == "--html-fragment" && build) {
      a.want_html = a.html_fragment = true;
    } else if (s == "--json" && extract) {
      a.json_file = true;
    } else if (s == "--no-cache" && build) {
      a.no_cache = true;
    } else if (s == "-q" && (build || check || verify)) {
      a.quiet = true;
    } else if (s == "--diagnostics" && (build || check || verify)) {
      auto v = value("输出方式 json 或 text");
      if (!v) return std::nullopt;
      if (*v != "json" && *v != "text") { usage_error("--diagnostics 只能是 json 或 text"); return std::nullopt; }
      a.json = *v == "json";
    } else if (s == "--year" && init) {
      auto n = number("年度");
      if (!n) return std::nullopt;
      a.year = *n;
    } else if (s == "--with" && init) {
      auto v = value("可选项目的键（如 published_total）");
      if (!v) return std::nullopt;
      a.with.push_back(*v);
    } else if (!s.empty() && s[0] == '-') {
      usage_error("nianbao " + a.verb + " 没有选项 " + s);
      return std::nullopt;
    } else {
      a.inputs.push_back(s);
    }
  }
  return a;
}

int layouts_cmd(Env& env) {
  for (const auto& l : env.layouts.all()) {
    std::cout << l.id << "  " << l.name << "（" << l.document << "）  适用于 " << l.first_year << " 年度"
              << (l.last_year >= 9999 ? "起" : "至 " + std::to_string(l.last_year) + " 年度") << "  " << l.path
              << '\n';
  }
  return 0;
}

int init_cmd(Env& env, const Args& a) {
  if (a.inputs.size() > 1) return usage_error("nianbao init 只写一个文件");
  // --from: last year's report, read and its totals computed as for --previous.
  std::optional<input::Report> last;
  std::optional<check::Figures> last_figures;
  if (!a.from.empty()) {
    Diagnostics d;
    if (SourceRef src = read_source(a.from, d)) last = read_report(env, src, d);
    if (last) last_figures = check::derive(*last, d);
    print_diagnostics(d, {want_color(2), false}, std::cerr);
    if (!last_figures) return 1;
  }
  TemplateRequest request{a.year, a.format, a.organ, a.with, last ? &*last : nullptr, last_figures ? &*last_figures : nullptr};
  const Template t = make_template(env.layouts, request);
  if (!t.error.empty()) return usage_error(t.error);
  const int year = t.year;
  const layout::Layout* l = t.layout;
  std::string path = a.inputs.empty()
                         ? (fs::is_directory("input") ? "input/" : "") + std::string("report-") +
                               std::to_string(year) + ".toml"
                         : a.inputs[0];
  std::error_code ec;
  if (fs::exists(path, ec)) {
    std::cerr << path << ": 错误: 文件已存在：nianbao init 不会覆盖已有文件，请换一个文件名或先移走它\n";
    return 2;
  }
  if (auto err = write_atomically(path, t.text)) {
    print_diagnostic(err->diagnostic(), {want_color(2), false}, std::cerr);
    return 3;
  }
  std::cerr << "已写出 " << path << "（" << l->id << " 格式，" << year << " 年度）。填写后运行：nianbao check "
            << path << '\n';
  return 0;
}

int fonts_cmd(Env& env, const Args& a) {
  if (a.inputs.size() > 1) return usage_error("nianbao fonts 只接受一个输入文件");
  DiagnosticStyle style{want_color(2), false};
  try {
    if (a.inputs.empty()) {
      const layout::Layout* l = env.layouts.find(a.format, a.format.empty() ? 9998 : 0);
      if (!l) return usage_error("没有格式 " + a.format + "：nianbao layouts 列出已有的格式");
      return list_fonts(env, *l, nullptr, std::cout);
    }
    Diagnostics d;
    SourceRef src = read_source(a.inputs[0], d);
    std::optional<check::CheckedReport> checked;
    const layout::Layout* layout = nullptr;
    if (auto report = src ? input::read(src, [&](const std::string& id, int y) { return env.layouts.find(id, y); }, d)
                          : std::nullopt) {
      layout = report->layout;
      checked = check::run(std::move(*report), {}, d);
    }
    print_diagnostics(d, style, std::cerr);
    if (!checked) {
      // The format's own fonts still; the report's choices and characters once it passes.
      if (layout) {
        list_fonts(env, *layout, nullptr, std::cout);
        std::cout << "\n" << a.inputs[0] << " 有错误（见上）：改正后再运行，可列出 [fonts] 中的选择、回退字和缺字。\n";
      }
      return 1;
    }
    const compose::Document doc = compose::compose(*checked);
    return list_fonts(env, checked->layout(), &doc, std::cout);
  } catch (const EnvironmentError& e) {
    print_diagnostic(e.diagnostic(), style, std::cerr);
    return 3;
  }
}

int pipeline_cmd(Env& env, const Args& a) {
  const bool build = a.verb == "build";
  std::vector<std::string> inputs = a.inputs;
  if (inputs.empty()) {
    if (!build) return usage_error("nianbao check 须给出输入文件");
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("input", ec))
      if (e.path().extension() == ".toml") inputs.push_back(e.path().string());
    std::sort(inputs.begin(), inputs.end());
    if (inputs.empty()) return usage_error("input/ 中没有 .toml 文件：请给出输入文件，或先用 nianbao init 写一份");
  }
  if (!a.previous.empty() && inputs.size() != 1) return usage_error("使用 --previous 时只能给出一个输入文件（本年报告）");
  if (build && fs::path(a.out_dir).extension() == ".pdf")
    return usage_error("-o 指定的是输出文件夹，不是文件名：PDF 的文件名取自输入文件名（" + a.out_dir + "）");
  if (build && !a.out_dir_given) {  // the default out/ is created when missing
    std::error_code ec;
    fs::create_directories(a.out_dir, ec);
  }
  if (build) {
    try {
      env.epoch = source_date_epoch();
    } catch (const EnvironmentError& e) {
      std::cerr << "nianbao: " << e.message << '\n';
      return 3;
    }
    if (a.pdfa1b && a.attach)
      return usage_error("--attach 与 --pdfa1b 不能同用：PDF/A-1 不允许附带文件（附件须为 PDF/A-3）");
    env.conformance = a.pdfa1b ? pdf::Conformance::A1b : a.attach ? pdf::Conformance::A3a : pdf::Conformance::A2a;
  }
  std::vector<Job> jobs;
  for (const auto& in : inputs) {
    Job j;
    j.input = in;
    j.previous = a.previous;
    const std::string stem = (fs::path(a.out_dir) / fs::path(in).stem()).string();
    if (build && (a.want_pdf || !a.want_html)) j.output = stem + ".pdf";
    if (build && a.want_html) {
      j.html = stem + ".html";
      j.html_fragment = a.html_fragment;
      if (a.html_fragment) j.html_css = (fs::path(a.out_dir) / "nianbao-report.css").string();
    }
    jobs.push_back(std::move(j));
  }
  BatchOptions o;
  o.jobs = a.jobs ? a.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  o.quiet = a.quiet;
  o.terminal = isatty(2);
  // One report: its fonts and pages are prepared on the threads -j allows.
  env.write_threads = jobs.size() == 1 ? static_cast<unsigned>(o.jobs) : 1;
  o.style = {want_color(2) && !a.json, a.json};
  return run_batch(env, jobs, o);
}

int verify_cmd(Env& env, const Args& a) {
  if (a.inputs.empty()) return usage_error("verify 须给出 PDF 文件，如 nianbao verify 收到的/*.pdf");
  try {
    env.epoch = std::nullopt;  // each PDF is rebuilt with its own date
    env.conformance = pdf::Conformance::A3a;
#ifdef NB_PDF_LINKED
    env.writer = linked_pdf_writer(&pdf::write);
#else
    env.writer = load_pdf_module();
#endif
    VerifyOptions o;
    o.jobs = a.jobs ? a.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    o.quiet = a.quiet;
    o.json = a.json;
    o.color = want_color(2) && !a.json;
    o.terminal = isatty(2);
    const int code = verify_files(env, pdf_reader(), a.inputs, o);
    env.writer = {};
    return code;
  } catch (const EnvironmentError& e) {
    print_diagnostic(e.diagnostic(), {want_color(2), a.json}, std::cerr);
    return 3;
  }
}

int extract_cmd(const Args& a) {
  if (a.inputs.empty()) return usage_error("extract 须给出 PDF 文件，如 nianbao extract 报告.pdf");
  std::error_code ec;
  const std::string dir = a.out_dir_given ? a.out_dir : ".";
  if (!fs::is_directory(dir, ec)) return usage_error("-o 指定的文件夹不存在：" + dir);
  try {
    return extract_files(pdf_reader(), a.inputs, dir, a.json_file, want_color(2), std::cerr);
  } catch (const EnvironmentError& e) {
    print_diagnostic(e.diagnostic(), {want_color(2), false}, std::cerr);
    return 3;
  }
}

// The web editor and the summary are programs of their own (nianbao-serve,
// nianbao-sum), so that the HTTP and XLSX libraries load for them only: the
// command is handed over with its arguments.
int companion_cmd(const std::vector<std::string>& args) {
  const std::string program = "nianbao-" + args[0];
  const std::string what = args[0] == "serve" ? "网页编辑器" : "汇总";
  std::string path;
  try {
    path = companion_program(program, what);
  } catch (const EnvironmentError& e) {
    std::cerr << "nianbao: " << e.message << '\n';
    return 3;
  }
  std::vector<std::string> copy = args;
  copy[0] = path;
  std::vector<char*> argv;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::execv(path.c_str(), argv.data());
  std::cerr << "nianbao: 无法启动" << what << "程序 " << path << "（" << std::strerror(errno) << "）：请重新构建 nianbao\n";
  return 3;
}

}  // namespace

Env* kept_env = nullptr;

int run(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (args[0] == "--version") {
    std::cout << "nianbao " << NIANBAO_VERSION << '\n';
    return 0;
  }
  if (args[0] == "serve" || args[0] == "sum") return companion_cmd(args);
  static const std::map<std::string, const char*> kHelp = {{"build", kBuildHelp},   {"check", kCheckHelp},
                                                          {"init", kInitHelp},     {"fonts", kFontsHelp},
                                                          {"layouts", kLayoutsHelp}, {"extract", kExtractHelp},
                                                          {"verify", kVerifyHelp}};
  auto help = kHelp.find(args[0]);
  if (help == kHelp.end()) return usage_error("未知的命令 " + args[0]);
  auto a = parse(args);
  if (!a) return 2;
  if (a->help) {
    std::cout << help->second;
    return 0;
  }
  if (a->verb == "extract") return extract_cmd(*a);
  // Never destroyed: left to process exit (see main.cpp). Held by a global with
  // external linkage, so that leak checkers see it reachable.
  kept_env = new Env;
  Env& env = *kept_env;
  if (!env.load(std::cerr)) return 3;
  if (a->no_cache) env.use_cache("");
  // The PDF module loads while the input is read and set. Not earlier: a thread
  // created while dlopen runs (the layouts' parser) waits for it to finish.
#ifdef NB_PDF_LINKED
  if (a->verb == "build") env.writer = linked_pdf_writer(&pdf::write);
#else
  if (a->verb == "build") env.writer = load_pdf_module();
#endif
  if (a->verb == "layouts") return layouts_cmd(env);
  if (a->verb == "init") return init_cmd(env, *a);
  if (a->verb == "fonts") return fonts_cmd(env, *a);
  if (a->verb == "verify") return verify_cmd(env, *a);
  int code = pipeline_cmd(env, *a);
  // The loading thread joined (the last reference to its result dropped): no thread
  // is left inside dlopen when the process exits, e.g. after an input error.
  env.writer = {};
  return code;
}

}  // namespace nb::cli
