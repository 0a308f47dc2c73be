// Many reports at once: in parallel on shared fonts, one failure never stopping
// the others, with a progress line on a terminal (a line per report otherwise)
// and a final summary.
#pragma once
#include <vector>

#include "cli/diagnostics_out.hpp"
#include "cli/pipeline.hpp"

namespace nb::cli {

struct BatchOptions {
  int jobs = 1;
  bool quiet = false;     // only diagnostics and failures
  bool terminal = false;  // stderr is a terminal: one progress line, redrawn
  DiagnosticStyle style;
};

// Returns the worst exit code of all jobs (0, 1 or 3).
int run_batch(Env& env, const std::vector<Job>& jobs, const BatchOptions& options);

}  // namespace nb::cli
