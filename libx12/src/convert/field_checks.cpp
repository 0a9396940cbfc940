#include "convert/field_checks.h"

#include <fmt/format.h>

namespace x12::detail {

void problems::add(std::string_view where, std::string_view message) {
  if (list_.size() < shown)
    list_.push_back(where.empty() ? std::string(message) : fmt::format("{}: {}", where, message));
  else
    ++more_;
}

failure problems::to_failure() const {
  std::vector<std::string> list = list_;
  if (more_)
    list.push_back(fmt::format("... and {} more problem{}", more_, more_ == 1 ? "" : "s"));
  return failure(std::move(list));
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// The separators the generators write with (delimiters{}): a value holding
// one would split its element.
constexpr std::string_view separators = "*:^~";

} // namespace

std::string_view text_problem(std::string_view s, charset chars) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7E)
      return "holds a character X12 cannot carry (printable ASCII only)";
    if (separators.find(c) != std::string_view::npos)
      return "holds one of * : ^ ~, which separate X12 data";
    if (chars == charset::digits && !is_digit(c))
      return "expected digits only";
    if (chars == charset::alnum && !is_digit(c) && !is_upper(c))
      return "expected upper-case letters and digits only";
  }
  return {};
}

std::optional<std::string> x12_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-')
    return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!is_digit(d[i]))
      return std::nullopt;
  auto number = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i)
      v = v * 10 + (d[i] - '0');
    return v;
  };
  int y = number(0, 4), m = number(5, 2), day = number(8, 2);
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1800 || m < 1 || m > 12 || day < 1 || day > days[m - 1] + (m == 2 && leap))
    return std::nullopt;
  return fmt::format("{}{}{}", d.substr(0, 4), d.substr(5, 2), d.substr(8, 2));
}

} // namespace x12::detail
