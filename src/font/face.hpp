// Font files: located in the search folders, mapped once per process and shared by
// every report (HarfBuzz for shaping and metrics, the file's own tables for names,
// box and CIDs), honouring the face index of a collection; a file cut short or not
// a font is refused when opened. FontLibrary and Face may be used from several
// threads.
#pragma once
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

#include "font/sfnt.hpp"

namespace nb::font {

// FreeType for the few callers that need it (family and version names, iterating
// a cmap): opened on first use, serialised on one library.
struct FreeType {
  FT_Library lib = nullptr;
  std::mutex mutex;  // FT_New_Face and FT_Done_Face on one library must not run at once
};

class Face {
 public:
  Face(FreeType& ft, const std::string& path, int index);  // throws EnvironmentError
  ~Face();
  Face(const Face&) = delete;
  Face& operator=(const Face&) = delete;

  uint32_t glyph_for(char32_t c) const;  // 0: not in the font
  // The code content streams show the glyph by: its CID in a CID-keyed CFF font, else its glyph id.
  uint32_t code_for(uint32_t gid) const;
  int advance_units(uint32_t gid) const;

  const std::string& path() const { return path_; }
  int index() const { return index_; }
  const std::string& ps_name() const { return ps_name_; }
  // What tells the file's bytes, as mapped, from any other file's: device, inode,
  // size, modification and change times, and the face's table directory. Empty
  // when the file changed while it was opened (or cannot be examined).
  const std::string& identity() const { return identity_; }
  const std::string& family() const;   // FreeType's family name
  const std::string& version() const;  // the name table's version string
  bool is_cff() const { return facts_.cff; }
  bool is_cid_keyed() const { return facts_.cid_keyed; }  // CFF with CIDs (Noto CJK, Fandol)
  // Font units, as FreeType's FT_Face reports them.
  int x_min() const { return facts_.x_min; }
  int y_min() const { return facts_.y_min; }
  int x_max() const { return facts_.x_max; }
  int y_max() const { return facts_.y_max; }
  int ascender() const { return facts_.ascender; }
  int descender() const { return facts_.descender; }
  // The FreeType face, opened on first use; null if FreeType cannot open it. Hold
  // lock_ft() while calling ft() and using the face.
  std::unique_lock<std::mutex> lock_ft() const { return std::unique_lock<std::mutex>(ft_mutex_); }
  FT_Face ft() const;
  unsigned upem() const { return upem_; }
  hb_face_t* hb_face() const { return hb_face_; }
  hb_font_t* hb_font() const { return hb_font_; }

 private:
  void read_names() const;

  FreeType& freetype_;
  std::string path_, ps_name_, identity_;
  int index_;
  unsigned upem_ = 1000;
  FontFacts facts_;
  CidMap cids_;
  hb_blob_t* blob_ = nullptr;  // the file, mapped
  hb_face_t* hb_face_ = nullptr;
  hb_font_t* hb_font_ = nullptr;
  mutable std::mutex ft_mutex_;  // FreeType faces are not safe to share between threads
  mutable FT_Face ft_ = nullptr;
  mutable bool ft_tried_ = false;
  mutable std::once_flag names_once_;
  mutable std::string family_, version_;
};

class FontLibrary {
 public:
  explicit FontLibrary(std::vector<std::string> search_dirs);
  ~FontLibrary();
  FontLibrary(const FontLibrary&) = delete;
  FontLibrary& operator=(const FontLibrary&) = delete;

  // A file name is looked up in the search folders (recursively); a path is used as is.
  std::optional<std::string> find(const std::string& file) const;
  const Face& open(const std::string& path, int index);  // throws EnvironmentError
  const std::vector<std::string>& search_dirs() const { return dirs_; }

 private:
  FreeType ft_;
  std::vector<std::string> dirs_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::map<std::string, std::string>> index_;  // dir -> name -> path
  std::map<std::pair<std::string, int>, std::unique_ptr<Face>> faces_;
};

}  // namespace nb::font
