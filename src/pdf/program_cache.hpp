// Font programs cut and compressed, kept between the reports of one process: in a
// batch, reports that show the same glyphs of a face (the section headings, the
// tables and page numbers of one format) share one program. Backed by a folder
// on disk that keeps them between runs (program_store.hpp), if one is given.
// Thread-safe.
#pragma once
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "font/face.hpp"

namespace nb::pdf {

struct EmbeddedProgram {
  std::string deflated;      // the font program, compressed
  size_t size = 0;           // its length before compression
  std::set<uint32_t> codes;  // CIDs of every glyph in it, .notdef and components included
};

// Subset and compressed; throws EnvironmentError as subset_font does.
std::shared_ptr<const EmbeddedProgram> make_program(const font::Face& face, const std::set<uint32_t>& gids);

class ProgramCache {
 public:
  // disk: the folder of stored programs, or empty for none.
  explicit ProgramCache(size_t capacity = 32, std::string disk = {}) : capacity_(capacity), disk_(std::move(disk)) {}
  // The program of `face` cut to `gids`: kept from an earlier report, stored by an
  // earlier run, or made, kept and stored (the oldest kept one is dropped beyond
  // `capacity`).
  std::shared_ptr<const EmbeddedProgram> get(const font::Face& face, const std::set<uint32_t>& gids);

 private:
  using Key = std::pair<const font::Face*, std::set<uint32_t>>;
  std::mutex mutex_;
  size_t capacity_;
  std::string disk_;
  std::map<Key, std::shared_ptr<const EmbeddedProgram>> kept_;
  std::deque<std::map<Key, std::shared_ptr<const EmbeddedProgram>>::iterator> order_;
};

}  // namespace nb::pdf
