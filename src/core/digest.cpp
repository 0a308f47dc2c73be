#include "core/digest.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "core/source.hpp"

namespace nb {

namespace {

// Fetched once; never freed (the process ends first). No configuration file is
// read: the default provider's SHA-256 is all that is wanted.
const EVP_MD* method() {
  static const EVP_MD* md = [] {
    OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr);
    return EVP_MD_fetch(nullptr, "SHA2-256", nullptr);
  }();
  return md;
}

}  // namespace

void prepare_digest() { (void)method(); }

Sha256 sha256(std::string_view data) {
  Sha256 out{};
  unsigned length = 0;
  const EVP_MD* md = method();
  if (!md || !EVP_Digest(data.data(), data.size(), out.data(), &length, md, nullptr) || length != out.size())
    throw EnvironmentError{"libcrypto 无法计算 SHA-256：请检查 OpenSSL（libssl3）的安装"};
  return out;
}

}  // namespace nb
