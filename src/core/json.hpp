// The one JSON writer: nlohmann-json (Debian's nlohmann-json3-dev), objects with
// their keys in the order they were added, written on one line.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace nb::json {

using Object = nlohmann::ordered_json;

// One line of JSON. UTF-8 passes as it is; a malformed byte (from a file name the
// user typed) becomes U+FFFD instead of an exception.
std::string dump(const Object& value);

}  // namespace nb::json
