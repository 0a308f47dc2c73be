// SHA-256 (FIPS 180-4), for the file identifier.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace nb::pdf {

std::array<uint8_t, 32> sha256(std::string_view data);

}  // namespace nb::pdf
