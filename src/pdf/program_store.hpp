// Speed device (docs/ARCHITECTURE.md): font programs kept on disk between runs,
// in a folder of their own (nianbao's cache). A build after an edit takes the
// programs of the faces whose glyphs did not change instead of cutting and
// compressing them again: the sample re-run takes 38.1 ms against 52.8 cold
// (bench.py, 2026-12-06). An entry is named by a digest of everything that decides
// its bytes, and checked whole before use; anything else in its place is ignored
// and replaced. Storing is best effort: a folder that cannot be written only costs
// the time it would have saved.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "core/digest.hpp"
#include "pdf/program_cache.hpp"

namespace nb::pdf {

using ProgramKey = Sha256;

// The digest of the face (its file's path and identity, the face index), the
// glyphs, and the code that cuts and compresses programs (HarfBuzz's and
// libdeflate's versions and settings, and the files of the libraries and of
// nianbao's PDF stage). None when the face's file has no identity.
std::optional<ProgramKey> program_key(const font::Face& face, const std::set<uint32_t>& gids);

class ProgramStore {
 public:
  // Keep at most this many entries and bytes; the least recently used go first.
  static constexpr size_t kMaxEntries = 256;
  static constexpr uint64_t kMaxBytes = 64ull << 20;
  // A larger entry is neither stored nor read.
  static constexpr uint64_t kMaxEntryBytes = 16ull << 20;

  explicit ProgramStore(std::string dir) : dir_(std::move(dir)) {}
  const std::string& dir() const { return dir_; }

  // The entry for `key` if one is there intact (and marked as used); else null.
  std::shared_ptr<const EmbeddedProgram> load(const ProgramKey& key) const noexcept;
  // Writes the entry atomically (the folder created if missing), then drops the
  // least recently used entries beyond the limits; on any failure, nothing.
  void store(const ProgramKey& key, const EmbeddedProgram& program) const noexcept;

  // The bytes of an entry, and the entry read back from bytes (null unless intact
  // and made for `key`): the file format, for the tests.
  static std::string encode(const ProgramKey& key, const EmbeddedProgram& program);
  static std::shared_ptr<const EmbeddedProgram> decode(const ProgramKey& key, std::string_view bytes);

 private:
  std::string path(const ProgramKey& key) const;
  void prune() const;

  std::string dir_;
};

}  // namespace nb::pdf
