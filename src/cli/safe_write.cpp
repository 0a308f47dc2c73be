#include "cli/safe_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/write_all.hpp"

namespace nb::cli {

namespace {

namespace fs = std::filesystem;

const char* const kUntouched = "；已有的同名文件（如有）未被改动";

// The cause of errno `e` and what to do about it.
std::string cause(int e) {
  std::string sys = std::string("（") + std::strerror(e) + "）";
  switch (e) {
    case ENOSPC: return "磁盘空间不足" + sys + "：请腾出空间，或用 -o 指定别的输出文件夹";
    case EDQUOT: return "超出磁盘配额" + sys + "：请腾出空间，或用 -o 指定别的输出文件夹";
    case EACCES:
    case EPERM: return "没有写入权限" + sys + "：请检查输出文件夹的权限，或用 -o 指定别的输出文件夹";
    case EROFS: return "文件系统只读" + sys + "：请用 -o 指定别的输出文件夹";
    case EFBIG: return "文件超出系统允许的大小" + sys + "：请检查文件大小限制（ulimit -f），或用 -o 指定别的输出文件夹";
    default: return "写入失败" + sys + "：请检查输出文件夹和磁盘";
  }
}

class TempFile {
 public:
  ~TempFile() {
    if (fd_ >= 0) close(fd_);
    if (!name_.empty()) unlink(name_.c_str());
  }

  // An unnamed file in `dir`, or a hidden named one where O_TMPFILE is not supported.
  bool open(const fs::path& dir, const std::string& base) {
    dir_ = dir;
    base_ = base;
    fd_ = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
    if (fd_ >= 0) return true;
    if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) return false;
    for (int i = 0; i < 100; ++i) {
      std::string name = next_name();
      fd_ = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
      if (fd_ >= 0) { name_ = name; return true; }
      if (errno != EEXIST) return false;
    }
    return false;
  }

  int fd() const { return fd_; }

  // Flushes and closes the file and gives it a name in the folder.
  bool finish() {
    if (fchmod(fd_, 0644) != 0 || fsync(fd_) != 0) return false;
    if (name_.empty()) {
      std::string proc = "/proc/self/fd/" + std::to_string(fd_);
      for (int i = 0; i < 100 && name_.empty(); ++i) {
        std::string name = next_name();
        if (linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) name_ = name;
        else if (errno != EEXIST) return false;
      }
      if (name_.empty()) return false;
    }
    int fd = fd_;
    fd_ = -1;
    return close(fd) == 0;
  }

  // Renames the file over `target` and flushes the folder.
  bool commit(const std::string& target) {
    if (std::rename(name_.c_str(), target.c_str()) != 0) return false;
    name_.clear();
    int dfd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
      fsync(dfd);  // best effort: the file itself is already on disk
      close(dfd);
    }
    return true;
  }

 private:
  std::string next_name() {
    return (dir_ / ("." + base_ + "." + std::to_string(getpid()) + "." + std::to_string(counter_++))).string();
  }

  fs::path dir_;
  std::string base_, name_;
  int fd_ = -1;
  int counter_ = 0;
};

}  // namespace

std::optional<EnvironmentError> write_atomically(const std::string& path, const std::string& bytes) {
  std::error_code ec;
  if (fs::is_directory(path, ec))
    return EnvironmentError{"输出路径是一个文件夹：请删除或改名这个文件夹，或用 -o 指定别的输出文件夹", path};
  fs::path target(path);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    return EnvironmentError{"输出文件夹的位置上是一个文件，不是文件夹：请用 -o 指定一个文件夹", dir.string()};
  if (!fs::is_directory(dir, ec))
    return EnvironmentError{"输出文件夹不存在：请先创建它，或用 -o 指定已有的文件夹", dir.string()};
  TempFile tmp;
  if (!tmp.open(dir, target.filename().string()))
    return EnvironmentError{"无法在输出文件夹中创建文件，" + cause(errno) + kUntouched, path};
  if (!write_all(tmp.fd(), bytes) || !tmp.finish())
    return EnvironmentError{"无法写出 PDF，" + cause(errno) + kUntouched, path};
  if (!tmp.commit(path)) return EnvironmentError{"无法替换输出文件，" + cause(errno) + kUntouched, path};
  return std::nullopt;
}

}  // namespace nb::cli
