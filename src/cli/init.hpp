// `nianbao init`: a complete input template for a format — every key present with
// 0 or an empty text, the official label and a hint beside each.
#pragma once
#include <string>
#include <vector>

#include "check/check.hpp"
#include "layout/catalog.hpp"
#include "layout/layout.hpp"

namespace nb::cli {

// Last year's report, for a template that follows on from it (init --from): its
// organ, the cells the cross-year rules fix (上年结转 …), its prose as comments.
struct FollowOn {
  const input::Report* last = nullptr;
  std::vector<check::RolledOver> rolled;
};

// Rows the layout marks optional (provincial additions such as published_total)
// are in the template only when named in `with`; otherwise commented out.
std::string init_template(const layout::Layout& layout, int year, const std::string& organ,
                          const std::vector<std::string>& with = {}, const FollowOn& from = {});

// A template as `nianbao init` chooses it: the year (0: the one after last
// year's report, else the calendar's last), the format (empty: the year's), the
// organ (empty: last year's), optional rows, last year's report and its figures.
struct TemplateRequest {
  int year = 0;
  std::string format, organ;
  std::vector<std::string> with;
  const input::Report* last = nullptr;
  const check::Figures* last_figures = nullptr;  // derived from *last
};

struct Template {
  std::string text;
  const layout::Layout* layout = nullptr;
  int year = 0;
  std::string error;  // Chinese, what to change; the rest is empty when set
};

Template make_template(const layout::Catalog& layouts, const TemplateRequest& request);

// The keys of the optional rows of a layout.
std::vector<std::string> optional_rows(const layout::Layout& layout);

}  // namespace nb::cli
