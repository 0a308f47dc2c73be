// Files that come with the nianbao binary: the PDF module and the web editor's
// program, next to it in the build tree, in ../LIBDIR/nianbao when installed.
#pragma once
#include <string>
#include <vector>

namespace nb::cli {

// Where `file` may be, in the order to try.
std::vector<std::string> companion_paths(const std::string& file);

}  // namespace nb::cli
