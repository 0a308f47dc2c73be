// nianbao sum: a region's summary of its agencies' reports of one year and
// format — every figure cell summed — as 汇总.csv and 汇总.xlsx (a row per report
// and a 合计 row) and 汇总.toml, an input of the summed tables that `check` passes
// and `build` turns into the region's tables. Its own program (nianbao-sum, which
// `nianbao sum` runs) so that libxlsxwriter and what it links load for it only.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "cli/env.hpp"
#include "pdf/reader.hpp"

namespace nb::sum {

struct Options {
  std::string out;      // path prefix: OUT.csv, OUT.xlsx, OUT.toml
  std::string organ;    // the summary's organ (--organ)
  bool include_invalid = false;
  bool color = false;
};

// A table of the summary: a header row, a row per report, the 合计 row.
struct Sheet {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // text cells: file, organ, then figures as plain numbers
};

// Exit code: 0 written; 1 an input error (files of different formats or years,
// one organ twice, a report left out for failing the checks, none to sum); 3 a
// file that cannot be read or written. Nothing is written unless every input was read.
int sum_reports(cli::Env& env, const std::vector<std::string>& inputs, const Options& options, std::ostream& err);

// The sheet as an .xlsx workbook (libxlsxwriter): the header frozen, figures as
// numbers; written atomically; the same bytes for the same sheet. "" or the error.
std::string write_xlsx(const std::string& path, const Sheet& sheet, const std::string& title);

}  // namespace nb::sum
