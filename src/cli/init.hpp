// `nianbao init`: a complete input template for a format — every key present with
// 0 or an empty text, the official label and a hint beside each.
#pragma once
#include <string>
#include <vector>

#include "layout/layout.hpp"

namespace nb::cli {

// Rows the layout marks optional (provincial additions such as published_total)
// are in the template only when named in `with`; otherwise commented out.
std::string init_template(const layout::Layout& layout, int year, const std::string& organ,
                          const std::vector<std::string>& with = {});

// The keys of the optional rows of a layout.
std::vector<std::string> optional_rows(const layout::Layout& layout);

}  // namespace nb::cli
