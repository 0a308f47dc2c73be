#include "typeset/fonts.hpp"

#include <filesystem>

#include FT_CID_H
#include FT_ADVANCES_H
#include FT_SFNT_NAMES_H
#include FT_TRUETYPE_IDS_H

#include "core/source.hpp"

namespace fs = std::filesystem;

namespace nb::typeset {

Face::Face(FT_Library lib, const std::string& path, int index) : path_(path), index_(index) {
  FT_Long faces = 0;
  {
    FT_Face probe = nullptr;
    if (FT_New_Face(lib, path.c_str(), -1, &probe) != 0)
      throw EnvironmentError{path + ": 不是可用的字体文件（FreeType 无法读取）：请换用完好的 .ttf/.otf/.ttc 文件"};
    faces = probe->num_faces;
    FT_Done_Face(probe);
  }
  if (index < 0 || index >= faces)
    throw EnvironmentError{path + ": 字体集合只有 " + std::to_string(faces) + " 个字体，face = " +
                           std::to_string(index) + " 超出范围（从 0 起计）"};
  if (FT_New_Face(lib, path.c_str(), index, &ft_) != 0)
    throw EnvironmentError{path + ": 无法读取第 " + std::to_string(index) + " 个字体"};
  blob_ = hb_blob_create_from_file_or_fail(path.c_str());
  if (!blob_) throw EnvironmentError{path + ": 无法读取字体文件"};
  hb_face_ = hb_face_create(blob_, static_cast<unsigned>(index));
  hb_font_ = hb_font_create(hb_face_);
  upem_ = hb_face_get_upem(hb_face_);
  hb_font_set_scale(hb_font_, static_cast<int>(upem_), static_cast<int>(upem_));
  hb_blob_t* cff = hb_face_reference_table(hb_face_, HB_TAG('C', 'F', 'F', ' '));
  cff_ = hb_blob_get_length(cff) > 0;
  hb_blob_destroy(cff);
  FT_Bool is_cid = 0;
  cid_keyed_ = cff_ && FT_Get_CID_Is_Internally_CID_Keyed(ft_, &is_cid) == 0 && is_cid;
  if (const char* ps = FT_Get_Postscript_Name(ft_)) ps_name_ = ps;
  if (ps_name_.empty()) ps_name_ = fs::path(path).stem().string();
  for (char& c : ps_name_)
    if (c <= ' ' || c > '~' || c == '/' || c == '(' || c == ')' || c == '[' || c == ']' || c == '<' ||
        c == '>' || c == '{' || c == '}' || c == '%' || c == '#')
      c = '-';
  if (ft_->family_name) family_ = ft_->family_name;
  for (FT_UInt i = 0, n = FT_Get_Sfnt_Name_Count(ft_); i < n; ++i) {
    FT_SfntName name;
    if (FT_Get_Sfnt_Name(ft_, i, &name) != 0 || name.name_id != TT_NAME_ID_VERSION_STRING) continue;
    if (name.platform_id == TT_PLATFORM_MACINTOSH || name.encoding_id == 0) {
      version_.assign(reinterpret_cast<const char*>(name.string), name.string_len);
      break;
    }
    for (FT_UInt k = 1; k < name.string_len; k += 2) version_ += static_cast<char>(name.string[k]);  // UTF-16BE ASCII
    break;
  }
}

Face::~Face() {
  hb_font_destroy(hb_font_);
  hb_face_destroy(hb_face_);
  hb_blob_destroy(blob_);
  if (ft_) FT_Done_Face(ft_);
}

uint32_t Face::glyph_for(char32_t c) const {
  hb_codepoint_t g = 0;
  return hb_font_get_nominal_glyph(hb_font_, c, &g) ? g : 0;
}

uint32_t Face::code_for(uint32_t gid) const {
  if (!cff_) return gid;
  std::lock_guard<std::mutex> lock(ft_mutex_);
  FT_UInt cid = 0;
  if (FT_Get_CID_From_Glyph_Index(ft_, gid, &cid) == 0) return cid;
  return gid;
}

int Face::advance_units(uint32_t gid) const { return hb_font_get_glyph_h_advance(hb_font_, gid); }

FontLibrary::FontLibrary(std::vector<std::string> search_dirs) : dirs_(std::move(search_dirs)) {
  FT_Init_FreeType(&lib_);
}

FontLibrary::~FontLibrary() {
  faces_.clear();
  FT_Done_FreeType(lib_);
}

std::optional<std::string> FontLibrary::find(const std::string& file) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::error_code ec;
  if (file.find('/') != std::string::npos) {
    if (fs::is_regular_file(file, ec)) return file;
    return std::nullopt;
  }
  for (const auto& dir : dirs_) {
    auto it = index_.find(dir);
    if (it == index_.end()) {
      std::map<std::string, std::string> names;
      if (fs::is_directory(dir, ec)) {
        for (auto e = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
             !ec && e != fs::recursive_directory_iterator(); e.increment(ec)) {
          if (e->is_regular_file(ec)) names.emplace(e->path().filename().string(), e->path().string());
        }
      }
      it = index_.emplace(dir, std::move(names)).first;
    }
    auto hit = it->second.find(file);
    if (hit != it->second.end()) return hit->second;
  }
  return std::nullopt;
}

const Face& FontLibrary::open(const std::string& path, int index) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto key = std::make_pair(path, index);
  auto it = faces_.find(key);
  if (it == faces_.end()) it = faces_.emplace(key, std::make_unique<Face>(lib_, path, index)).first;
  return *it->second;
}

}  // namespace nb::typeset
