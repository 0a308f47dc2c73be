// An OpenType/TrueType file (.otf, .ttf, .ttc) read straight from its bytes (the
// file is mapped, not read), through one walker of its table directories: faces
// in a collection, a file cut short, the PostScript name, bounding box, ascender
// and descender as FreeType reports them, and the CID of each glyph of a
// CID-keyed CFF font. Opening a large CJK face this way costs microseconds;
// FreeType's FT_New_Face costs about 1.5 ms.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nb::font {

// Number of faces in the file: the fonts of a collection, 1 for a single font,
// 0 when the data is no OpenType/TrueType font or its table directory runs off the end.
unsigned face_count(std::string_view file);

// Why the file is cut short (a directory or table of a face ends past the end of
// the file, as after a broken download or copy), in Chinese; nullopt when every
// table is inside the file or the data is no sfnt at all. FreeType and HarfBuzz
// may load a truncated table without noticing, its glyphs coming out wrong.
std::optional<std::string> truncation(std::string_view file);

// The table directory of face `index` (version, table count, then tag, checksum,
// offset and length of every table); empty when the file has none there.
std::string_view table_directory(std::string_view file, unsigned index);

struct FontFacts {
  std::string ps_name;  // name ID 6 by FreeType's rules; empty when none is usable
  int x_min = 0, y_min = 0, x_max = 0, y_max = 0;  // head
  int ascender = 0, descender = 0;                 // hhea, or OS/2 as FreeType chooses
  bool cff = false;        // outlines in a 'CFF ' table
  bool cid_keyed = false;  // the CFF has a ROS operator
};

// CID of each glyph of a CID-keyed CFF font (its charset).
class CidMap {
 public:
  CidMap() = default;
  // `cff`: the CFF table, which must outlive the map. False when malformed.
  bool load(std::string_view cff);
  // The glyph's CID (0 for a glyph the charset leaves out, as FreeType); the glyph id
  // when there is no charset or gid is out of range.
  uint32_t cid(uint32_t gid) const;

 private:
  struct Range {
    uint32_t first_gid, first_cid, count;
  };
  const unsigned char* format0_ = nullptr;  // CIDs of glyphs 1…, two bytes each
  std::vector<Range> ranges_;               // formats 1 and 2
  uint32_t glyphs_ = 0;
};

// Reads face `index` of `file`. Throws std::runtime_error naming what is missing
// or malformed; `cff_table` receives the CFF table (empty when none).
FontFacts read_font_facts(std::string_view file, unsigned index, std::string_view& cff_table);

}  // namespace nb::font
