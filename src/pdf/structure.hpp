// The structure tree of a tagged PDF (ISO 32000-1 §14.7–14.8, PDF/UA-1): the
// typesetter's elements as StructElem dictionaries with their kids in the order
// their content is read, the parent tree mapping each page's marked content back
// to its element, and the IDs that table cells' Headers attributes name.
#pragma once
#include <vector>

#include "typeset/page.hpp"

namespace PoDoFo {
class PdfObject;
class PdfVecObjects;
}  // namespace PoDoFo

namespace nb::pdf {

// The standard structure type of a tag: "H1", "TD", …
const char* tag_name(typeset::Tag t);

// mcids[p]: the element of each marked-content ID of page p (page_content's).
// Elements whose content is nowhere (and that contain none) are left out. Sets
// /StructParents on each page; returns the StructTreeRoot.
PoDoFo::PdfObject* make_structure(PoDoFo::PdfVecObjects& objs, const std::vector<typeset::Element>& elements,
                                  const std::vector<std::vector<int>>& mcids,
                                  const std::vector<PoDoFo::PdfObject*>& pages);

}  // namespace nb::pdf
