// One used face -> Type0 font with a subset CID font program, /W and ToUnicode.
// CFF outlines: the bare CFF table (FontFile3 /CIDFontType0C) under a CIDFontType0,
// shown by CID (CID-keyed fonts keep their CIDs; name-keyed ones keep their glyph
// ids). TrueType: the subset sfnt with glyph ids kept (FontFile2) under a
// CIDFontType2 with /CIDToGIDMap /Identity.
#pragma once
#include <map>
#include <set>
#include <string>

#include <podofo/podofo.h>

#include "typeset/fonts.hpp"

namespace nb::pdf {

struct FontUse {
  const typeset::Face* face = nullptr;
  std::set<uint32_t> gids;                       // never 0 (.notdef)
  std::map<uint32_t, std::u32string> gid_text;  // from the typesetter; may miss glyphs
};

// cid_set: add a /CIDSet listing every CID of the embedded program (PDF/A-1).
PoDoFo::PdfObject* embed_font(PoDoFo::PdfVecObjects& objs, const FontUse& use, bool cid_set);

}  // namespace nb::pdf
