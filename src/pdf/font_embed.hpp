// One used face -> Type0 font with a subset CID font program, /W and ToUnicode.
// CFF outlines: the bare CFF table (FontFile3 /CIDFontType0C) under a CIDFontType0,
// shown by CID (CID-keyed fonts keep their CIDs; name-keyed ones keep their glyph
// ids). TrueType: the subset sfnt with glyph ids kept (FontFile2) under a
// CIDFontType2 with /CIDToGIDMap /Identity.
#pragma once
#include <map>
#include <memory>
#include <set>
#include <string>

#include <podofo/podofo.h>

#include "pdf/program_cache.hpp"

namespace nb::pdf {

struct FontUse {
  const font::Face* face = nullptr;
  std::set<uint32_t> gids;                       // never 0 (.notdef)
  std::map<uint32_t, std::u32string> gid_text;  // from the typesetter; may miss glyphs
};

// What takes time in embedding a font, done apart from the document (on any thread):
// the program cut and compressed, widths and ToUnicode by content code.
struct PreparedFont {
  const FontUse* use = nullptr;
  std::shared_ptr<const EmbeddedProgram> program;
  std::map<uint32_t, int64_t> widths;  // by content code, in 1/1000 em
  std::string to_unicode;              // the CMap, compressed
  std::string cid_set;                 // compressed /CIDSet (PDF/A-1), or empty
};

// cid_set: with a /CIDSet listing every CID of the program (PDF/A-1). cache: where
// programs made for earlier reports are kept, or null. Throws EnvironmentError.
PreparedFont prepare_font(const FontUse& use, bool cid_set, ProgramCache* cache);

// The font's objects, created in a fixed order; returns the Type0 font.
PoDoFo::PdfObject* embed_font(PoDoFo::PdfVecObjects& objs, const PreparedFont& font);

}  // namespace nb::pdf
