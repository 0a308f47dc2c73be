// Hexadecimal digits: of bytes (digests in names, the file identifier) and of a
// 16-bit code (PDF hex strings, ToUnicode CMaps).
#pragma once
#include <cstdint>
#include <span>
#include <string>

namespace nb {

// Two digits a byte.
inline std::string to_hex(std::span<const uint8_t> bytes, bool upper = false) {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string s;
  s.reserve(bytes.size() * 2);
  for (uint8_t b : bytes) {
    s += digits[b >> 4];
    s += digits[b & 15];
  }
  return s;
}

// Four upper-case digits of the low 16 bits of v.
inline void append_hex4(std::string& out, unsigned v) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  const char b[4] = {kDigits[v >> 12 & 15], kDigits[v >> 8 & 15], kDigits[v >> 4 & 15], kDigits[v & 15]};
  out.append(b, 4);
}

}  // namespace nb
