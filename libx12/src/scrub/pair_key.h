#pragma once
// One map key of two parts (payer and member, list and code), joined by a
// unit separator that no X12 value or CSV code holds.

#include <string>
#include <string_view>

namespace x12::scrub_detail {

inline std::string pair_key(std::string_view a, std::string_view b) {
  std::string key(a);
  key.push_back('\x1f');
  key.append(b);
  return key;
}

} // namespace x12::scrub_detail
