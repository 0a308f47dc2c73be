#include "layout/catalog.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "core/parallel.hpp"

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
  // Every file parsed on a thread of its own (TOML parsing is most of a start-up:
  // the two formats' 2 ms on one thread), their messages kept in the order of the files.
  struct Loaded {
    Diagnostics diags;
    std::optional<Layout> layout;
  };
  std::vector<Loaded> loaded(files.size());
  run_parallel(files.size(), static_cast<unsigned>(files.size()),
               [&](size_t i) { loaded[i].layout = load(files[i], loaded[i].diags); });
  bool ok = true;
  for (auto& l : loaded) {
    diags.append(l.diags);
    if (l.layout) layouts_.push_back(std::move(*l.layout));
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
