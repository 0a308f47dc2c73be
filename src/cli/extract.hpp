// nianbao extract: the files `build --attach` put in a PDF, written out again —
// the input TOML byte for byte, and with --json the figures.
#pragma once
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "pdf/reader.hpp"

namespace nb::cli {

// A PDF file read by the reader program (pdf::read); `error` set (Chinese) when the file
// cannot be read at all (missing, too large, not a PDF, broken, encrypted). Its
// bytes to `bytes` when not null.
pdf::ReadPdf read_pdf_file(const std::string& reader, const std::string& path, std::string* bytes = nullptr);

// The attachment of a relationship (Source, Data) with a name ending in `suffix`,
// or null.
const pdf::ReadAttachment* attachment(const pdf::ReadPdf& pdf, const std::string& relationship,
                                      const std::string& suffix);

// The input a PDF carries (build --attach), judged once for extract, verify and
// sum: the attachment, or what is wrong with the PDF in that respect (Chinese,
// without what to do: each command says that).
struct AttachedSource {
  enum class Fault { None, Absent, Unreadable, NotInput };
  const pdf::ReadAttachment* file = nullptr;  // an input nianbao could have written
  Fault fault = Fault::None;                  // otherwise: none attached, its bytes unreadable, not TOML
  std::string message;                        // the fault, said
};
AttachedSource attached_source(const pdf::ReadPdf& pdf);

// Exit code: 0 all written, 1 a PDF without the files (or a file already there
// with other content), 3 a PDF unreadable or a file unwritable.
int extract_files(const std::string& reader, const std::vector<std::string>& pdfs, const std::string& out_dir, bool json,
                  bool color, std::ostream& err);

}  // namespace nb::cli
