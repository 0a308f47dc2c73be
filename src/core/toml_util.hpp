// toml++ helpers: parse with located errors, locations of nodes.
#pragma once
#include <istream>
#include <optional>
#include <string>

#include <toml++/toml.h>

#include "core/source.hpp"

namespace nb {

// At most limit + 1 bytes of a stream: more than `limit` means too large, and a
// huge file (or a device) is never read whole.
std::string read_at_most(std::istream& in, size_t limit);

// Reads a file; nullopt (and an error) when it cannot be read.
SourceRef read_source(const std::string& path, Diagnostics& diags);
std::optional<toml::table> parse_toml(const SourceRef& src, Diagnostics& diags);
Loc loc_of(const SourceRef& src, const toml::source_region& region);
inline Loc loc_of(const SourceRef& src, const toml::node& n) { return loc_of(src, n.source()); }
// "整数", "字符串", … for messages.
std::string type_name(const toml::node& n);

}  // namespace nb
