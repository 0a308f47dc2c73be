// `nianbao init`: a complete input template for a format — every key present with
// 0 or an empty text, the official label and a hint beside each.
#pragma once
#include <string>

#include "layout/layout.hpp"

namespace nb::cli {

std::string init_template(const layout::Layout& layout, int year, const std::string& organ);

}  // namespace nb::cli
