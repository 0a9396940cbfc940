// Format checks for identifiers and codes, and the SNIP 5 check that picks
// a format check or a table for an element's code list.

#include <algorithm>
#include <array>
#include <cstring>

#include "x12/codes.h"

#include "core/finding_code_table.h"

namespace x12 {

using detail::registered_code;

namespace {

// `s` is the literal: a compare of known length, which the compiler inlines
// (a string_view == "npi" calls memcmp, once per coded value).
template <std::size_t n>
bool is(std::string_view s, const char (&literal)[n]) noexcept {
  return s.size() == n - 1 && std::memcmp(s.data(), literal, n - 1) == 0;
}

bool digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
bool all_digits(std::string_view s) noexcept { return std::all_of(s.begin(), s.end(), digit); }

// Sorted, for binary search.
constexpr std::array<std::string_view, 75> state_codes{
    "AA", "AB", "AE", "AK", "AL", "AP", "AR", "AS", "AZ", "BC", "CA", "CO", "CT", "DC", "DE",
    "FL", "FM", "GA", "GU", "HI", "IA", "ID", "IL", "IN", "KS", "KY", "LA", "MA", "MB", "MD",
    "ME", "MH", "MI", "MN", "MO", "MP", "MS", "MT", "NB", "NC", "ND", "NE", "NH", "NJ", "NL",
    "NM", "NS", "NT", "NU", "NV", "NY", "OH", "OK", "ON", "OR", "PA", "PE", "PR", "PW", "QC",
    "RI", "SC", "SD", "SK", "TN", "TX", "UM", "UT", "VA", "VI", "VT", "WA", "WI", "WV", "WY"};
static_assert(std::is_sorted(state_codes.begin(), state_codes.end()));

std::string said(std::string_view value, std::string_view element, bool quote) {
  if (quote)
    return "'" + std::string(value) + "'";
  return element.empty() ? std::string("the value") : std::string(element);
}

std::string vintage_of(const code_table &t) {
  return t.vintage.empty() ? std::string() : " (" + t.vintage + ")";
}

// Which qualifiers put a value in the code set the schema names: the same
// composite carries ICD-9 (BK, BF) or revenue codes (NU) under other ones.
bool qualifier_selects(std::string_view list, std::string_view q) noexcept {
  if (q.empty())
    return true;
  if (is(list, "npi"))
    return is(q, "XX");
  if (is(list, "hcpcs"))
    return is(q, "HC") || is(q, "AD") || is(q, "BP") || is(q, "BO");
  if (is(list, "icd10cm"))
    return is(q.substr(0, 2), "AB") || is(q, "APR");
  return true;
}

} // namespace

std::string_view npi_problem(std::string_view npi) noexcept {
  if (npi.size() != 10 || !all_digits(npi))
    return "is not 10 digits";
  // Luhn over "80840" + NPI: the prefix's digits add 24 whatever the NPI.
  int sum = 24;
  for (int i = 9, from_right = 0; i >= 0; --i, ++from_right) {
    int d = npi[i] - '0';
    if (from_right % 2 == 1) {
      d *= 2;
      if (d > 9)
        d -= 9;
    }
    sum += d;
  }
  return sum % 10 == 0 ? std::string_view{} : "has a wrong check digit";
}

bool valid_tin(std::string_view tin) noexcept { return tin.size() == 9 && all_digits(tin); }

bool icd10cm_dotted(std::string_view code) noexcept {
  return code.find('.') != std::string_view::npos;
}

std::string_view icd10cm_problem(std::string_view code) noexcept {
  if (icd10cm_dotted(code))
    return "is written with a decimal point; X12 carries ICD-10-CM codes without it";
  if (code.size() < 3 || code.size() > 7 || !upper(code[0]) || !digit(code[1]))
    return "is not shaped like an ICD-10-CM code";
  for (char c : code.substr(2))
    if (!digit(c) && !upper(c))
      return "is not shaped like an ICD-10-CM code";
  return {};
}

bool hcpcs_shape(std::string_view code) noexcept {
  return code.size() == 5 && code[0] >= 'A' && code[0] <= 'V' && all_digits(code.substr(1));
}

bool cpt_shape(std::string_view code) noexcept {
  if (code.size() != 5)
    return false;
  char last = code[4];
  return all_digits(code.substr(0, 4)) && (digit(last) || last == 'F' || last == 'T' || last == 'U');
}

bool valid_ndc(std::string_view code) noexcept { return code.size() == 11 && all_digits(code); }

bool valid_zip(std::string_view code) noexcept {
  return (code.size() == 5 || code.size() == 9) && all_digits(code);
}

bool valid_state(std::string_view code) noexcept {
  return std::binary_search(state_codes.begin(), state_codes.end(), code);
}

namespace {

// A code the table lists, but not on `day`.
code_finding not_in_effect(const code_table &t, const code_row &row, std::string_view value,
                           std::string_view element, bool quote, std::string_view day) {
  std::string when = !row.effective.empty() && day < row.effective
                         ? "it takes effect " + row.effective
                         : "it ended " + row.termination;
  return code_finding{&registered_code("code-not-in-effect"),
                      said(value, element, quote) + " is in the " + t.title + " list" +
                          vintage_of(t) + " but not on the date of service " +
                          std::string(day) + ": " + when};
}

// A value of a list that has a table (or would: `table` null is a shape
// check only), as of `day` when it is given.
std::optional<code_finding> listed(const code_table *table, std::string_view list,
                                   std::string_view value, std::string_view element, bool quote,
                                   std::string_view day) {
  const code_row *row = table ? table->find(value) : nullptr;
  if (row && !day.empty() && !table->find(value, day))
    return not_in_effect(*table, *row, value, element, quote, day);
  if (is(list, "icd10cm")) {
    std::string_view why = icd10cm_problem(value);
    if (!why.empty())
      return code_finding{icd10cm_dotted(value) ? &registered_code("icd10-dotted")
                                                  : &registered_code("icd10-format"),
                          said(value, element, quote) + " " + std::string(why)};
    if (!table || row)
      return std::nullopt;
    if (table->has_longer(value))
      return code_finding{&registered_code("icd10-not-billable"),
                          said(value, element, quote) + " is a category in the " + table->title +
                              " list" + vintage_of(*table) +
                              ", not a billable code; use one of the codes under it"};
  }
  if (!table || row)
    return std::nullopt;
  return code_finding{&registered_code("code-unknown"), said(value, element, quote) +
                                                           " is not in the " + table->title +
                                                           " list" + vintage_of(*table)};
}

} // namespace

std::optional<code_finding> check_code(const code_set &codes, std::string_view list,
                                       std::string_view value, std::string_view qualifier,
                                       std::string_view element, bool quote,
                                       std::string_view day) {
  if (!qualifier_selects(list, qualifier))
    return std::nullopt;
  if (is(list, "npi")) {
    std::string_view why = npi_problem(value);
    if (why.empty())
      return std::nullopt;
    return code_finding{value.size() == 10 && all_digits(value) ? &registered_code("npi-check-digit")
                                                             : &registered_code("npi-format"),
                        said(value, element, quote) + " is not a valid NPI: it " + std::string(why)};
  }
  if (is(list, "hcpcs")) {
    if (hcpcs_shape(value) || cpt_shape(value))
      return std::nullopt;
    return code_finding{&registered_code("procedure-code-format"),
                        said(value, element, quote) +
                            " is shaped like neither a HCPCS Level II code (A0000) nor a CPT "
                            "code (5 digits, or 4 digits and F, T or U)"};
  }
  if (is(list, "state")) {
    if (valid_state(value))
      return std::nullopt;
    return code_finding{&registered_code("code-unknown"),
                        said(value, element, quote) +
                            " is not a US state, territory or Canadian province code"};
  }
  const code_table *table = codes.table(list);
  if (table && !day.empty() && !table->covers(day))
    table = nullptr;
  return listed(table, list, value, element, quote, day);
}

std::optional<code_finding> check_code_in(const code_table *table, std::string_view list,
                                          std::string_view value, std::string_view qualifier,
                                          std::string_view element, bool quote,
                                          std::string_view day) {
  if (!qualifier_selects(list, qualifier))
    return std::nullopt;
  return listed(table, list, value, element, quote, day);
}

} // namespace x12
