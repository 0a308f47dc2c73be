// The command line: verbs over the pipeline input -> check -> compose -> typeset -> pdf.
#pragma once
#include <string>
#include <vector>

namespace nb::cli {

// Exit codes: 0 success, 1 input errors, 2 usage errors, 3 environment errors.
int run(const std::vector<std::string>& args);

}  // namespace nb::cli
