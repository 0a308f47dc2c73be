// Files that come with the nianbao binary: the PDF module and the companion
// programs (the web editor's, the summary's, the PDF reader), next to it in the
// build tree, in ../LIBDIR/nianbao when installed.
#pragma once
#include <string>
#include <vector>

namespace nb::cli {

// Where `file` may be, in the order to try.
std::vector<std::string> companion_paths(const std::string& file);

// The companion program `file` (`what` it is, in Chinese): the first path where it
// can run; EnvironmentError naming where it should be otherwise.
std::string companion_program(const std::string& file, const std::string& what);

}  // namespace nb::cli
