// The document outline (bookmarks): the section headings and their sub-headings,
// every item open, /Count set on the root and on each item with children, each
// item opening its page at the heading ([page /XYZ 0 top null]).
#pragma once
#include <optional>
#include <vector>

#include "pdf/objects.hpp"
#include "typeset/page.hpp"

namespace nb::pdf {

// Returns the /Outlines dictionary, or nothing when there are no bookmarks.
std::optional<Ref> make_outline(File& file, const std::vector<Ref>& pages, const std::vector<typeset::Bookmark>& marks,
                                double page_height);

}  // namespace nb::pdf
