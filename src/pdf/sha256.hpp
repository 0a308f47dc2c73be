// SHA-256 (FIPS 180-4), for the file identifier.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace nb::pdf {

// With the CPU's SHA extensions where it has them.
std::array<uint8_t, 32> sha256(std::string_view data);
// Without them (for the tests on machines that have them).
std::array<uint8_t, 32> sha256_portable(std::string_view data);
// Two hex digits a byte (entry names, the file identifier, test hashes).
std::string to_hex(std::span<const uint8_t> bytes, bool upper = false);

}  // namespace nb::pdf
