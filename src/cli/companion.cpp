#include "cli/companion.hpp"

#include <filesystem>

namespace fs = std::filesystem;

namespace nb::cli {

std::vector<std::string> companion_paths(const std::string& file) {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return {(exe.parent_path() / file).string(), (exe.parent_path().parent_path() / NIANBAO_LIBDIR / "nianbao" / file).string()};
}

}  // namespace nb::cli
