#include "check/check.hpp"

#include "check/passes.hpp"

namespace nb::check {

bool run(input::Report& report, const Options& options, Diagnostics& diags) {
  Diagnostics local;
  detail::Figures f(report);
  if (!detail::derive(f, local)) {
    diags.append(local);
    return false;
  }
  const input::Report* previous = options.previous;
  if (previous && report.year && previous->year != report.year - 1) {
    local.error(previous->year_loc, "--previous 给出的是 " + std::to_string(previous->year) + " 年度的报告，本报告为 " +
                                        std::to_string(report.year) + " 年度：请给出 " +
                                        std::to_string(report.year - 1) + " 年度的报告");
    previous = nullptr;
  }
  Diagnostics rules;
  detail::check_rules(f, previous, rules);
  local.append(rules);
  // While the figures break a rule, a difference from the prose may be the table's
  // fault (a mistyped total): R8 then says to correct the table first.
  detail::check_mentions(f, report, rules.has_errors(), local);
  diags.append(local);
  return !local.has_errors();
}

}  // namespace nb::check
