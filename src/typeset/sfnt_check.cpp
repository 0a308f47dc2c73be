// A font file's table directory against its size: a file cut short (a broken
// download or copy) is found before FreeType or HarfBuzz read what is not there,
// which they may not notice (a truncated table loads, its glyphs come out wrong).
#include "typeset/sfnt_check.hpp"

#include <cstdint>
#include <fstream>
#include <vector>

namespace nb::typeset {

namespace {

uint32_t be32(const std::string& b, size_t at) {
  return at + 4 > b.size() ? 0
                           : (uint32_t(uint8_t(b[at])) << 24) | (uint32_t(uint8_t(b[at + 1])) << 16) |
                                 (uint32_t(uint8_t(b[at + 2])) << 8) | uint32_t(uint8_t(b[at + 3]));
}
uint16_t be16(const std::string& b, size_t at) {
  return at + 2 > b.size() ? 0 : uint16_t((uint8_t(b[at]) << 8) | uint8_t(b[at + 1]));
}

// Reads `n` bytes at `offset`; false when the file is shorter.
bool read_at(std::ifstream& in, uint64_t offset, size_t n, std::string& out) {
  out.assign(n, '\0');
  in.clear();
  in.seekg(static_cast<std::streamoff>(offset));
  return in.read(out.data(), static_cast<std::streamsize>(n)).gcount() == static_cast<std::streamsize>(n);
}

}  // namespace

std::optional<std::string> truncated_tables(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;  // FreeType will say
  const uint64_t size = static_cast<uint64_t>(in.tellg());
  std::string head;
  if (!read_at(in, 0, 12, head)) return std::nullopt;
  std::vector<uint64_t> directories{0};
  if (head.compare(0, 4, "ttcf") == 0) {
    const uint32_t fonts = be32(head, 8);
    std::string offsets;
    if (fonts == 0 || fonts > 10000 || !read_at(in, 12, 4ull * fonts, offsets))
      return "字体集合（.ttc）的目录不完整";
    directories.clear();
    for (uint32_t i = 0; i < fonts; ++i) directories.push_back(be32(offsets, 4ull * i));
  }
  for (uint64_t dir : directories) {
    std::string header, records;
    if (!read_at(in, dir, 12, header)) return "字体文件的表目录超出文件末尾";
    const uint32_t version = be32(header, 0);
    if (version != 0x00010000 && version != 0x4F54544F /* OTTO */ && version != 0x74727565 /* true */)
      return std::nullopt;  // not an sfnt: FreeType decides
    const uint16_t tables = be16(header, 4);
    if (!read_at(in, dir + 12, 16ull * tables, records)) return "字体文件的表目录超出文件末尾";
    for (uint16_t t = 0; t < tables; ++t) {
      const uint64_t offset = be32(records, 16ull * t + 8), length = be32(records, 16ull * t + 12);
      if (offset + length > size)
        return "不完整：表 " + records.substr(16ull * t, 4) + " 应到第 " + std::to_string(offset + length) +
               " 字节，文件只有 " + std::to_string(size) + " 字节";
    }
  }
  return std::nullopt;
}

}  // namespace nb::typeset
