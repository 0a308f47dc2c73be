// The check stage, between input and compose: the cells the input left out are
// computed, then every rule of the layout is run on the figures (勾稽关系), across
// years and against the prose, before anything is laid out. Only check::run makes
// the CheckedReport that compose takes.
#pragma once
#include <memory>
#include <optional>

#include "check/figures.hpp"

namespace nb::check {

struct Options {
  const Figures* previous = nullptr;  // last year's figures (--previous)
};

class CheckedReport;

// derive(), then every rule of the layout: table rules, cross-year rules when
// options.previous is set, prose mentions. Every violation is reported, each located
// at the cell most likely mistyped. Nullopt when any is an error.
std::optional<CheckedReport> run(input::Report report, const Options& options, Diagnostics& diags);

// A report that passed every check (warnings allowed), with its figures complete.
// Its report and figures keep their addresses when it is moved: what is composed
// of it may point into them (and must not outlive it).
class CheckedReport {
 public:
  const input::Report& input() const { return *input_; }
  const layout::Layout& layout() const { return *input_->layout; }
  const Figures& figures() const { return *figures_; }

 private:
  friend std::optional<CheckedReport> run(input::Report, const Options&, Diagnostics&);
  CheckedReport(std::unique_ptr<const input::Report> input, std::unique_ptr<const Figures> figures)
      : input_(std::move(input)), figures_(std::move(figures)) {}
  std::unique_ptr<const input::Report> input_;
  std::unique_ptr<const Figures> figures_;  // refers to *input_
};

// Last year's report (--previous): its figures with the derivable cells computed,
// no rule run. Nullopt, with located errors, when a cell cannot be computed.
// `report` must outlive the result.
std::optional<Figures> derive(const input::Report& report, Diagnostics& diags);

// A cell of next year's report that a cross-year rule fixes from this year's
// figures when next year's own figures are still 0 (a new template): 二、上年结转
// from 四、结转下年度继续办理 (R6), 现行有效件数 from last year's (R7).
struct RolledOver {
  std::string table, field;  // ids of next year's layout
  int column = 0;
  int64_t value = 0;
  std::string rule;  // R6 …
};
std::vector<RolledOver> roll_over(const layout::Layout& next, const Figures& last);

}  // namespace nb::check
