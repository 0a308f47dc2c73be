// nianbao verify: a filing office's check of the PDFs it receives. Each PDF's
// claims (PDF/A part and level, tagging, fonts embedded and subset, pages, A4);
// with the input `build --attach` put in it, every check run again on that input
// and the PDF built again with this machine's layouts and fonts, compared byte for
// byte: "一致", or where the two first differ and the likely cause.
#pragma once
#include <string>
#include <vector>

#include "cli/env.hpp"
#include "pdf/reader.hpp"

namespace nb::cli {

struct VerifyOptions {
  int jobs = 1;
  bool quiet = false, json = false, color = false, terminal = false;
};

// Exit code: 0 every PDF verified (一致), 1 one failed a check, differs or could
// not be verified (no input attached), 3 one could not be read.
int verify_files(Env& env, const std::string& reader, const std::vector<std::string>& pdfs, const VerifyOptions& options);

}  // namespace nb::cli
