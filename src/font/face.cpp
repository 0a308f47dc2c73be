#include "font/face.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <stdexcept>

#include FT_SFNT_NAMES_H
#include FT_TRUETYPE_IDS_H

#include "core/source.hpp"

namespace fs = std::filesystem;

namespace nb::font {

namespace {

std::string file_stat(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  std::string s;
  for (long long v : {static_cast<long long>(st.st_dev), static_cast<long long>(st.st_ino),
                      static_cast<long long>(st.st_size), static_cast<long long>(st.st_mtim.tv_sec),
                      static_cast<long long>(st.st_mtim.tv_nsec), static_cast<long long>(st.st_ctim.tv_sec),
                      static_cast<long long>(st.st_ctim.tv_nsec)})
    s += std::to_string(v) + ' ';
  return s;
}

}  // namespace

Face::Face(FreeType& ft, const std::string& path, int index) : freetype_(ft), path_(path), index_(index) {
  const std::string before = file_stat(path);
  blob_ = hb_blob_create_from_file_or_fail(path.c_str());
  if (!blob_) throw EnvironmentError{path + ": 无法读取字体文件"};
  auto fail = [&](const std::string& message) {
    hb_blob_destroy(blob_);
    throw EnvironmentError{path + ": " + message};
  };
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob_, &length);
  const std::string_view file(data, length);
  if (auto cut = truncation(file)) fail(*cut + "：请换用完好的 .ttf/.otf/.ttc 文件");
  const unsigned faces = face_count(file);
  if (faces == 0) fail("不是可用的字体文件：请换用完好的 .ttf/.otf/.ttc 文件");
  if (index < 0 || static_cast<unsigned>(index) >= faces)
    fail("字体集合只有 " + std::to_string(faces) + " 个字体，face = " + std::to_string(index) + " 超出范围（从 0 起计）");
  std::string_view cff;
  try {
    facts_ = read_font_facts(file, static_cast<unsigned>(index), cff);
  } catch (const std::runtime_error& e) {
    fail("无法读取第 " + std::to_string(index) + " 个字体（" + e.what() + "）：请换用完好的字体文件");
  }
  if (facts_.cid_keyed) cids_.load(cff);
  if (!before.empty() && file_stat(path) == before) {
    identity_ = before;
    identity_ += table_directory(file, static_cast<unsigned>(index));
  }
  hb_face_ = hb_face_create(blob_, static_cast<unsigned>(index));
  hb_font_ = hb_font_create(hb_face_);
  upem_ = hb_face_get_upem(hb_face_);
  hb_font_set_scale(hb_font_, static_cast<int>(upem_), static_cast<int>(upem_));
  ps_name_ = facts_.ps_name;
  if (ps_name_.empty()) ps_name_ = fs::path(path).stem().string();
  for (char& c : ps_name_)
    if (c <= ' ' || c > '~' || c == '/' || c == '(' || c == ')' || c == '[' || c == ']' || c == '<' ||
        c == '>' || c == '{' || c == '}' || c == '%' || c == '#')
      c = '-';
}

Face::~Face() {
  if (ft_) {
    std::lock_guard<std::mutex> lock(freetype_.mutex);
    FT_Done_Face(ft_);
  }
  hb_font_destroy(hb_font_);
  hb_face_destroy(hb_face_);
  hb_blob_destroy(blob_);
}

FT_Face Face::ft() const {
  if (!ft_tried_) {
    ft_tried_ = true;
    std::lock_guard<std::mutex> lock(freetype_.mutex);
    if (!freetype_.lib) FT_Init_FreeType(&freetype_.lib);
    unsigned length = 0;
    const char* data = hb_blob_get_data(blob_, &length);
    if (freetype_.lib &&
        FT_New_Memory_Face(freetype_.lib, reinterpret_cast<const FT_Byte*>(data), length, index_, &ft_) != 0)
      ft_ = nullptr;
  }
  return ft_;
}

void Face::read_names() const {
  auto lock = lock_ft();
  FT_Face f = ft();
  if (!f) return;
  if (f->family_name) family_ = f->family_name;
  for (FT_UInt i = 0, n = FT_Get_Sfnt_Name_Count(f); i < n; ++i) {
    FT_SfntName name;
    if (FT_Get_Sfnt_Name(f, i, &name) != 0 || name.name_id != TT_NAME_ID_VERSION_STRING) continue;
    if (name.platform_id == TT_PLATFORM_MACINTOSH || name.encoding_id == 0) {
      version_.assign(reinterpret_cast<const char*>(name.string), name.string_len);
      break;
    }
    for (FT_UInt k = 1; k < name.string_len; k += 2) version_ += static_cast<char>(name.string[k]);  // UTF-16BE ASCII
    break;
  }
}

const std::string& Face::family() const {
  std::call_once(names_once_, [this] { read_names(); });
  return family_;
}

const std::string& Face::version() const {
  std::call_once(names_once_, [this] { read_names(); });
  return version_;
}

uint32_t Face::glyph_for(char32_t c) const {
  hb_codepoint_t g = 0;
  return hb_font_get_nominal_glyph(hb_font_, c, &g) ? g : 0;
}

uint32_t Face::code_for(uint32_t gid) const { return facts_.cid_keyed ? cids_.cid(gid) : gid; }

int Face::advance_units(uint32_t gid) const { return hb_font_get_glyph_h_advance(hb_font_, gid); }

FontLibrary::FontLibrary(std::vector<std::string> search_dirs) : dirs_(std::move(search_dirs)) {}

FontLibrary::~FontLibrary() {
  faces_.clear();
  if (ft_.lib) FT_Done_FreeType(ft_.lib);
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
  if (it == faces_.end()) it = faces_.emplace(key, std::make_unique<Face>(ft_, path, index)).first;
  return *it->second;
}

}  // namespace nb::font
