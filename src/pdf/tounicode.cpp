#include "pdf/tounicode.hpp"

#include <vector>

#include "core/hex.hpp"

namespace nb::pdf {

namespace {

void utf16(std::string& out, char32_t c) {
  if (c >= 0x10000) {
    c -= 0x10000;
    append_hex4(out, 0xD800 + (c >> 10));
    append_hex4(out, 0xDC00 + (c & 0x3FF));
  } else {
    append_hex4(out, c);
  }
}

}  // namespace

std::string to_unicode_cmap(const std::map<uint32_t, std::u32string>& code_text) {
  std::string o =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  std::vector<std::pair<uint32_t, const std::u32string*>> v;
  for (const auto& [code, text] : code_text)
    if (!text.empty()) v.emplace_back(code, &text);
  for (size_t i = 0; i < v.size(); i += 100) {
    size_t n = std::min<size_t>(100, v.size() - i);
    o += std::to_string(n) + " beginbfchar\n";
    for (size_t k = i; k < i + n; ++k) {
      o += '<';
      append_hex4(o, v[k].first);
      o += "> <";
      for (char32_t c : *v[k].second) utf16(o, c);
      o += ">\n";
    }
    o += "endbfchar\n";
  }
  o += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return o;
}

}  // namespace nb::pdf
