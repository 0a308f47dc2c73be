#include "pdf/file_id.hpp"

#include <cctype>

#include "core/source.hpp"
#include "core/digest.hpp"
#include "core/hex.hpp"

namespace nb::pdf {

namespace {

constexpr size_t kHex = 32;  // digits of a 16-byte string

bool hex_digits(const std::string& s, size_t at) {
  if (at + kHex > s.size()) return false;
  for (size_t i = at; i < at + kHex; ++i)
    if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

}  // namespace

void set_file_id(std::string& pdf) {
  // PoDoFo writes "/ID [ <32 hex> <32 hex> ]" in the last trailer.
  size_t trailer = pdf.rfind("\ntrailer");
  size_t id = trailer == std::string::npos ? trailer : pdf.find("/ID [ <", trailer);
  size_t first = id + 7, second = first + kHex + 3;
  if (id == std::string::npos || !hex_digits(pdf, first) || pdf.compare(first + kHex, 3, "> <") != 0 ||
      !hex_digits(pdf, second))
    throw EnvironmentError{"生成 PDF 失败：找不到文件尾的 /ID（PoDoFo 的输出格式与预期不同）"};
  pdf.replace(first, kHex, kHex, '0');
  pdf.replace(second, kHex, kHex, '0');
  const auto digest = sha256(pdf);
  const std::string hex = to_hex(std::span(digest).first(kHex / 2), true);  // the first 128 bits
  pdf.replace(first, kHex, hex);
  pdf.replace(second, kHex, hex);
}

}  // namespace nb::pdf
