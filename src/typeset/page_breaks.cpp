#include "typeset/page_breaks.hpp"

#include <limits>

namespace nb::typeset {

std::vector<size_t> total_fit(size_t n, const std::function<void(size_t, std::vector<PageEnd>&)>& pages_from) {
  if (n == 0) return {};
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> best(n + 1, inf);  // least cost of the pages before unit i, a page starting at i
  std::vector<size_t> from(n + 1, 0);
  std::vector<PageEnd> ends;
  best[0] = 0;
  for (size_t s = 0; s < n; ++s) {
    if (best[s] == inf) continue;  // no page can start here
    pages_from(s, ends);
    for (const PageEnd& e : ends)
      if (best[s] + e.cost <= best[e.end]) {  // later starts win ties: earlier pages fuller
        best[e.end] = best[s] + e.cost;
        from[e.end] = s;
      }
  }
  std::vector<size_t> starts;
  for (size_t i = n; i > 0; i = from[i]) starts.push_back(from[i]);
  return {starts.rbegin(), starts.rend()};
}

}  // namespace nb::typeset
