#pragma once
// What a rule's operands are before any file is read: a number, text, a
// date. The compiler asks these questions of each comparison, arithmetic
// and date() so that a rule which can never fire is a load error, not a
// rule that passes every file (issue 17: `CLM01 < 5` loaded and said valid).

#include <string>
#include <string_view>

#include "x12/schema.h"

namespace x12::detail {

enum class value_kind { unknown, number, text, date };

/// One operand as the compiler knows it.
struct static_value {
  value_kind kind = value_kind::unknown;
  std::string name;     // as written in the rule: "CLM01", "'abc'", "date(DTP03)"
  bool literal = false; // a quoted text or a number written in the rule
  std::string text;     // a literal's text, quotes removed
  bool element = false; // an element's value
  data_type type = data_type::alphanumeric; // the element's type in the dictionary
  bool numeric_codes = false; // an ID element with a number among its codes, or no list
};

/// Why `a OP b`, a comparison or arithmetic, can never hold or never give
/// a value, as the sentence of a load error; empty when it can.
std::string never_holds(std::string_view op, const static_value &a, const static_value &b);

/// Why date() or date_end() of `arg` is never a date; empty when it can be.
std::string never_a_date(std::string_view function, const static_value &arg);

/// What `a OP b` gives for + - *: a number, a date (a date plus or minus
/// days), or unknown.
value_kind arithmetic_kind(std::string_view op, const static_value &a, const static_value &b);

} // namespace x12::detail
