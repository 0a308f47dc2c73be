#include "cli/safe_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace nb::cli {

std::optional<std::string> write_atomically(const std::string& path, const std::string& bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec)) return path + ": 输出路径是一个文件夹：请换一个文件名";
  fs::path target(path);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  if (!fs::is_directory(dir, ec)) return dir.string() + ": 输出文件夹不存在：请先创建它";
  std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  int fd = mkstemp(tmpl.data());
  if (fd < 0) return path + ": 无法在输出文件夹中写文件（" + std::strerror(errno) + "）：请检查权限";
  auto fail = [&](const char* what) {
    std::string msg = path + ": " + what + "（" + std::strerror(errno) + "）";
    close(fd);
    unlink(tmpl.c_str());
    return msg;
  };
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("写入失败，磁盘可能已满");
    }
    done += static_cast<size_t>(n);
  }
  if (fchmod(fd, 0644) != 0 || fsync(fd) != 0) return fail("写入失败");
  if (close(fd) != 0) {
    unlink(tmpl.c_str());
    return path + ": 写入失败（" + std::strerror(errno) + "）";
  }
  if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
    std::string msg = path + ": 无法替换输出文件（" + std::strerror(errno) + "）";
    unlink(tmpl.c_str());
    return msg;
  }
  return std::nullopt;
}

}  // namespace nb::cli
