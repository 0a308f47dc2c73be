// The faces each role of a document is set in: the input's choice ([fonts]) first,
// then the layout's fallback chain.
#pragma once
#include <map>

#include "compose/document.hpp"
#include "font/fallback.hpp"

namespace nb::typeset {

struct RoleFonts {
  font::Chain chain;
  const layout::RoleStyle* style = nullptr;
};
using Roles = std::map<layout::Role, RoleFonts>;

// Every role of the layout. A font file missing or unusable throws EnvironmentError,
// located where it was chosen: at the input's [fonts] entry or in the layout file.
Roles resolve_roles(const layout::Layout& layout, const std::map<layout::Role, compose::FontChoice>& chosen,
                    font::FontLibrary& fonts);

}  // namespace nb::typeset
