// A page's content stream: text as 2-byte codes placed with TJ offsets, rules as strokes.
#pragma once
#include <map>
#include <string>

#include "typeset/page.hpp"

namespace nb::pdf {

// font_names: resource name per face ("F1"); page_height flips y.
std::string page_content(const typeset::Page& page, double page_height,
                         const std::map<const font::Face*, std::string>& font_names);

}  // namespace nb::pdf
