// The document's metadata in every place a PDF keeps it (Info, XMP with the PDF/A
// claim, /Lang, DisplayDocTitle) and the trailer's /ID.
#pragma once
#include <string>

#include <podofo/podofo.h>

#include "pdf/writer.hpp"

namespace nb::pdf {

// The Info dictionary, the catalog's /Lang, /ViewerPreferences and /Metadata (an
// uncompressed XMP stream, created now). Text XML cannot hold is left out of both.
void set_metadata(PoDoFo::PdfMemDocument& doc, Metadata meta);

// The trailer's /ID: both strings set to the first 128 bits of the SHA-256 of the
// file's bytes (taken with the ID's digits zeroed), so that the ID follows the
// content, not the clock. Patched in place: same length, no offset moves. Throws
// EnvironmentError if the file has no /ID of PoDoFo's form.
void set_file_id(std::string& pdf);

// A PDF text string of UTF-8 text (PDFDocEncoding or UTF-16BE, as PoDoFo chooses).
PoDoFo::PdfString text_string(const std::string& utf8);
// A date as PDF dates are written: D:20210131000000+08'00'.
std::string pdf_date(const DateTime& d);

}  // namespace nb::pdf
