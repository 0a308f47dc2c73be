#include "layout/catalog.hpp"

#include <algorithm>
#include <filesystem>
#include <future>
#include <optional>

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
  // Every file but the first parsed on a thread of its own (TOML parsing is most
  // of a start-up), their messages kept in the order of the files.
  struct Loaded {
    Diagnostics diags;
    std::optional<Layout> layout;
  };
  auto load_one = [](const std::string& f) {
    Loaded r;
    r.layout = load(f, r.diags);
    return r;
  };
  std::vector<std::future<Loaded>> rest;
  for (size_t i = 1; i < files.size(); ++i) rest.push_back(std::async(std::launch::async, load_one, files[i]));
  std::vector<Loaded> loaded;
  loaded.push_back(load_one(files[0]));
  for (auto& f : rest) loaded.push_back(f.get());
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
