#include "serve/store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>

#include "cli/safe_write.hpp"
#include "core/hex.hpp"
#include "core/limits.hpp"
#include "core/utf8.hpp"

namespace fs = std::filesystem;

namespace nb::serve {

Store::Store(const std::string& dir) {
  std::error_code ec;
  const fs::path canonical = fs::canonical(dir, ec);
  if (ec || !fs::is_directory(canonical, ec))
    throw StoreError{500, "--data 给出的 " + dir + " 不是一个文件夹：请先建好它，或给出已有的文件夹"};
  dir_ = canonical.string();
}

std::optional<StoreError> Store::check_name(const std::string& name) {
  const std::string ext = ".toml";
  if (name.empty()) return StoreError{400, "缺少文件名"};
  if (name.size() > limits::kFileNameBytes)
    return StoreError{400, "文件名过长（上限 " + std::to_string(limits::kFileNameBytes) + " 字节）：请取一个短一些的文件名"};
  if (!decode_utf8(name)) return StoreError{400, "文件名不是有效的 UTF-8 文字"};
  if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos || name == "..")
    return StoreError{400, "文件名 " + name + " 含有路径（/ 或 \\）：只能打开数据文件夹中的文件，请只写文件名"};
  if (name[0] == '.') return StoreError{400, "文件名不能以“.”开头：" + name};
  if (std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
    return StoreError{400, "文件名含有控制字符"};
  if (name.size() <= ext.size() || name.compare(name.size() - ext.size(), ext.size(), ext) != 0)
    return StoreError{400, "文件名须以 .toml 结尾：" + name};
  return std::nullopt;
}

std::string Store::version_of(const std::string& text) {
  const uint64_t h = std::hash<std::string>{}(text);
  uint8_t bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<uint8_t>(h >> (56 - 8 * i));
  return to_hex(bytes) + "-" + std::to_string(text.size());
}

std::vector<Listed> Store::list() const {
  std::vector<Listed> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    const std::string name = e.path().filename().string();
    if (check_name(name) || !e.is_regular_file(ec) || e.is_symlink(ec)) continue;
    struct stat st {};
    if (::lstat(e.path().c_str(), &st) != 0) continue;
    out.push_back({name, static_cast<uint64_t>(st.st_size), static_cast<int64_t>(st.st_mtime)});
  }
  std::sort(out.begin(), out.end(), [](const Listed& a, const Listed& b) { return a.name < b.name; });
  return out;
}

std::variant<StoredFile, StoreError> Store::read(const std::string& name) const {
  if (auto bad = check_name(name)) return *bad;
  const std::string path = dir_ + "/" + name;
  // O_NOFOLLOW: a symbolic link (to a file outside the folder or not) is never followed.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (errno == ENOENT) return StoreError{404, "数据文件夹中没有 " + name};
    if (errno == ELOOP) return StoreError{403, name + " 是符号链接：为了安全，网页只打开数据文件夹中的普通文件"};
    return StoreError{403, "无法读取 " + name + "：请检查文件的权限"};
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return StoreError{403, name + " 不是普通文件"};
  }
  if (static_cast<uint64_t>(st.st_size) > limits::kFileBytes) {
    ::close(fd);
    return StoreError{413, name + " 过大（上限 " + std::to_string(limits::kFileBytes / (1024 * 1024)) + " MB）：年报的输入文件通常不到 100 KB"};
  }
  StoredFile f;
  char buf[64 * 1024];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0 && f.text.size() <= limits::kFileBytes;) f.text.append(buf, n);
  ::close(fd);
  f.version = version_of(f.text);
  return f;
}

std::variant<std::string, StoreError> Store::write(const std::string& name, const std::string& text,
                                                  const std::string& expected) {
  if (auto bad = check_name(name)) return *bad;
  if (text.size() > limits::kFileBytes)
    return StoreError{413, "内容过大（上限 " + std::to_string(limits::kFileBytes / (1024 * 1024)) + " MB）"};
  auto current = read(name);
  if (auto* err = std::get_if<StoreError>(&current)) {
    if (err->status != 404) return *err;
    if (!expected.empty()) return StoreError{409, name + " 已被删除或改名：请回到报告列表"};
  } else if (std::get<StoredFile>(current).version != expected) {
    return StoreError{409, expected.empty() ? "数据文件夹中已有 " + name + "：请换一个文件名，或打开它"
                                            : name + " 已在别处被修改（另一个窗口、另一位同事或文本编辑器）：已载入文件的最新内容，请核对后重新输入刚才的修改"};
  }
  if (auto err = cli::write_atomically(dir_ + "/" + name, text)) return StoreError{500, err->message};
  return version_of(text);
}

Store::Lock Store::lock(const std::string& name) {
  std::shared_ptr<std::mutex> m;
  {
    std::lock_guard<std::mutex> g(locks_mutex_);
    // Names no request holds are forgotten, so that the map stays small whatever names are asked for.
    if (locks_.size() >= limits::kServeLocks) std::erase_if(locks_, [](const auto& e) { return e.second.use_count() == 1; });
    auto& slot = locks_[name];
    if (!slot) slot = std::make_shared<std::mutex>();
    m = slot;
  }
  Lock l{m, std::unique_lock<std::mutex>(*m)};
  return l;
}

}  // namespace nb::serve
