// The command line: verbs over the pipeline input -> check -> compose -> typeset -> pdf.
#pragma once
#include <string>
#include <vector>

namespace nb::cli {

struct Env;
// The environment of the running command, left to the end of the process.
extern Env* kept_env;

// Exit codes: 0 success, 1 input errors, 2 usage errors, 3 environment errors.
int run(const std::vector<std::string>& args);

}  // namespace nb::cli
