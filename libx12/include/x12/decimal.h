#pragma once
// decimal: an exact fixed-point number for the totals x12kit computes from
// amounts (X12 type R, e.g. "-12.50"). Amounts themselves are carried as the
// text that was sent; only sums are made, and a double would turn
// 0.10 + 0.20 into 0.30000000000000004.
//
//   x12::decimal total = x12::decimal::zero(2);
//   if (auto d = x12::decimal::parse("20.00")) total += *d;
//   total.to_string(); // "20.00"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace x12 {

class decimal {
public:
  /// More fractional digits than any X12 amount carries in practice.
  static constexpr int max_scale = 6;

  /// Zero written with `scale` fractional digits ("0.00" for 2).
  static decimal zero(int scale = 0) noexcept { return decimal(0, scale); }
  /// An optional '-' or '+', digits, an optional '.' and digits; at least
  /// one digit and at most max_scale after the point. Nothing else, no
  /// exponent, no spaces. Empty when the text is not such a number or does
  /// not fit in 18 significant digits.
  static std::optional<decimal> parse(std::string_view text) noexcept;

  /// Adds exactly, keeping the larger scale of the two. Returns false (and
  /// leaves *this unchanged) on overflow.
  bool add(const decimal &other) noexcept;
  /// Subtracts exactly, as add() does.
  bool subtract(const decimal &other) noexcept;
  /// Multiplies exactly: the scale is the sum of the two, less trailing
  /// zeros past max_scale. Returns false (and leaves *this unchanged) when
  /// the product does not fit.
  bool multiply(const decimal &other) noexcept;
  /// A whole number.
  static decimal from_integer(std::int64_t n) noexcept { return decimal(n, 0); }

  /// Plain decimal notation with scale() fractional digits: "-12.50".
  std::string to_string() const;
  int scale() const noexcept { return scale_; }
  /// The value in units of 10^-scale().
  std::int64_t units() const noexcept { return units_; }

  friend bool operator==(const decimal &a, const decimal &b) noexcept;
  /// -1, 0 or 1 as a is less than, equal to or greater than b, exactly.
  friend int compare(const decimal &a, const decimal &b) noexcept;

private:
  decimal(std::int64_t units, int scale) noexcept : units_(units), scale_(scale) {}
  std::int64_t units_ = 0;
  int scale_ = 0;
};

} // namespace x12
