// A page's content stream: text as 2-byte codes placed with TJ offsets, rules as
// strokes, all of it marked content of the structure tree or artifacts.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "typeset/page.hpp"

namespace nb::pdf {

// font_names: resource name per face ("F1"); page_height flips y. Each run is
// marked as content of its structure element, a run of the same element after it
// in the same sequence; `mcids` gets the element of each marked-content ID. Runs
// of no element, and the rules, are marked as artifacts.
std::string page_content(const typeset::Page& page, double page_height,
                         const std::map<const font::Face*, std::string>& font_names,
                         const std::vector<typeset::Element>& elements, std::vector<int>& mcids);

}  // namespace nb::pdf
