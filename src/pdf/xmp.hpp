// The XMP metadata packet of the catalog: the PDF/A claim (pdfaid) and the same
// title, author, subject, keywords, tools and dates as the Info dictionary.
#pragma once
#include <string>

#include "pdf/writer.hpp"

namespace nb::pdf {

// UTF-8 text without the characters XML 1.0 cannot hold (controls other than
// tab and line breaks, U+FFFE/U+FFFF) and without malformed bytes.
std::string xml_safe(const std::string& s);

// Expects text already passed through xml_safe.
std::string xmp_packet(const Metadata& meta);

}  // namespace nb::pdf
