#pragma once
// What reading a business document (JSON claims, a CSV roster) needs for
// every field, private to libx12: a list of problems that keeps them all,
// and the checks that make a value fit to travel in X12.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "x12/error.h"

namespace x12::detail {

/// Problems found in a document, each "where: message", reported together.
class problems {
public:
  void add(std::string_view where, std::string_view message);
  bool empty() const noexcept { return list_.empty(); }
  /// One line per problem; past the first 25, a last line counts the rest.
  failure to_failure() const;

private:
  static constexpr std::size_t shown = 25;
  std::vector<std::string> list_;
  std::size_t more_ = 0;
};

/// What a text value may hold: any text X12 carries, digits only, or an
/// alphanumeric code (upper-case letters and digits).
enum class charset { text, digits, alnum };

/// Why `s` cannot be sent as it is (a control byte, a non-ASCII character,
/// one of the separators, a character outside `chars`), or empty. Never
/// quotes `s`.
std::string_view text_problem(std::string_view s, charset chars);

/// "YYYY-MM-DD", a real date, as CCYYMMDD; nothing for anything else.
std::optional<std::string> x12_date(std::string_view iso);

} // namespace x12::detail
