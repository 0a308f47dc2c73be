// libFuzzer target: bytes -> the PDF reader of extract, verify and sum (PoDoFo's
// parser in its reader program, the catalog, attachments, XMP, fonts and pages,
// the findings sent back). nianbao must never crash, hang or leak, whatever the
// file; a crash of the reader program is an unreadable file. (Slow: a program
// started per input.) The same bytes as the reader program's answer, too: decode
// must refuse any that is not one whole answer.
#include <cstdint>
#include <string>
#include <string_view>

#include "pdf/read_wire.hpp"
#include "pdf/reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const nb::pdf::ReadPdf pdf = nb::pdf::read(std::string_view(reinterpret_cast<const char*>(data), size), NB_READ_PDF);
  size_t n = pdf.error.size() + pdf.fonts.size() + static_cast<size_t>(pdf.pages);
  for (const auto& a : pdf.attachments) n += a.bytes.size() + a.name.size();
  if (const auto answer = nb::pdf::decode(std::string(reinterpret_cast<const char*>(data), size)))
    if (nb::pdf::encode(*answer).size() != size) __builtin_trap();  // decoded, so it was exactly one answer
  return n == SIZE_MAX ? 1 : 0;
}
