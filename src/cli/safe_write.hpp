// Writes a file atomically: a temporary file in the target folder, flushed, then
// renamed over the target. On failure the target is untouched and no temporary remains.
#pragma once
#include <optional>
#include <string>

namespace nb::cli {

// nullopt on success, else a Chinese message naming the path and the cause.
std::optional<std::string> write_atomically(const std::string& path, const std::string& bytes);

}  // namespace nb::cli
