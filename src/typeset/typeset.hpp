// The typeset stage: a composed document -> pages of positioned glyphs and rules
// (page.hpp), set on the layout's grid with the fonts of its roles.
#pragma once
#include "compose/document.hpp"
#include "font/face.hpp"
#include "typeset/page.hpp"

namespace nb::typeset {

// Lays the document out. Characters no font has, and a document longer than
// limits::kPages, are reported as located errors (no pages then). Throws
// EnvironmentError when a font file is missing or unusable.
Result typeset(const compose::Document& doc, font::FontLibrary& fonts, Diagnostics& diags);

}  // namespace nb::typeset
