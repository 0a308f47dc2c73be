// libFuzzer target: TOML text -> Layout (a format's page, fonts, tables, rules and
// mentions, every value checked), every diagnostic formatted. Must never crash,
// hang or leak, whatever the bytes.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "layout/layout.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // layout::load reads a file: the bytes go to one of this process's own.
  static const std::string path = [] {
    char name[] = "/tmp/nianbao-fuzz-layout-XXXXXX";
    int fd = mkstemp(name);
    if (fd >= 0) close(fd);
    return std::string(name);
  }();
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  nb::Diagnostics d;
  if (auto l = nb::layout::load(path, d))
    for (const auto& [id, t] : l->tables)
      for (const auto& c : t.cells) (void)c.text.size();
  for (const auto& x : d.list()) (void)nb::format(x);
  return 0;
}
