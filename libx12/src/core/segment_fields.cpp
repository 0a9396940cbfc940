#include "x12/segment_fields.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace x12 {

// Eight bytes at a time: segments are short, and a memchr call per element
// costs more than the scan. A segment shorter than the capacity cannot
// have too many elements, so only longer ones pay for the check.
template <bool bounded>
void segment_fields::split(std::string_view text, char sep) noexcept {
  const char *data = text.data();
  const std::size_t size = text.size();
  field *out = f_, *const last = f_ + capacity;
  std::size_t start = 0;
  auto field_at = [&](std::size_t end) {
    if (!bounded || out <= last)
      *out++ = {data + start, end - start};
    else
      overflow_ = true;
    start = end + 1;
  };
  constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
  const std::uint64_t pattern = 0x0101010101010101ull * static_cast<unsigned char>(sep);
  // High bit set exactly in the bytes of the word that are `sep`.
  auto seps = [&](std::size_t at) {
    std::uint64_t w;
    std::memcpy(&w, data + at, 8);
    const std::uint64_t x = w ^ pattern;
    return ~(((x & low7) + low7) | x | low7);
  };
  std::size_t i = 0;
  // Byte k of a word is bits 8k..8k+7 on little-endian machines only.
  if constexpr (std::endian::native == std::endian::little) {
    for (; i + 8 <= size; i += 8)
      for (std::uint64_t hits = seps(i); hits; hits &= hits - 1)
        field_at(i + (static_cast<unsigned>(std::countr_zero(hits)) >> 3));
    // The last bytes as the tail of the last whole word, less the bytes
    // that word shares with the ones already scanned.
    if (i < size && size >= 8) {
      const std::size_t at = size - 8;
      for (std::uint64_t hits = seps(at) >> (8 * (i - at)) << (8 * (i - at)); hits;
           hits &= hits - 1)
        field_at(at + (static_cast<unsigned>(std::countr_zero(hits)) >> 3));
      i = size;
    }
  }
  for (; i < size; ++i)
    if (data[i] == sep)
      field_at(i);
  field_at(size);
  n_ = static_cast<unsigned>(out - f_);
}

void segment_fields::assign(const segment_view &s) noexcept {
  const std::string_view text = s.text();
  component_ = s.delims().component;
  overflow_ = false;
  if (text.size() < capacity)
    split<false>(text, s.delims().element);
  else
    split<true>(text, s.delims().element);
}

} // namespace x12
