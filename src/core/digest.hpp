// SHA-256 from libcrypto (OpenSSL, which PoDoFo loads anyway): the PDF's file
// identifier and the names of stored font programs.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace nb {

using Sha256 = std::array<uint8_t, 32>;

Sha256 sha256(std::string_view data);

}  // namespace nb
