// toml++ helpers: parse with located errors, locations of nodes.
#pragma once
#include <optional>
#include <string>

#include <toml++/toml.h>

#include "core/source.hpp"

namespace nb {

// Reads a file; nullopt (and an error) when it cannot be read.
SourceRef read_source(const std::string& path, Diagnostics& diags);
std::optional<toml::table> parse_toml(const SourceRef& src, Diagnostics& diags);
Loc loc_of(const SourceRef& src, const toml::source_region& region);
inline Loc loc_of(const SourceRef& src, const toml::node& n) { return loc_of(src, n.source()); }
// "整数", "字符串", … for messages.
std::string type_name(const toml::node& n);

}  // namespace nb
