// What every command shares: where the data files are, the layouts and the fonts
// (loaded once per process), and the output settings.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "layout/catalog.hpp"
#include "cli/pdf_module.hpp"
#include "pdf/program_cache.hpp"
#include "pdf/writer.hpp"
#include "font/face.hpp"

namespace nb::cli {

// The folder holding layouts/ and fonts/: $NIANBAO_DATA, or next to the binary
// (build tree: build/.. ; installed: bin/../share/nianbao).
std::string data_dir();
// fonts/ of the data folder, $NIANBAO_FONT_PATH, the user's and the system's font folders.
std::vector<std::string> font_dirs(const std::string& data);

// Where cut font programs are kept between runs: $NIANBAO_CACHE ("off": nowhere),
// else $XDG_CACHE_HOME/nianbao or ~/.cache/nianbao; empty for nowhere.
std::string cache_dir();

struct Env {
  std::string data;
  layout::Catalog layouts;
  std::unique_ptr<font::FontLibrary> fonts;
  std::unique_ptr<pdf::ProgramCache> programs;  // font programs shared by the reports of a batch, and runs
  std::optional<pdf::DateTime> epoch;  // SOURCE_DATE_EPOCH
  pdf::Conformance conformance = pdf::Conformance::A2a;
  PdfWriter writer;  // the PDF stage: pdf::write, loaded or linked
  unsigned write_threads = 1;  // threads preparing one PDF (more when a run builds a single report)

  // Loads the layouts; prints located errors and returns false when one is broken.
  bool load(std::ostream& err);
  // Keeps font programs in `dir`/fonts between runs (none when empty).
  void use_cache(const std::string& dir);
};

}  // namespace nb::cli
