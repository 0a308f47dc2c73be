// The file's bytes from PoDoFo's objects, compactly (PDF 1.5 and later): every
// object that is not a stream packed into compressed object streams, and a
// cross-reference stream holding the trailer (ISO 32000-1 §7.5.7, §7.5.8; allowed
// in PDF/A-2). PoDoFo 0.9.8 writes neither (its xref stream has a wrong size, see
// ../shared/reference/engine.md); a tagged report has one object per table cell,
// and written one by one with a classic xref they made the sample 18 % larger.
#pragma once
#include <string>

namespace PoDoFo {
class PdfMemDocument;
}

namespace nb::pdf {

// The whole file; its /ID is zeros, to be set from the bytes (set_file_id).
std::string write_compact(PoDoFo::PdfMemDocument& doc);

}  // namespace nb::pdf
