// ToUnicode CMap: maps each 2-byte code to the text its glyph stands for.
#pragma once
#include <map>
#include <string>

namespace nb::pdf {

std::string to_unicode_cmap(const std::map<uint32_t, std::u32string>& code_text);

}  // namespace nb::pdf
