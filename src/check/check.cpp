#include "check/check.hpp"

#include "check/passes.hpp"

namespace nb::check {

std::optional<Figures> derive(const input::Report& report, Diagnostics& diags) {
  Figures f(report);
  if (!detail::derive(f, diags)) return std::nullopt;
  return f;
}

std::optional<CheckedReport> run(input::Report report, const Options& options, Diagnostics& diags) {
  auto input = std::make_unique<const input::Report>(std::move(report));
  auto f = std::make_unique<Figures>(*input);
  Diagnostics local;
  if (!detail::derive(*f, local)) {
    diags.append(local);
    return std::nullopt;
  }
  const Figures* previous = options.previous;
  const int year = input->year;
  if (previous && year && previous->report().year != year - 1) {
    local.error(previous->report().year_loc, "--previous 给出的是 " + std::to_string(previous->report().year) +
                                                 " 年度的报告，本报告为 " + std::to_string(year) + " 年度：请给出 " +
                                                 std::to_string(year - 1) + " 年度的报告");
    previous = nullptr;
  }
  Diagnostics rules;
  detail::check_rules(*f, previous, rules);
  local.append(rules);
  // While the figures break a rule, a difference from the prose may be the table's
  // fault (a mistyped total): R8 then says to correct the table first.
  detail::check_mentions(*f, rules.has_errors(), local);
  if (previous) detail::check_copied(*f, *previous, local);
  diags.append(local);
  if (local.has_errors()) return std::nullopt;
  return CheckedReport(std::move(input), std::move(f));
}

}  // namespace nb::check
