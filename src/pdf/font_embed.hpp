// One used face -> Type0 font with a subset CID font program, /W and ToUnicode.
#pragma once
#include <map>
#include <set>
#include <string>

#include <podofo/podofo.h>

#include "typeset/fonts.hpp"

namespace nb::pdf {

struct FontUse {
  const typeset::Face* face = nullptr;
  std::set<uint32_t> gids;
  std::map<uint32_t, std::u32string> gid_text;
};

// Content streams show `code_for(gid)`: the CID of a CID-keyed CFF font, otherwise the glyph id.
uint32_t content_code(const typeset::Face& face, uint32_t gid);

PoDoFo::PdfObject* embed_font(PoDoFo::PdfVecObjects& objs, const FontUse& use);

}  // namespace nb::pdf
