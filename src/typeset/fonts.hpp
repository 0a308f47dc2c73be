// Font files: located in the search folders, loaded once per process and shared by
// every report (FreeType for metrics and CIDs, HarfBuzz for shaping), honouring the
// face index of a collection. FontLibrary and Face may be used from several threads.
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

namespace nb::typeset {

class Face {
 public:
  Face(FT_Library lib, const std::string& path, int index);  // throws EnvironmentError
  ~Face();
  Face(const Face&) = delete;
  Face& operator=(const Face&) = delete;

  uint32_t glyph_for(char32_t c) const;  // 0: not in the font
  uint32_t code_for(uint32_t gid) const; // CID for CID-keyed CFF, else the glyph id (thread-safe)
  int advance_units(uint32_t gid) const;
  double units_to_em(double u) const { return u / upem_; }

  const std::string& path() const { return path_; }
  int index() const { return index_; }
  const std::string& ps_name() const { return ps_name_; }
  const std::string& family() const { return family_; }
  const std::string& version() const { return version_; }  // the name table's version string
  bool is_cff() const { return cff_; }
  bool is_cid_keyed() const { return cid_keyed_; }  // CFF with CIDs (Noto CJK, Fandol)
  // Hold while calling FreeType on ft(): a face is not safe to share between threads.
  std::unique_lock<std::mutex> lock_ft() const { return std::unique_lock<std::mutex>(ft_mutex_); }
  unsigned upem() const { return upem_; }
  FT_Face ft() const { return ft_; }
  hb_face_t* hb_face() const { return hb_face_; }
  hb_font_t* hb_font() const { return hb_font_; }

 private:
  std::string path_, ps_name_, family_, version_;
  mutable std::mutex ft_mutex_;  // FreeType faces are not safe to share between threads
  int index_;
  bool cff_ = false, cid_keyed_ = false;
  unsigned upem_ = 1000;
  FT_Face ft_ = nullptr;
  hb_blob_t* blob_ = nullptr;
  hb_face_t* hb_face_ = nullptr;
  hb_font_t* hb_font_ = nullptr;
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
  FT_Library lib_ = nullptr;
  std::vector<std::string> dirs_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::map<std::string, std::string>> index_;  // dir -> name -> path
  std::map<std::pair<std::string, int>, std::unique_ptr<Face>> faces_;
};

}  // namespace nb::typeset
