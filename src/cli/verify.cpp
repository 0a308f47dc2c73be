#include "cli/verify.hpp"

#include <algorithm>
#include <atomic>
#include <iostream>
#include <map>
#include <set>

#include "cli/diagnostics_out.hpp"
#include "cli/extract.hpp"
#include "cli/metadata.hpp"
#include "cli/pipeline.hpp"
#include "core/json.hpp"
#include "core/parallel.hpp"

namespace nb::cli {

namespace {

enum class Verdict { Same, Failed, Differs, Unverified, Unreadable };

const char* verdict_text(Verdict v) {
  switch (v) {
    case Verdict::Same: return "一致";
    case Verdict::Failed: return "检查未通过";
    case Verdict::Differs: return "不一致";
    case Verdict::Unverified: return "无法核验";
    case Verdict::Unreadable: return "无法读取";
  }
  return "";
}

int exit_code(Verdict v) { return v == Verdict::Same ? 0 : v == Verdict::Unreadable ? 3 : 1; }

struct Result {
  Verdict verdict = Verdict::Unreadable;
  std::vector<std::string> facts;  // what the PDF claims and holds
  std::string finding;             // what the verification found
  Diagnostics diags;               // the attached input's messages
  json::Object json = json::Object::object();
};

std::string font_name(const std::string& base) {
  return base.size() > 7 && base[6] == '+' ? base.substr(7) : base;
}

// What the file says of itself: one line for the format, one for the fonts.
void describe(const pdf::ReadPdf& p, Result& r) {
  const std::string claim = p.pdfa_part ? "PDF/A-" + std::to_string(p.pdfa_part) + p.pdfa_conformance : "未声明 PDF/A";
  const size_t embedded = std::count_if(p.fonts.begin(), p.fonts.end(), [](const auto& f) { return f.embedded; });
  const size_t subset = std::count_if(p.fonts.begin(), p.fonts.end(), [](const auto& f) { return f.subset; });
  r.facts.push_back(claim + "，" + (p.tagged ? "已加标签" : "未加标签") + "，" + std::to_string(p.pages) + " 页" +
                    (p.a4_pages == p.pages ? "，均为 A4" : "，其中 " + std::to_string(p.a4_pages) + " 页为 A4"));
  std::string fonts = "字体 " + std::to_string(p.fonts.size()) + " 种";
  if (!p.fonts.empty()) {
    fonts += embedded == p.fonts.size() ? "，均已嵌入" : "，" + std::to_string(p.fonts.size() - embedded) + " 种未嵌入";
    fonts += subset == p.fonts.size() ? "（子集）" : "";
  }
  r.facts.push_back(fonts);
  if (p.pdfa_part && !p.output_intent)
    r.facts.push_back("声明了 PDF/A，却没有 PDF/A 的色彩配置（OutputIntent 及其 ICC 文件）：这一声明不成立");
  json::Object names = json::Object::array();
  for (const auto& f : p.fonts) names.push_back(f.name);
  r.json["pdfa"] = p.pdfa_part ? json::Object(std::to_string(p.pdfa_part) + p.pdfa_conformance) : json::Object(nullptr);
  r.json["output_intent"] = p.output_intent;
  r.json["tagged"] = p.tagged;
  r.json["pages"] = p.pages;
  r.json["a4_pages"] = p.a4_pages;
  r.json["fonts"] = std::move(names);
  r.json["fonts_embedded"] = embedded;
  r.json["fonts_subset"] = subset;
}

// Where two PDFs of one input first differ, and why that is likely.
std::string difference(const pdf::ReadPdf& a, const pdf::ReadPdf& b, const std::string& a_bytes,
                       const std::string& b_bytes, const std::string& layout) {
  std::string where;
  const size_t pages = std::min(a.page_list.size(), b.page_list.size());
  for (size_t i = 0; i < pages && where.empty(); ++i)
    if (a.page_list[i].content != b.page_list[i].content || a.page_list[i].content.empty())
      where = "第 " + std::to_string(i + 1) + " 页（对象 " + std::to_string(a.page_list[i].object) + "）的内容不同";
  if (where.empty() && a.pages != b.pages)
    where = "页数不同（此文件 " + std::to_string(a.pages) + " 页，重新生成 " + std::to_string(b.pages) + " 页）";
  std::set<std::string> fa, fb;
  std::map<std::string, std::string> pa, pb;
  for (const auto& f : a.fonts) { fa.insert(font_name(f.name)); pa[font_name(f.name)] = f.program; }
  for (const auto& f : b.fonts) { fb.insert(font_name(f.name)); pb[font_name(f.name)] = f.program; }
  if (where.empty()) {
    for (const auto& [name, program] : pa)
      if (pb.count(name) && pb[name] != program) { where = "字体 " + name + " 的字形程序不同"; break; }
  }
  if (where.empty()) {
    size_t at = 0;
    while (at < a_bytes.size() && at < b_bytes.size() && a_bytes[at] == b_bytes[at]) ++at;
    where = "页面和字体相同，其他部分（元数据、结构树、书签或附件）不同，自第 " + std::to_string(at) + " 字节起";
  }
  std::string cause;
  if (a.producer != b.producer) {
    cause = "生成程序的版本不同（此文件：" + a.producer + "；本机：" + b.producer + "）";
  } else if (fa != fb) {
    std::string only;
    for (const auto& f : fa)
      if (!fb.count(f)) only += (only.empty() ? "" : "、") + f;
    cause = "所用字体不同（此文件有而本机重新生成时没有：" + (only.empty() ? std::string("—") : only) + "）";
  } else {
    for (const auto& [name, program] : pa)
      if (pb[name] != program) { cause = "字体 " + name + " 的版本不同（本机的字体文件与生成时不同），或此文件生成后被改动过"; break; }
  }
  if (cause.empty())
    cause = where.rfind("第 ", 0) == 0 || where.rfind("页数", 0) == 0
                ? "字体和程序版本相同：可能是格式文件 " + layout + " 与生成时不同，或此文件生成后被改动过"
                : "此文件生成后可能被改动过（或由其他程序另存）";
  return where + "；可能的原因：" + cause;
}

Result verify_one(Env& env, const std::string& reader, const std::string& path) {
  Result r;
  r.json["file"] = path;
  std::string bytes;
  const pdf::ReadPdf p = read_pdf_file(reader, path, &bytes);
  if (!p.error.empty()) {
    r.verdict = Verdict::Unreadable;
    r.finding = p.error;
    return r;
  }
  describe(p, r);
  const AttachedSource source = attached_source(p);
  if (!source.file) {
    r.verdict = Verdict::Unverified;
    r.finding = source.fault == AttachedSource::Fault::Absent
                    ? source.message + "：只核对了上述格式信息，数字的勾稽关系和排版无法核验（请报送单位用 nianbao build --attach 生成）"
                    : "数字和排版无法核验，因为" + source.message + "；请向报送单位重新索取";
    return r;
  }
  const pdf::ReadAttachment* a = source.file;
  r.json["source"] = a->name;
  auto src = std::make_shared<SourceFile>(SourceFile{path + " 中的 " + a->name, a->bytes});
  Outcome o;
  std::string rebuilt;
  run_source(env, src, nullptr, o, &rebuilt, parse_pdf_date(a->mod_date), a->name);
  r.diags = std::move(o.diags);
  if (o.code == 3) {
    r.verdict = Verdict::Unreadable;
    r.finding = "无法重新生成：" + (o.failure ? o.failure->message : std::string("环境错误"));
    return r;
  }
  if (o.code != 0) {
    r.verdict = Verdict::Failed;
    r.finding = "附带的 " + a->name + " 检查未通过：" + std::to_string(r.diags.errors()) + " 个错误（见上）";
    return r;
  }
  if (bytes == rebuilt) {
    r.verdict = Verdict::Same;
    r.finding = "附带的 " + a->name + " 检查通过，用它重新生成的 PDF 与此文件逐字节相同";
    return r;
  }
  Diagnostics scratch;
  const auto report = read_report(env, src, scratch);
  r.verdict = Verdict::Differs;
  r.finding = "附带的 " + a->name + " 检查通过，但用它重新生成的 PDF 与此文件不同：" +
              difference(p, pdf::read(rebuilt, reader), bytes, rebuilt, report ? report->layout->path : "（layouts/）");
  return r;
}

}  // namespace

int verify_files(Env& env, const std::string& reader, const std::vector<std::string>& pdfs, const VerifyOptions& options) {
  std::vector<Result> results(pdfs.size());
  std::atomic<size_t> done{0};
  run_parallel(pdfs.size(), static_cast<unsigned>(std::max(1, options.jobs)), [&](size_t i) {
    results[i] = verify_one(env, reader, pdfs[i]);
    const size_t n = ++done;
    if (options.terminal && !options.quiet && !options.json && pdfs.size() > 1)
      std::cerr << "\r核验中 " << n << "/" << pdfs.size() << std::flush;
  });
  if (options.terminal && !options.quiet && !options.json && pdfs.size() > 1) std::cerr << "\r\033[K";
  const DiagnosticStyle style{options.color, options.json};
  std::map<Verdict, size_t> counts;
  int code = 0;
  for (size_t i = 0; i < pdfs.size(); ++i) {
    Result& r = results[i];
    ++counts[r.verdict];
    code = std::max(code, exit_code(r.verdict));
    std::cout.flush();  // a file's messages after the verdicts before it
    print_diagnostics(r.diags, style, std::cerr);
    if (options.json) {
      r.json["verdict"] = verdict_text(r.verdict);
      r.json["code"] = exit_code(r.verdict);
      r.json["finding"] = r.finding;
      std::cout << json::dump(r.json) << '\n';
      continue;
    }
    if (options.quiet && r.verdict == Verdict::Same) continue;
    std::cout << pdfs[i] << "：" << verdict_text(r.verdict) << '\n';
    for (const auto& f : r.facts) std::cout << "  " << f << '\n';
    std::cout << "  " << r.finding << '\n';
  }
  if (!options.json && pdfs.size() > 1) {
    std::cerr << "共 " << pdfs.size() << " 份：";
    bool first = true;
    for (Verdict v : {Verdict::Same, Verdict::Differs, Verdict::Failed, Verdict::Unverified, Verdict::Unreadable})
      if (counts[v]) {
        std::cerr << (first ? "" : "，") << counts[v] << " 份" << verdict_text(v);
        first = false;
      }
    std::cerr << "。\n";
  }
  return code;
}

}  // namespace nb::cli
