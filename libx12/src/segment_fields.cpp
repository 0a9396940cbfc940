#include "x12/segment_fields.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace x12 {

// Eight bytes at a time: segments are short, and a memchr call per element
// costs more than the scan.
void segment_fields::assign(const segment_view &s) noexcept {
  const std::string_view text = s.text();
  const char sep = s.delims().element;
  component_ = s.delims().component;
  overflow_ = false;
  n_ = 0;
  std::size_t start = 0;
  auto field_at = [&](std::size_t end) {
    if (n_ <= capacity)
      f_[n_++] = {text.data() + start, end - start};
    else
      overflow_ = true;
    start = end + 1;
  };
  constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
  const std::uint64_t pattern = 0x0101010101010101ull * static_cast<unsigned char>(sep);
  std::size_t i = 0;
  // Byte k of a word is bits 8k..8k+7 on little-endian machines only.
  if constexpr (std::endian::native == std::endian::little)
    for (; i + 8 <= text.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      const std::uint64_t x = w ^ pattern;
      // High bit set exactly in the bytes of x that are zero.
      std::uint64_t hits = ~(((x & low7) + low7) | x | low7);
      while (hits) {
        field_at(i + (static_cast<unsigned>(std::countr_zero(hits)) >> 3));
        hits &= hits - 1;
      }
    }
  for (; i < text.size(); ++i)
    if (text[i] == sep)
      field_at(i);
  field_at(text.size());
}

} // namespace x12
