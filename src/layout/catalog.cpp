#include "layout/catalog.hpp"

#include <algorithm>
#include <filesystem>

namespace nb::layout {

bool Catalog::load_dir(const std::string& dir, Diagnostics& diags) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".toml") files.push_back(e.path().string());
  if (ec || files.empty()) {
    diags.add({Severity::Error, {}, "找不到年报格式文件（layouts/*.toml）：请检查安装", dir});
    return false;
  }
  std::sort(files.begin(), files.end());
  bool ok = true;
  for (const auto& f : files) {
    if (auto l = load(f, diags)) layouts_.push_back(std::move(*l));
    else ok = false;
  }
  return ok;
}

const Layout* Catalog::find(const std::string& id, int year) const {
  for (const auto& l : layouts_)
    if (!id.empty() ? l.id == id : (year >= l.first_year && year <= l.last_year)) return &l;
  return nullptr;
}

}  // namespace nb::layout
