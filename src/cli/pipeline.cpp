#include "cli/pipeline.hpp"

#include <filesystem>
#include <optional>

#include "check/check.hpp"
#include "cli/metadata.hpp"
#include "cli/safe_write.hpp"
#include "compose/document.hpp"
#include "core/toml_util.hpp"
#include "data/figures_json.hpp"
#include "html/html.hpp"
#include "typeset/typeset.hpp"

namespace nb::cli {

std::optional<input::Report> read_report(Env& env, const SourceRef& src, Diagnostics& diags) {
  return input::read(
      src, [&](const std::string& id, int year) { return env.layouts.find(id, year); }, diags);
}

namespace {

namespace fs = std::filesystem;

// What `build --attach` carries in the PDF: the input exactly as read (its
// Source) and the figures of its tables as JSON (its Data).
std::vector<pdf::Attachment> attachments(const SourceFile& src, const std::string& source_name,
                                        const compose::Document& doc) {
  const fs::path as = source_name.empty() ? fs::path(src.path) : fs::path(source_name);
  const std::string name = as.filename().string();
  const std::string stem = as.stem().string();
  return {{name.empty() ? "report.toml" : name, "application/toml", "Source",
           "本报告的输入文件（nianbao build 读取的 TOML）", src.text},
          {(stem.empty() ? "report" : stem) + ".figures.json", "application/json", "Data",
           "本报告各表的数字（JSON：键、官方表头、数值）", data::figures_json(doc)}};
}

}  // namespace

void run_source(Env& env, const SourceRef& src, const check::Figures* previous, Outcome& o, std::string* pdf,
                const std::optional<pdf::DateTime>& date, const std::string& source_name, const HtmlRequest& html) {
  auto report = read_report(env, src, o.diags);
  if (!report) { o.code = 1; return; }
  check::Options options;
  options.previous = previous;
  auto checked = check::run(std::move(*report), options, o.diags);
  if (!checked) { o.code = 1; return; }
  try {
    compose::Document doc = compose::compose(*checked);
    typeset::Result pages = typeset::typeset(doc, *env.fonts, o.diags);
    if (o.diags.has_errors()) { o.code = 1; return; }
    o.pages = pages.pages.size();
    if (html.bytes)
      *html.bytes = html.fragment ? html::fragment(doc) : html::page(doc, metadata(doc.about, std::nullopt, env.conformance).creator);
    if (!pdf) return;
    if (!env.writer.valid()) throw EnvironmentError{"内部错误：PDF 模块未加载"};
    pdf::Metadata meta = metadata(doc.about, date ? date : env.epoch, env.conformance);
    if (env.conformance == pdf::Conformance::A3a) meta.attachments = attachments(*src, source_name, doc);
    *pdf = env.writer.get()(pages, meta, {env.write_threads, env.programs.get()});
    o.bytes = pdf->size();
  } catch (const EnvironmentError& e) {
    o.failure = e.diagnostic();
    o.code = 3;
  }
}

Outcome run_job(Env& env, const Job& job) {
  Outcome o;
  SourceRef src = read_source(job.input, o.diags);
  if (!src) { o.code = 1; return o; }
  std::optional<input::Report> previous;
  std::optional<check::Figures> previous_figures;
  if (!job.previous.empty()) {
    SourceRef psrc = read_source(job.previous, o.diags);
    if (psrc) previous = read_report(env, psrc, o.diags);
    if (previous) previous_figures = check::derive(*previous, o.diags);
    if (!previous_figures) { o.code = 1; return o; }
  }
  std::string bytes, page;
  run_source(env, src, previous_figures ? &*previous_figures : nullptr, o, job.output.empty() ? nullptr : &bytes,
             std::nullopt, "", {job.html.empty() ? nullptr : &page, job.html_fragment});
  if (o.code != 0) return o;
  std::vector<std::pair<std::string, std::string>> files;
  if (!job.output.empty()) files.emplace_back(job.output, std::move(bytes));
  if (!job.html.empty()) files.emplace_back(job.html, std::move(page));
  if (job.html_fragment && !job.html_css.empty()) files.emplace_back(job.html_css, html::stylesheet());
  for (const auto& [path, content] : files)
    if (auto err = write_atomically(path, content)) {
      o.failure = err->diagnostic();
      o.code = 3;
      return o;
    }
  return o;
}

}  // namespace nb::cli
