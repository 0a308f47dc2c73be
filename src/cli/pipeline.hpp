// One report through the pipeline: read, check, compose, typeset, and (for build)
// write the PDF. Safe to run for several reports at once on one Env.
#pragma once
#include <string>

#include "cli/env.hpp"
#include "core/source.hpp"

namespace nb::cli {

struct Job {
  std::string input;
  std::string output;    // empty: check only
  std::string previous;  // last year's report, or empty
};

struct Outcome {
  int code = 0;            // 0, 1 (input errors) or 3 (environment)
  Diagnostics diags;       // located messages, in order
  std::string failure;     // an environment error's message
  std::string label;       // the organ, or the file name when unreadable
  size_t pages = 0, bytes = 0;
};

Outcome run_job(Env& env, const Job& job);

}  // namespace nb::cli
