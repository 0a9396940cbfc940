#pragma once
// Reading business documents from JSON (private to libx12): each value is
// read with its path, checked for what X12 can carry, and every problem is
// kept as "path: message" so one run reports them all. Messages never quote
// a value: documents hold patient data.

#include <boost/json/value.hpp>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convert/field_checks.h"
#include "x12/decimal.h"

namespace x12::detail {

enum class need { optional, required };

/// Checks one text value already found (an item of an array); `path` names
/// it in problems. Codes and IDs of `digits` or `alnum` may be JSON numbers.
std::optional<std::string> read_text(const boost::json::value *v, const std::string &path,
                                     problems &p, need n, std::size_t min, std::size_t max,
                                     charset chars = charset::text);

/// One JSON object and the path that names it.
class json_fields {
public:
  /// Reports `path: expected an object` when `v` is none (every read then
  /// finds nothing) and every key not in `known`. A missing `v` is reported
  /// as required, or quietly read as empty, as `n` says.
  json_fields(const boost::json::value *v, std::string path, problems &p,
              std::initializer_list<std::string_view> known, need n = need::required);

  bool present() const noexcept { return object_ != nullptr; }
  /// "path.key" ("key" at the top level).
  std::string at(std::string_view key) const;
  /// The value at `key`; null when absent or JSON null.
  const boost::json::value *find(std::string_view key) const;
  void problem(std::string_view key, std::string_view message) const;

  /// Text of `min` to `max` characters; empty when absent or rejected.
  std::string text(std::string_view key, need n, std::size_t max, std::size_t min = 1,
                   charset chars = charset::text) const;
  /// A decimal amount: a string ("125.00") or a whole JSON number, not
  /// negative, at most 2 decimal places.
  std::optional<decimal> amount(std::string_view key, need n) const;
  /// A quantity: as an amount, but more than zero, at most 3 decimal places.
  std::optional<decimal> quantity(std::string_view key, need n) const;
  /// "YYYY-MM-DD", a real date, as CCYYMMDD; empty when absent or rejected.
  std::string date(std::string_view key, need n) const;
  bool flag(std::string_view key) const; // absent: false
  /// The array at `key` (absent: none); reports anything else, and an
  /// empty or absent one when required.
  const boost::json::array *array(std::string_view key, need n) const;

private:
  const boost::json::object *object_ = nullptr;
  std::string path_;
  problems &problems_;
};

/// "path[i]".
std::string item_path(const std::string &path, std::size_t i);

} // namespace x12::detail
