// Writes a file atomically: the bytes go to an unnamed file in the target folder
// (O_TMPFILE; a hidden ".NAME.PID.N" file where the file system lacks it), are
// flushed to disk, then the file is renamed over the target and the folder
// flushed. On failure the target is untouched and no temporary remains; a
// process killed while writing leaves none either where O_TMPFILE works.
#pragma once
#include <optional>
#include <string>

#include "core/source.hpp"

namespace nb::cli {

// nullopt on success, else the path with a Chinese message naming the cause and what to do.
std::optional<EnvironmentError> write_atomically(const std::string& path, const std::string& bytes);

}  // namespace nb::cli
