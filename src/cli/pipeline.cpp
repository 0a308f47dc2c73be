#include "cli/pipeline.hpp"

#include <filesystem>
#include <optional>

#include "check/check.hpp"
#include "cli/metadata.hpp"
#include "cli/safe_write.hpp"
#include "compose/document.hpp"
#include "core/toml_util.hpp"
#include "typeset/page.hpp"

namespace nb::cli {

namespace {

std::optional<input::Report> read_report(Env& env, const std::string& path, Diagnostics& diags) {
  SourceRef src = read_source(path, diags);
  if (!src) return std::nullopt;
  return input::read(
      src, [&](const std::string& id, int year) { return env.layouts.find(id, year); }, diags);
}

}  // namespace

Outcome run_job(Env& env, const Job& job) {
  Outcome o;
  o.label = std::filesystem::path(job.input).stem().string();
  auto report = read_report(env, job.input, o.diags);
  if (!report) { o.code = 1; return o; }
  if (!report->organ.empty()) o.label = report->organ;
  std::optional<input::Report> previous;
  if (!job.previous.empty()) {
    previous = read_report(env, job.previous, o.diags);
    if (!previous || !check::derive(*previous, o.diags)) { o.code = 1; return o; }
  }
  check::Options options;
  options.previous = previous ? &*previous : nullptr;
  if (!check::run(*report, options, o.diags)) { o.code = 1; return o; }
  try {
    compose::Document doc = compose::compose(*report);
    typeset::Result pages = typeset::typeset(doc, *env.fonts, o.diags);
    if (o.diags.has_errors()) { o.code = 1; return o; }
    o.pages = pages.pages.size();
    if (job.output.empty()) return o;
    std::string bytes =
        pdf::write(pages, metadata(*report, env.epoch, env.conformance), {env.write_threads, env.programs.get()});
    o.bytes = bytes.size();
    if (auto err = write_atomically(job.output, bytes)) {
      o.failure = *err;
      o.code = 3;
    }
  } catch (const EnvironmentError& e) {
    o.failure = e.message;
    o.code = 3;
  }
  return o;
}

}  // namespace nb::cli
