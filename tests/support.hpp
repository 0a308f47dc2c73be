// Test helpers: temporary folders, files, and running commands.
#pragma once
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/source.hpp"

namespace nbtest {

namespace fs = std::filesystem;

inline const std::string kSourceDir = NB_SOURCE_DIR;
inline const std::string kBinary = NB_BINARY;
// The samples of input/: the 2019 format (a real report) and the 2021 format.
inline const std::string kSample2019 = kSourceDir + "/input/quanan-2020.toml";
inline const std::string kSample2021 = kSourceDir + "/input/sample-2021.toml";

struct TempDir {
  fs::path path;
  TempDir() {
    std::string t = (fs::temp_directory_path() / "nianbao-test-XXXXXX").string();
    path = mkdtemp(t.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Output {
  int code = -1;
  std::string out, err;
};

// Runs a shell command; stdout and stderr captured separately.
inline Output run(const std::string& cmd) {
  TempDir t;
  std::string err_file = t.file("stderr");
  Output o;
  FILE* p = popen((cmd + " 2>" + err_file).c_str(), "r");
  if (!p) return o;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) o.out.append(buf.data(), n);
  int status = pclose(p);
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.err = read_file(err_file);
  return o;
}

// The diagnostic lines of a run's stderr ("FILE:LINE:COL: 错误: …", "错误: …" when no
// file is concerned) and the count of those left out ("……另有 N 条未列出"), without
// the quoted source lines, carets, progress and summary lines.
inline std::string diagnostics_only(const std::string& err) {
  std::istringstream in(err);
  std::string line, out;
  while (std::getline(in, line))
    if (line.find(": 错误: ") != std::string::npos || line.find(": 警告: ") != std::string::npos ||
        line.rfind("错误: ", 0) == 0 || line.rfind("警告: ", 0) == 0 || line.rfind("……另有 ", 0) == 0)
      out += line + "\n";
  return out;
}

inline nb::SourceRef source(const std::string& path, const std::string& text) {
  auto f = std::make_shared<nb::SourceFile>();
  f->path = path;
  f->text = text;
  return f;
}

// Removes ASCII and ideographic whitespace.
inline std::string strip_space(const std::string& s) {
  std::string o;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') continue;
    if (s.compare(i, 3, "\xE3\x80\x80") == 0) { i += 2; continue; }
    o += s[i];
  }
  return o;
}

}  // namespace nbtest
