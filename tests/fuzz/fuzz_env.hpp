// What the fuzz targets share: the layouts and fonts, loaded once per process.
#pragma once
#include <string>

#include "input/report.hpp"
#include "layout/catalog.hpp"
#include "typeset/fonts.hpp"

namespace nbfuzz {

struct Env {
  nb::layout::Catalog layouts;
  nb::typeset::FontLibrary fonts{{NB_SOURCE_DIR "/fonts", "/usr/local/share/fonts", "/usr/share/fonts"}};
  Env() {
    nb::Diagnostics d;
    layouts.load_dir(NB_SOURCE_DIR "/layouts", d);
  }
  std::optional<nb::input::Report> read(std::string text, nb::Diagnostics& d) {
    auto src = std::make_shared<nb::SourceFile>();
    src->path = "fuzz.toml";
    src->text = std::move(text);
    return nb::input::read(src, [&](const std::string& id, int y) { return layouts.find(id, y); }, d);
  }
};

inline Env& env() {
  static Env e;
  return e;
}

}  // namespace nbfuzz
