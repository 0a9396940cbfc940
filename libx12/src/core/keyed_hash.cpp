#include "core/keyed_hash.h"

#include <openssl/evp.h>

#include "x12/error.h"

namespace x12::detail {

keyed_digest hmac_sha256(std::string_view key, std::string_view data) {
  keyed_digest out{};
  std::size_t length = 0;
  if (!EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), key.size(),
                 reinterpret_cast<const unsigned char *>(data.data()), data.size(), out.data(),
                 out.size(), &length) ||
      length != out.size())
    throw error("HMAC-SHA256 failed in OpenSSL");
  return out;
}

} // namespace x12::detail
