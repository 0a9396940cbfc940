#pragma once
// HMAC-SHA256, for pseudonyms that only the key's holder can link to their
// values (x12 deid). OpenSSL's libcrypto does the hashing: a keyed hash is
// not a thing to write by hand.

#include <array>
#include <string_view>

namespace x12::detail {

using keyed_digest = std::array<unsigned char, 32>;

/// HMAC-SHA256 of `data` under `key`. Throws x12::error when the library
/// refuses (it does not for these inputs).
keyed_digest hmac_sha256(std::string_view key, std::string_view data);

} // namespace x12::detail
