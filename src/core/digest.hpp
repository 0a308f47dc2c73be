// SHA-256 and MD5 from libcrypto (OpenSSL, which PoDoFo loads anyway): the PDF's
// file identifier, the names of stored font programs, an attachment's /CheckSum.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace nb {

using Sha256 = std::array<uint8_t, 32>;

Sha256 sha256(std::string_view data);

using Md5 = std::array<uint8_t, 16>;

// What the PDF format names for an embedded file's /CheckSum; not for security.
Md5 md5(std::string_view data);

}  // namespace nb
