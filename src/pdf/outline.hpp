// The document outline (bookmarks): the section headings and their sub-headings,
// every item open, /Count set on the root and on each item with children, each
// item opening its page at the heading ([page /XYZ 0 top null]).
#pragma once
#include <vector>

#include <podofo/podofo.h>

#include "typeset/page.hpp"

namespace nb::pdf {

// Returns the /Outlines dictionary, or nullptr when there are no bookmarks.
PoDoFo::PdfObject* make_outline(PoDoFo::PdfVecObjects& objs, const std::vector<PoDoFo::PdfObject*>& pages,
                                const std::vector<typeset::Bookmark>& marks, double page_height);

}  // namespace nb::pdf
