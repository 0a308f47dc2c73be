#include "core/digest.hpp"

// libcrypto's own SHA-256 functions, not EVP: OpenSSL 3's EVP loads its default
// provider on first use, 1.4 MiB and 1.2–2 ms a process (5 % of the sample's
// memory) for one digest. These are deprecated in OpenSSL 3 but part of
// Debian 12's libcrypto, with the same CPU-specific code (SHA-NI).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/md5.h>
#include <openssl/sha.h>

#include "core/source.hpp"

namespace nb {

Sha256 sha256(std::string_view data) {
  Sha256 out{};
  SHA256_CTX ctx;
  if (!SHA256_Init(&ctx) || !SHA256_Update(&ctx, data.data(), data.size()) || !SHA256_Final(out.data(), &ctx))
    throw EnvironmentError{"libcrypto 无法计算 SHA-256：请检查 OpenSSL（libssl3）的安装"};
  return out;
}

Md5 md5(std::string_view data) {
  Md5 out{};
  MD5_CTX ctx;
  if (!MD5_Init(&ctx) || !MD5_Update(&ctx, data.data(), data.size()) || !MD5_Final(out.data(), &ctx))
    throw EnvironmentError{"libcrypto 无法计算 MD5：请检查 OpenSSL（libssl3）的安装"};
  return out;
}

}  // namespace nb
