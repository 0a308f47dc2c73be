// The font a character is set in: the first face of a role's chain that has it
// (the layout's fallback order). The one picker, for the typesetter and `nianbao fonts`.
#pragma once
#include <vector>

#include "font/face.hpp"

namespace nb::font {

using Chain = std::vector<const Face*>;

// Index in `chain` of the first face that has `c`; -1 when none has it.
inline int pick(const Chain& chain, char32_t c) {
  for (size_t f = 0; f < chain.size(); ++f)
    if (chain[f]->glyph_for(c)) return static_cast<int>(f);
  return -1;
}

}  // namespace nb::font
