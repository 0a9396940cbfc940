#include "x12/finding_codes.h"

#include <algorithm>
#include <string>

#include "core/finding_code_table.h"

namespace x12 {
namespace {

using detail::finding_code_table;

constexpr bool sorted_and_unique() {
  for (std::size_t i = 1; i < std::size(finding_code_table); ++i)
    if (!(finding_code_table[i - 1].code < finding_code_table[i].code))
      return false;
  return true;
}
static_assert(sorted_and_unique(), "finding codes must be in code order, each once");

} // namespace

std::span<const finding_code> finding_codes() noexcept { return finding_code_table; }

const finding_code *find_finding_code(std::string_view code) noexcept {
  const auto *end = std::end(finding_code_table);
  const auto *it = std::lower_bound(
      std::begin(finding_code_table), end, code,
      [](const finding_code &c, std::string_view wanted) { return c.code < wanted; });
  return it != end && it->code == code ? it : nullptr;
}

finding finding_from(const finding_code &code) {
  finding f;
  f.level = code.level;
  f.snip = code.snip;
  f.code = std::string(code.code);
  f.segment_code = std::string(code.segment_code);
  f.element_code = std::string(code.element_code);
  f.ta1_note = std::string(code.ta1_note);
  return f;
}

} // namespace x12
