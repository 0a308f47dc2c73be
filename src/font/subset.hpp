// Font programs: a face cut down to the glyphs a document shows (HarfBuzz
// hb-subset). Only the PDF stage cuts fonts: this file is compiled into its module.
#pragma once
#include <set>
#include <string>

#include "font/face.hpp"

namespace nb::font {

struct FontProgram {
  std::string bytes;
  std::set<uint32_t> codes;  // CIDs of every glyph in the program, .notdef and components included
};

// A CID-keyed CFF font is subset to its bare CFF table with the original CIDs;
// any other font keeps its glyph ids (a name-keyed CFF as a bare CFF table, a
// TrueType font as a whole sfnt), so that CID = glyph id. `gids` never holds 0.
// Throws EnvironmentError when HarfBuzz cannot subset the face.
FontProgram subset_font(const Face& face, const std::set<uint32_t>& gids);

// What decides the bytes subset_font makes of a face and glyphs: HarfBuzz's
// version, the flags and the tables kept and dropped (part of a stored program's key).
std::string subset_recipe();

}  // namespace nb::font
