// Page breaks chosen over the whole document (total fit, as Knuth–Plass chooses
// line breaks over a paragraph): the pages whose costs sum to the least.
#pragma once
#include <cstddef>
#include <functional>
#include <vector>

namespace nb::typeset {

// A page that may end before unit `end` (units are lines and table rows, in order).
struct PageEnd {
  size_t end = 0;
  double cost = 0;
};

// pages_from(s, ends) fills `ends` with the ends a page starting at unit s may
// have (at least one, each after s). Returns where each page starts, the first
// at 0; empty when n == 0. Of pages of equal cost, the earlier ones fuller.
std::vector<size_t> total_fit(size_t n, const std::function<void(size_t, std::vector<PageEnd>&)>& pages_from);

}  // namespace nb::typeset
