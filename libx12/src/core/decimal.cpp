#include "x12/decimal.h"

namespace x12 {
namespace {

constexpr std::int64_t limit = 999'999'999'999'999'999; // 18 digits

// units * 10^n, or false when that leaves 18 digits.
bool rescale(std::int64_t &units, int n) noexcept {
  for (; n > 0; --n) {
    if (units > limit / 10 || units < -limit / 10)
      return false;
    units *= 10;
  }
  return true;
}

} // namespace

std::optional<decimal> decimal::parse(std::string_view text) noexcept {
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  std::int64_t units = 0;
  int digits = 0, scale = 0;
  bool point = false;
  for (char c : text) {
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (c < '0' || c > '9')
      return std::nullopt;
    if (units > (limit - (c - '0')) / 10)
      return std::nullopt;
    units = units * 10 + (c - '0');
    ++digits;
    if (point && ++scale > max_scale)
      return std::nullopt;
  }
  if (digits == 0)
    return std::nullopt;
  return decimal(negative ? -units : units, scale);
}

bool decimal::add(const decimal &other) noexcept {
  std::int64_t a = units_, b = other.units_;
  int scale = scale_ > other.scale_ ? scale_ : other.scale_;
  if (!rescale(a, scale - scale_) || !rescale(b, scale - other.scale_))
    return false;
  std::int64_t sum = a + b; // both within 18 digits: cannot overflow int64
  if (sum > limit || sum < -limit)
    return false;
  units_ = sum;
  scale_ = scale;
  return true;
}

bool decimal::subtract(const decimal &other) noexcept {
  decimal negated(-other.units_, other.scale_);
  return add(negated);
}

bool decimal::multiply(const decimal &other) noexcept {
  __int128 product = static_cast<__int128>(units_) * other.units_;
  int scale = scale_ + other.scale_;
  while (scale > max_scale && product % 10 == 0) {
    product /= 10;
    --scale;
  }
  if (scale > max_scale || product > limit || product < -limit)
    return false;
  units_ = static_cast<std::int64_t>(product);
  scale_ = scale;
  return true;
}

// Backwards into a buffer: one string built, not three.
std::string decimal::to_string() const {
  std::uint64_t magnitude = units_ < 0 ? 0 - std::uint64_t(units_) : std::uint64_t(units_);
  char text[32];
  char *const end = text + sizeof text;
  char *p = end;
  int digits = 0;
  do {
    if (digits == scale_ && scale_ > 0)
      *--p = '.';
    *--p = char('0' + magnitude % 10);
    magnitude /= 10;
    ++digits;
  } while (magnitude != 0 || digits <= scale_);
  if (units_ < 0)
    *--p = '-';
  return std::string(p, end);
}

int compare(const decimal &a, const decimal &b) noexcept {
  // Both within 18 digits and 6 decimals: at the larger scale they fit in 128 bits.
  static constexpr std::int64_t pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  __int128 x = a.units_, y = b.units_;
  if (a.scale_ < b.scale_)
    x *= pow10[b.scale_ - a.scale_];
  else if (b.scale_ < a.scale_)
    y *= pow10[a.scale_ - b.scale_];
  return x < y ? -1 : x > y ? 1 : 0;
}

bool operator==(const decimal &a, const decimal &b) noexcept {
  decimal x = a, y = b;
  int scale = a.scale_ > b.scale_ ? a.scale_ : b.scale_;
  return rescale(x.units_, scale - a.scale_) && rescale(y.units_, scale - b.scale_) &&
         x.units_ == y.units_;
}

} // namespace x12
