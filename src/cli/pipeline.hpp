// One report through the pipeline: read, check, compose, typeset, and (for build)
// write the PDF. Safe to run for several reports at once on one Env.
#pragma once
#include <optional>
#include <string>

#include "cli/env.hpp"
#include "core/source.hpp"
#include "check/check.hpp"

namespace nb::cli {

struct Job {
  std::string input;
  std::string output;    // the PDF; empty: none
  std::string previous;  // last year's report, or empty
  std::string html;      // the HTML page (or fragment); empty: none
  bool html_fragment = false;  // html holds the fragment; its CSS goes to html_css
  std::string html_css;
};

// The HTML a run makes besides (or instead of) the PDF.
struct HtmlRequest {
  std::string* bytes = nullptr;  // null: none
  bool fragment = false;
};

struct Outcome {
  int code = 0;                        // 0, 1 (input errors) or 3 (environment)
  Diagnostics diags;                   // located messages, in order
  std::optional<Diagnostic> failure;   // an environment error
  size_t pages = 0, bytes = 0;
};

Outcome run_job(Env& env, const Job& job);

// A report's text read with the environment's layouts (input errors to `diags`).
std::optional<input::Report> read_report(Env& env, const SourceRef& src, Diagnostics& diags);

// The pipeline on a report's text already in memory: read, check against `previous`
// (last year's figures, or null), compose, typeset and, when `pdf` is not null,
// the PDF's bytes. Fills o's code, diagnostics, failure and pages. What run_job and
// the fuzz target share. `date`, when given, is the PDF's date instead of the
// environment's (verify rebuilds with the date of the file it verifies), and
// `source_name` the name an attached input gets instead of the file name of src.
void run_source(Env& env, const SourceRef& src, const check::Figures* previous, Outcome& o, std::string* pdf,
                const std::optional<pdf::DateTime>& date = std::nullopt, const std::string& source_name = "",
                const HtmlRequest& html = {});

}  // namespace nb::cli
