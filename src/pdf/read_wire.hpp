// The wire format between pdf::read and its reader program (nianbao-read-pdf):
// what the program read of a PDF, as length-prefixed fields on its stdout.
#pragma once
#include <optional>
#include <string>

#include "pdf/reader.hpp"

namespace nb::pdf {

std::string encode(const ReadPdf& r);

// nullopt when the bytes are not exactly one encoded ReadPdf (a reader cut short).
std::optional<ReadPdf> decode(const std::string& s);

}  // namespace nb::pdf
