// Integrity of an OpenType/TrueType file (.otf, .ttf, .ttc) before it is loaded.
#pragma once
#include <optional>
#include <string>

namespace nb::typeset {

// Why the file is cut short (a table of its directory ends past the end of the
// file), in Chinese; nullopt when every table is inside the file or the file is
// not an sfnt at all (FreeType then decides whether it is a font).
std::optional<std::string> truncated_tables(const std::string& path);

}  // namespace nb::typeset
