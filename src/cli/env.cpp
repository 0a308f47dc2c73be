#include "cli/env.hpp"

#include <cstdlib>
#include <filesystem>
#include <ostream>

namespace fs = std::filesystem;

namespace nb::cli {

std::string data_dir() {
  if (const char* env = std::getenv("NIANBAO_DATA")) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path cand : {exe.parent_path().parent_path(), exe.parent_path().parent_path() / "share" / "nianbao"})
      if (fs::is_directory(cand / "layouts", ec)) return cand.string();
  }
  return ".";
}

std::string cache_dir() {
  if (const char* env = std::getenv("NIANBAO_CACHE")) return std::string(env) == "off" ? "" : env;
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/') return std::string(xdg) + "/nianbao";
  const char* home = std::getenv("HOME");
  if (home && home[0] == '/') return std::string(home) + "/.cache/nianbao";
  return "";
}

std::vector<std::string> font_dirs(const std::string& data) {
  std::vector<std::string> dirs{data + "/fonts"};
  if (const char* env = std::getenv("NIANBAO_FONT_PATH")) {
    std::string s = env;
    for (size_t b = 0; b <= s.size();) {
      size_t e = s.find(':', b);
      if (e == std::string::npos) e = s.size();
      if (e > b) dirs.push_back(s.substr(b, e - b));
      b = e + 1;
    }
  }
  if (const char* home = std::getenv("HOME")) {
    dirs.push_back(std::string(home) + "/.local/share/fonts");
    dirs.push_back(std::string(home) + "/.fonts");
  }
  dirs.push_back("/usr/local/share/fonts");
  dirs.push_back("/usr/share/fonts");
  return dirs;
}

bool Env::load(std::ostream& err) {
  data = data_dir();
  Diagnostics d;
  bool ok = layouts.load_dir(data + "/layouts", d);
  for (const auto& x : d.list()) err << format(x) << '\n';
  fonts = std::make_unique<font::FontLibrary>(font_dirs(data));
  use_cache(cache_dir());
  return ok;
}

void Env::use_cache(const std::string& dir) {
  programs = std::make_unique<pdf::ProgramCache>(32, dir.empty() ? "" : dir + "/fonts");
}

}  // namespace nb::cli
