#include "x12/segment.h"

#include <cstring>

namespace x12 {

void split_view::iterator::advance() noexcept {
  if (done_) {
    end_ = true;
    return;
  }
  end_ = false;
  const void *hit = rest_.empty() ? nullptr : std::memchr(rest_.data(), sep_, rest_.size());
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
  std::size_t n = 1;
  for (char c : text_)
    n += c == sep_;
  return n;
}

std::string_view split_view::field(std::size_t i) const noexcept {
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

} // namespace x12
