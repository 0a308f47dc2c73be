// The check stage, between input and compose: cells the input left out are computed,
// then every rule of the layout is run on the figures (勾稽关系), across years and
// against the prose, before anything is laid out.
#pragma once
#include "input/report.hpp"

namespace nb::check {

struct Options {
  const input::Report* previous = nullptr;  // last year's report (--previous), already derived
};

// Fills the cells the input left out (derivable totals) from the layout's rules.
// False, with located errors, when a cell cannot be computed.
bool derive(input::Report& report, Diagnostics& diags);

// derive(), then every rule of the layout: table rules, cross-year rules when
// options.previous is set, prose mentions. Every violation is reported, each located
// at the cell most likely mistyped. False when any is an error.
bool run(input::Report& report, const Options& options, Diagnostics& diags);

}  // namespace nb::check
