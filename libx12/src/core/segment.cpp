#include "x12/segment.h"

#include <cstring>

namespace x12 {

void split_view::iterator::advance() noexcept {
  if (done_) {
    end_ = true;
    return;
  }
  end_ = false;
  const void *hit = rest_.empty() || whole_
                        ? nullptr
                        : std::memchr(rest_.data(), sep_, rest_.size());
  if (!hit) {
    current_ = rest_;
    rest_ = {};
    done_ = true;
    return;
  }
  std::size_t n = static_cast<const char *>(hit) - rest_.data();
  current_ = rest_.substr(0, n);
  rest_ = rest_.substr(n + 1);
}

std::size_t split_view::count() const noexcept {
  if (whole_)
    return 1;
  std::size_t n = 1;
  for (char c : text_)
    n += c == sep_;
  return n;
}

std::string_view split_view::field(std::size_t i) const noexcept {
  if (whole_)
    return i == 0 ? text_ : std::string_view{};
  std::string_view rest = text_;
  for (;;) {
    const void *hit = rest.empty() ? nullptr : std::memchr(rest.data(), sep_, rest.size());
    if (!hit)
      return i == 0 ? rest : std::string_view{};
    std::size_t n = static_cast<const char *>(hit) - rest.data();
    if (i == 0)
      return rest.substr(0, n);
    --i;
    rest = rest.substr(n + 1);
  }
}

std::string printable(std::string_view text, std::size_t max) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  std::size_t shown = 0;
  for (char c : text) {
    if (shown++ == max) {
      out += "...";
      break;
    }
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) {
      out += c;
    } else {
      out += "\\x";
      out += hex[u >> 4];
      out += hex[u & 0xf];
    }
  }
  return out;
}

} // namespace x12
