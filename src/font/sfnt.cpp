#include "font/sfnt.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace nb::font {

namespace {

using Bytes = std::string_view;

uint32_t u8(Bytes b, size_t at) { return static_cast<unsigned char>(b[at]); }
uint32_t u16(Bytes b, size_t at) { return u8(b, at) << 8 | u8(b, at + 1); }
int s16(Bytes b, size_t at) { return static_cast<int16_t>(u16(b, at)); }
uint32_t u32(Bytes b, size_t at) { return u16(b, at) << 16 | u16(b, at + 2); }
uint32_t tag(const char* t) { return u32(Bytes(t, 4), 0); }

[[noreturn]] void bad(const std::string& what) { throw std::runtime_error(what); }

void need(Bytes b, size_t end, const char* what) {
  if (end > b.size()) bad(std::string(what) + " 不完整");
}

constexpr uint32_t kVersions[] = {0x00010000, 0x4F54544F /* OTTO */, 0x74727565 /* true */};

// Offsets of the faces' table directories: one for a single font, one a font of a
// collection; nullopt when a collection's header runs past the end of the file.
std::optional<std::vector<size_t>> directories(Bytes file) {
  if (file.size() < 12 || u32(file, 0) != tag("ttcf")) return std::vector<size_t>{0};
  const size_t n = u32(file, 8);
  if (n == 0 || n > 10000 || 12 + 4 * n > file.size()) return std::nullopt;
  std::vector<size_t> out;
  for (size_t i = 0; i < n; ++i) out.push_back(u32(file, 12 + 4 * i));
  return out;
}

// Offset of the table directory of face `index`, or npos.
size_t directory(Bytes file, unsigned index) {
  auto dirs = directories(file);
  if (!dirs || index >= dirs->size()) return Bytes::npos;
  return (*dirs)[index];
}

struct Record {
  uint32_t tag;
  size_t offset, length;
};

enum class Walk { Ok, NotSfnt, Cut };

// The table records of the directory at `dir`: Cut when the directory runs past
// the end of the file, NotSfnt when it is no OpenType/TrueType directory.
Walk walk(Bytes file, size_t dir, std::vector<Record>& out) {
  if (dir > file.size() || file.size() - dir < 12) return Walk::Cut;
  if (std::find(std::begin(kVersions), std::end(kVersions), u32(file, dir)) == std::end(kVersions)) return Walk::NotSfnt;
  const size_t n = u16(file, dir + 4);
  if (dir + 12 + 16 * n > file.size()) return Walk::Cut;
  for (size_t i = 0; i < n; ++i) {
    const size_t rec = dir + 12 + 16 * i;
    out.push_back({u32(file, rec), u32(file, rec + 8), u32(file, rec + 12)});
  }
  return Walk::Ok;
}

// Tag -> table, every table within the file; empty when one is not.
std::map<uint32_t, Bytes> tables(Bytes file, size_t dir) {
  std::vector<Record> records;
  if (walk(file, dir, records) != Walk::Ok) return {};
  std::map<uint32_t, Bytes> out;
  for (const Record& r : records) {
    if (r.offset > file.size() || r.length > file.size() - r.offset) return {};  // cut short
    out.emplace(r.tag, file.substr(r.offset, r.length));
  }
  return out;
}

// FreeType's sfnt_get_ps_name: the last name ID 6 of Windows (encoding 0 or 1,
// US English preferred) or else Macintosh Roman; every character printable ASCII
// other than [](){}<>/%, else the record is unusable.
std::string ps_name(Bytes name) {
  if (name.size() < 6) return "";
  const size_t count = u16(name, 2), storage = u16(name, 4);
  if (6 + 12 * count > name.size()) return "";
  int win = -1, apple = -1;
  auto string_of = [&](int i) -> Bytes {
    const size_t rec = 6 + 12 * static_cast<size_t>(i);
    const size_t length = u16(name, rec + 8), offset = storage + u16(name, rec + 10);
    if (offset > name.size() || length > name.size() - offset) return {};
    return name.substr(offset, length);
  };
  for (size_t i = 0; i < count; ++i) {
    const size_t rec = 6 + 12 * i;
    const uint32_t platform = u16(name, rec), encoding = u16(name, rec + 2), language = u16(name, rec + 4);
    if (u16(name, rec + 6) != 6 || string_of(static_cast<int>(i)).empty()) continue;
    if (platform == 3 && (encoding == 0 || encoding == 1) && (language == 0x409 || win == -1)) win = static_cast<int>(i);
    if (platform == 1 && encoding == 0 && (language == 0 || apple == -1)) apple = static_cast<int>(i);
  }
  auto ok = [](uint32_t c) {
    return c >= 33 && c <= 126 && c != '(' && c != ')' && c != '<' && c != '>' && c != '[' && c != ']' &&
           c != '{' && c != '}' && c != '/' && c != '%';
  };
  if (win >= 0) {
    Bytes s = string_of(win);
    std::string r;
    size_t i = 0;
    for (; i + 1 < s.size(); i += 2) {
      if (u8(s, i) != 0 || !ok(u8(s, i + 1))) break;
      r += s[i + 1];
    }
    if (i + 1 >= s.size()) return r;
  }
  if (apple >= 0) {
    Bytes s = string_of(apple);
    if (std::all_of(s.begin(), s.end(), [&](char c) { return ok(static_cast<unsigned char>(c)); })) return std::string(s);
  }
  return "";
}

// A CFF INDEX at `at`: the offset after it, and the first item.
struct Index {
  size_t end = 0;
  uint32_t count = 0;
  Bytes first;
};

Index read_index(Bytes cff, size_t at) {
  Index x;
  need(cff, at + 2, "CFF INDEX");
  x.count = u16(cff, at);
  if (x.count == 0) {
    x.end = at + 2;
    return x;
  }
  need(cff, at + 3, "CFF INDEX");
  const uint32_t size = u8(cff, at + 2);
  if (size < 1 || size > 4) bad("CFF INDEX 的偏移长度无效");
  const size_t offsets = at + 3;
  need(cff, offsets + (x.count + 1) * size, "CFF INDEX");
  auto offset = [&](size_t i) {
    uint32_t v = 0;
    for (uint32_t k = 0; k < size; ++k) v = v << 8 | u8(cff, offsets + i * size + k);
    return static_cast<size_t>(v);
  };
  const size_t data = offsets + (x.count + 1) * size - 1;
  const size_t first = offset(0), second = offset(1), last = offset(x.count);
  if (first < 1 || second < first || last < second) bad("CFF INDEX 的偏移无效");
  need(cff, data + last, "CFF INDEX");
  x.first = cff.substr(data + first, second - first);
  x.end = data + last;
  return x;
}

// The operands of the Top DICT operators we read: ROS (12 30), charset (15), CharStrings (17).
struct TopDict {
  bool ros = false;
  long charset = 0, charstrings = -1;
};

TopDict read_top_dict(Bytes d) {
  TopDict t;
  std::vector<long> operands;
  for (size_t i = 0; i < d.size();) {
    const uint32_t b = u8(d, i);
    if (b <= 21) {  // operator
      uint32_t op = b;
      if (b == 12) {
        need(d, i + 2, "CFF Top DICT");
        op = 1200 + u8(d, i + 1);
        i += 2;
      } else {
        ++i;
      }
      if (op == 1230) t.ros = true;
      if (op == 15 && !operands.empty()) t.charset = operands.back();
      if (op == 17 && !operands.empty()) t.charstrings = operands.back();
      operands.clear();
    } else if (b == 28) {
      need(d, i + 3, "CFF Top DICT");
      operands.push_back(static_cast<int16_t>(u16(d, i + 1)));
      i += 3;
    } else if (b == 29) {
      need(d, i + 5, "CFF Top DICT");
      operands.push_back(static_cast<int32_t>(u32(d, i + 1)));
      i += 5;
    } else if (b == 30) {  // real: nibbles up to an 0xf
      ++i;
      while (i < d.size() && (u8(d, i) & 0x0f) != 0x0f && (u8(d, i) & 0xf0) != 0xf0) ++i;
      ++i;
      operands.push_back(0);
    } else if (b >= 32 && b <= 246) {
      operands.push_back(static_cast<long>(b) - 139);
      ++i;
    } else if (b >= 247 && b <= 254) {
      need(d, i + 2, "CFF Top DICT");
      const long w = (static_cast<long>(b) - (b <= 250 ? 247 : 251)) * 256 + u8(d, i + 1) + 108;
      operands.push_back(b <= 250 ? w : -w);
      i += 2;
    } else {
      bad("CFF Top DICT 无效");
    }
  }
  return t;
}

}  // namespace

std::optional<std::string> truncation(std::string_view file) {
  if (file.size() < 12) return std::nullopt;  // too short to say: not a font
  auto dirs = directories(file);
  if (!dirs) return "字体集合（.ttc）的目录不完整";
  for (size_t dir : *dirs) {
    std::vector<Record> records;
    const Walk w = walk(file, dir, records);
    if (w == Walk::NotSfnt) return std::nullopt;  // FreeType decides
    if (w == Walk::Cut) return "字体文件的表目录超出文件末尾";
    for (const Record& r : records)
      if (uint64_t{r.offset} + r.length > file.size()) {
        const uint32_t t = r.tag;
        const char name[4] = {char(t >> 24), char(t >> 16), char(t >> 8), char(t)};
        return "不完整：表 " + std::string(name, 4) + " 应到第 " + std::to_string(uint64_t{r.offset} + r.length) +
               " 字节，文件只有 " + std::to_string(file.size()) + " 字节";
      }
  }
  return std::nullopt;
}

std::string_view table_directory(std::string_view file, unsigned index) {
  const size_t dir = directory(file, index);
  if (dir == Bytes::npos || dir > file.size() || file.size() - dir < 12) return {};
  const size_t end = dir + 12 + 16 * size_t{u16(file, dir + 4)};
  return end <= file.size() ? file.substr(dir, end - dir) : std::string_view{};
}

unsigned face_count(std::string_view file) {
  auto dirs = directories(file);
  if (!dirs) return 0;
  if (file.size() >= 12 && u32(file, 0) == tag("ttcf")) return static_cast<unsigned>(dirs->size());
  return tables(file, 0).empty() ? 0 : 1;
}

FontFacts read_font_facts(std::string_view file, unsigned index, std::string_view& cff_table) {
  const size_t dir = directory(file, index);
  if (dir == Bytes::npos) bad("没有这个字体");
  const auto t = tables(file, dir);
  auto table = [&](const char* name) -> Bytes {
    auto it = t.find(tag(name));
    return it == t.end() ? Bytes() : it->second;
  };
  FontFacts f;
  const Bytes head = table("head"), hhea = table("hhea"), maxp = table("maxp"), os2 = table("OS/2");
  if (head.size() < 54 || u32(head, 12) != 0x5F0F3CF5) bad("head 表缺失或无效");
  if (hhea.size() < 36) bad("hhea 表缺失或无效");
  if (maxp.size() < 6 || u16(maxp, 4) == 0) bad("maxp 表缺失或无效");
  if (table("cmap").empty()) bad("没有 cmap 表");
  f.x_min = s16(head, 36);
  f.y_min = s16(head, 38);
  f.x_max = s16(head, 40);
  f.y_max = s16(head, 42);
  // FreeType's sfnt_load_face: OS/2 typo metrics when USE_TYPO_METRICS is set, else
  // hhea; when hhea says 0 and 0, OS/2 typo metrics, else its Windows metrics.
  const bool has_os2 = os2.size() >= 78;
  if (has_os2 && (u16(os2, 62) & 128)) {
    f.ascender = s16(os2, 68);
    f.descender = s16(os2, 70);
  } else {
    f.ascender = s16(hhea, 4);
    f.descender = s16(hhea, 6);
    if (f.ascender == 0 && f.descender == 0 && has_os2) {
      if (s16(os2, 68) != 0 || s16(os2, 70) != 0) {
        f.ascender = s16(os2, 68);
        f.descender = s16(os2, 70);
      } else {
        f.ascender = static_cast<int16_t>(u16(os2, 74));
        f.descender = -static_cast<int16_t>(u16(os2, 76));
      }
    }
  }
  f.ps_name = ps_name(table("name"));
  cff_table = table("CFF ");
  f.cff = !cff_table.empty();
  if (f.cff) {
    need(cff_table, 4, "CFF 表");
    const Index names = read_index(cff_table, u8(cff_table, 2));
    const Index top = read_index(cff_table, names.end);
    if (top.count == 0) bad("CFF 表没有 Top DICT");
    f.cid_keyed = read_top_dict(top.first).ros;
  } else if (table("glyf").empty() || table("loca").empty()) {
    bad("既没有 CFF 也没有 glyf 字形");
  }
  return f;
}

bool CidMap::load(std::string_view cff) {
  try {
    need(cff, 4, "CFF 表");
    const Index names = read_index(cff, u8(cff, 2));
    const Index top = read_index(cff, names.end);
    if (top.count == 0) return false;
    const TopDict d = read_top_dict(top.first);
    if (!d.ros || d.charset <= 2 || d.charstrings < 0) return false;  // CID fonts have their own charset
    glyphs_ = read_index(cff, static_cast<size_t>(d.charstrings)).count;
    size_t at = static_cast<size_t>(d.charset);
    need(cff, at + 1, "CFF charset");
    const uint32_t format = u8(cff, at++);
    if (format == 0) {
      need(cff, at + 2 * (glyphs_ > 0 ? glyphs_ - 1 : 0), "CFF charset");
      format0_ = reinterpret_cast<const unsigned char*>(cff.data() + at);
      return true;
    }
    if (format != 1 && format != 2) return false;
    for (uint32_t gid = 1; gid < glyphs_;) {
      need(cff, at + (format == 1 ? 3 : 4), "CFF charset");
      const uint32_t first = u16(cff, at), left = format == 1 ? u8(cff, at + 2) : u16(cff, at + 2);
      at += format == 1 ? 3 : 4;
      ranges_.push_back({gid, first, left + 1});
      gid += left + 1;
    }
    return true;
  } catch (const std::runtime_error&) {
    format0_ = nullptr;
    ranges_.clear();
    return false;
  }
}

uint32_t CidMap::cid(uint32_t gid) const {
  if (gid >= glyphs_ || (!format0_ && ranges_.empty())) return gid;
  if (gid == 0) return 0;
  if (format0_) return static_cast<uint32_t>(format0_[2 * (gid - 1)]) << 8 | format0_[2 * (gid - 1) + 1];
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), gid,
                             [](uint32_t g, const Range& r) { return g < r.first_gid; });
  --it;  // ranges_ starts at glyph 1
  return gid - it->first_gid < it->count ? it->first_cid + (gid - it->first_gid) : 0;
}

}  // namespace nb::font
