// A PDF read back, never trusted (a filing office's archive, or anyone's file):
// what `extract` and `verify` need from it — its PDF/A claim, whether it is
// tagged, its fonts, its pages and the files attached to it. PoDoFo parses it;
// every stream this code reads itself is inflated with a size limit, and the
// parsing runs in a program of its own, nianbao-read-pdf (read_apart.cpp).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace nb::pdf {

struct ReadFont {
  std::string name;        // /BaseFont
  bool embedded = false;   // a font program in its descriptor (or a Type 3 font)
  bool subset = false;     // the name has a subset tag (ABCDEF+)
  std::string program;     // SHA-256 (hex) of the embedded font program's stream, as stored
};

struct ReadPage {
  int object = 0;          // the page object's number
  std::string content;     // SHA-256 (hex) of its content streams decoded ("" when they cannot be)
};

struct ReadAttachment {
  std::string name;          // /UF, else /F
  std::string relationship;  // /AFRelationship without the slash ("" when absent)
  std::string mime;          // the embedded file's /Subtype
  std::string mod_date;      // its /Params /ModDate (D:…), "" when absent
  std::string bytes;
  bool associated = false;   // listed on the catalog's /AF
  std::string problem;       // why the bytes could not be read ("" when they were)
};

struct ReadPdf {
  std::string error;       // the file could not be read as a PDF (Chinese, for the user); the rest is empty
  bool encrypted = false;  // with error set
  std::string version;     // 1.7
  int pdfa_part = 0;       // XMP pdfaid:part, 0 when none is claimed
  std::string pdfa_conformance;  // A, B or U
  bool output_intent = false;  // an /OutputIntents entry with a DestOutputProfile stream
  bool tagged = false;     // /MarkInfo /Marked true and a structure tree
  std::string producer;    // Info /Producer
  int pages = 0;
  int a4_pages = 0;        // pages whose MediaBox is A4 portrait (210 × 297 mm, within 1 pt)
  std::vector<ReadPage> page_list;  // in page order (at most limits::kPages)
  std::vector<ReadFont> fonts;
  std::vector<ReadAttachment> attachments;
};

// Never throws, crashes or hangs for the content of `bytes`: PoDoFo 0.9.8 parses
// it in `program` (nianbao-read-pdf, read_main.cpp; it crashes on some malformed
// files), whose findings come back over a pipe; a program that crashes, or runs
// past a minute, makes the file unreadable (`error` set). Safe on any thread.
ReadPdf read(std::string_view bytes, const std::string& program);

// The same in this process, for the reader program.
ReadPdf read_in_process(std::string_view bytes);

}  // namespace nb::pdf
