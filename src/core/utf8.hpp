// UTF-8 <-> UTF-32 conversion.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace nb {

// Decodes well-formed UTF-8; nullopt on any malformed sequence.
std::optional<std::u32string> decode_utf8(std::string_view s);
std::string encode_utf8(std::u32string_view s);
void append_utf8(std::string& out, char32_t c);
// "U+4E2D"
std::string codepoint_name(char32_t c);

}  // namespace nb
