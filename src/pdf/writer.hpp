// Pages -> PDF bytes: an archival PDF (PDF/A-2a; PDF/A-3a with attached files; PDF/A-1b on request) with
// subset fonts embedded as CID fonts with ToUnicode, content streams written by
// hand, bookmarks, XMP metadata and an sRGB OutputIntent; PoDoFo as the object
// model and serializer. The same input gives the same bytes.
#pragma once
#include <string>
#include <vector>

#include "typeset/page.hpp"

namespace nb::pdf {

// The PDF/A part and level claimed: PDF/A-2a by default (tagged, Unicode);
// PDF/A-3a when files are attached (PDF/A-2 allows only PDF/A files attached). A1b exists to let PDFBox Preflight (which knows only PDF/A-1)
// check the same document: PDF 1.4, CIDSet in every font.
enum class Conformance { A2a, A1b, A3a };

// A file carried inside the PDF, as PDF/A-3 associates one with the document: on
// the catalog's /AF and in the EmbeddedFiles name tree.
struct Attachment {
  std::string name;          // its file name (UTF-8)
  std::string mime;          // application/toml
  std::string relationship;  // /AFRelationship: Source, Data, …
  std::string description;   // UTF-8, shown by readers
  std::string bytes;
};

// A wall-clock time with its offset from UTC, as written in the file.
struct DateTime {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int utc_offset_minutes = 0;
};

struct Metadata {
  std::string title, author, subject, keywords, creator, producer;  // UTF-8
  DateTime date;  // creation and modification date
  std::string lang = "zh-CN";
  Conformance conformance = Conformance::A2a;
  std::vector<Attachment> attachments;  // only with A3a
};

class ProgramCache;

struct WriteOptions {
  unsigned threads = 1;             // fonts and pages are prepared on this many threads
  ProgramCache* programs = nullptr;  // font programs kept between the reports of a process
};

// The whole file in memory; the same bytes whatever the options. Throws
// EnvironmentError if a font cannot be subset.
std::string write(const typeset::Result& result, const Metadata& meta, const WriteOptions& options = {});

// `write` as the nianbao binary finds it in libnianbao-pdf.so (see cli/pdf_module.hpp):
// the module's one exported function, nianbao_pdf_writer, returns it.
using WriteFn = std::string (*)(const typeset::Result&, const Metadata&, const WriteOptions&);

}  // namespace nb::pdf
