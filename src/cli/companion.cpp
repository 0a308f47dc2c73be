#include "cli/companion.hpp"

#include <unistd.h>

#include <filesystem>

#include "core/source.hpp"

namespace fs = std::filesystem;

namespace nb::cli {

std::vector<std::string> companion_paths(const std::string& file) {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return {(exe.parent_path() / file).string(), (exe.parent_path().parent_path() / NIANBAO_LIBDIR / "nianbao" / file).string()};
}

std::string companion_program(const std::string& file, const std::string& what) {
  const std::vector<std::string> paths = companion_paths(file);
  for (const auto& path : paths)
    if (::access(path.c_str(), X_OK) == 0) return path;
  throw EnvironmentError{"找不到" + what + "程序 " + file + "（应在 " + paths[0] + " 或 " + paths[1] +
                         "）：nianbao 的安装不完整，请重新构建（cmake --build build）或安装（cmake --install build）"};
}

}  // namespace nb::cli
