#include "rules/rules_types.h"

#include <cstdint>

#include "rules/rules_compiled.h"
#include "x12/decimal.h"

namespace x12::detail {

namespace {

const char *type_code(data_type t) {
  switch (t) {
  case data_type::alphanumeric:
    return "AN";
  case data_type::identifier:
    return "ID";
  case data_type::date:
    return "DT";
  case data_type::time:
    return "TM";
  case data_type::decimal:
    return "R";
  case data_type::number:
    return "N";
  case data_type::binary:
    return "B";
  case data_type::composite:
    return "a composite";
  }
  return "?";
}

bool is_number(const static_value &v) { return v.kind == value_kind::number; }
bool is_date(const static_value &v) { return v.kind == value_kind::date; }

bool reads_as_number(std::string_view text) { return decimal::parse(text).has_value(); }

bool reads_as_date(std::string_view text) {
  std::int32_t days = 0;
  return days_of(text, days);
}

// A text element that is not compared with a number as it stands: its
// values are words, not amounts. An ID element with a number among its
// codes (HL03 22, CLM05-3 1), or with codes from an outside list, compares
// with numbers as its codes do.
bool text_element(const static_value &v) {
  return v.element && v.kind == value_kind::text &&
         !(v.type == data_type::identifier && v.numeric_codes);
}

std::string as_text_hint(const static_value &number) {
  return number.literal ? "'" + number.text + "'" : "text";
}

// `text` is an element the dictionary types as text, `other` a number:
// text is read as a number only when the rule says so, with number().
std::string text_as_number(const static_value &text, const static_value &other, bool arithmetic) {
  const std::string used =
      arithmetic ? ", in arithmetic here with the number " : ", compared here with the number ";
  if (text.type == data_type::date)
    return text.name + " is a date (DT)" + used + other.name + ": use date(" + text.name +
           ") and a date (2030-01-01)";
  if (text.type == data_type::identifier)
    return text.name + " is a code (ID) and none of its codes is a number, so this never holds: " +
           "compare it with one of its codes, quoted";
  return text.name + " is text (" + type_code(text.type) + " in the dictionary)" + used +
         other.name + ": read it as one with number(" + text.name + "), compare it with text (" +
         as_text_hint(other) + "), or count its characters with length(" + text.name + ")";
}

} // namespace

std::string never_holds(std::string_view op, const static_value &a, const static_value &b) {
  const bool arithmetic = op == "+" || op == "-" || op == "*";
  for (int side = 0; side < 2; ++side) {
    const static_value &x = side ? b : a, &y = side ? a : b;
    if (is_number(y) && text_element(x))
      return text_as_number(x, y, arithmetic);
    if (is_number(y) && x.literal && x.kind == value_kind::text && !reads_as_number(x.text))
      return x.name + " is not a number, and " + y.name + " is one: it never " +
             (arithmetic ? "adds up" : "compares");
    if (is_date(y) && x.literal && x.kind == value_kind::text && !reads_as_date(x.text))
      return x.name + " is not a CCYYMMDD date, and " + y.name +
             " is a date: write the date itself (2030-01-01) or its CCYYMMDD ('20300101')";
    if (is_date(y) && !arithmetic && x.kind == value_kind::number)
      return y.name + " is a date and " + x.name +
             " a number: they never compare; write the date itself (2030-01-01)";
    if (is_date(y) && x.element && x.kind == value_kind::text && x.type == data_type::time)
      return x.name + " is a time (TM), never a date like " + y.name;
  }
  return {};
}

std::string never_a_date(std::string_view function, const static_value &arg) {
  const std::string call = std::string(function) + "(" + arg.name + ")";
  if (arg.literal && arg.kind == value_kind::text) {
    std::string_view s = arg.text;
    if (s.size() == 17 && s[8] == '-')
      return reads_as_date(s.substr(0, 8)) && reads_as_date(s.substr(9))
                 ? std::string()
                 : call + " is never a date: the range is not CCYYMMDD-CCYYMMDD";
    return reads_as_date(s) ? std::string()
                            : call + " is never a date: " + std::string(function) +
                                  "() reads CCYYMMDD; write the date itself (2030-01-01)";
  }
  if (arg.kind == value_kind::number)
    return call + " is never a date: " + arg.name + " is a number" +
           (arg.element ? std::string(" (") + type_code(arg.type) + ")" : std::string()) +
           ", and " + std::string(function) + "() reads CCYYMMDD text";
  if (arg.element && (arg.type == data_type::time || arg.type == data_type::identifier))
    return call + " is never a date: " + arg.name + " is " +
           (arg.type == data_type::time ? "a time (TM)" : "a code (ID)");
  return {};
}

value_kind arithmetic_kind(std::string_view op, const static_value &a, const static_value &b) {
  if (is_date(a) && is_date(b))
    return op == "-" ? value_kind::number : value_kind::unknown;
  if (is_date(a) && is_number(b) && op != "*")
    return value_kind::date;
  if (is_number(a) && is_date(b) && op == "+")
    return value_kind::date;
  if (is_number(a) && is_number(b))
    return value_kind::number;
  return value_kind::unknown;
}

} // namespace x12::detail
