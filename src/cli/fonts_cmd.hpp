// `nianbao fonts`: the font each role resolves to, and for an input every character
// that falls back to a later font of its role or that no font has, with where it is.
#pragma once
#include <ostream>

#include "cli/env.hpp"
#include "compose/document.hpp"

namespace nb::cli {

// Prints the roles of `layout` (with the document's font choices when given) and,
// for a document, its fallback and missing characters. Returns 1 when a character
// is missing everywhere. Throws EnvironmentError when a font cannot be found.
int list_fonts(Env& env, const layout::Layout& layout, const compose::Document* doc, std::ostream& out);

}  // namespace nb::cli
