#include "x12/age_sex.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

#include "pair_key.h"
#include "x12/csv.h"
#include "x12/error.h"
#include "x12/input.h"

namespace x12 {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char &c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

} // namespace

void age_sex_table::add_file(const std::string &path) {
  input_buffer in = input_buffer::open(path);
  while (in.more())
    continue;
  csv_reader csv(in.bytes());
  auto fail = [&](const std::string &message) -> void {
    throw error(message, {path, 0, csv.line(), 1});
  };
  std::vector<std::string> fields;
  auto next = [&] {
    result<bool> more = csv.next(fields);
    if (!more)
      fail(more.error().message());
    return *more;
  };
  static const std::vector<std::string> header = {"code", "list", "sex", "min_age", "max_age"};
  if (!next())
    fail("the table is empty; the first line is the header 'code,list,sex,min_age,max_age'");
  std::vector<std::string> got;
  for (const std::string &h : fields)
    got.push_back(lower(h));
  if (got != header)
    fail("the header is not 'code,list,sex,min_age,max_age'");
  auto age = [&](const std::string &text, const char *column) -> std::optional<unsigned> {
    if (text.empty())
      return std::nullopt;
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value > 150)
      fail(std::string(column) + " '" + text + "' is not an age in years (0 to 150)");
    return value;
  };
  while (next()) {
    if (fields.size() != header.size())
      fail("the row has " + std::to_string(fields.size()) + " fields; the header has 5");
    const std::string &code = fields[0], list = lower(fields[1]), sex = fields[2];
    if (code.empty())
      fail("the row has no code");
    if (!list.empty() && list != "procedure" && list != "diagnosis")
      fail("list '" + fields[1] + "' is not procedure, diagnosis or empty (both)");
    if (!sex.empty() && sex != "M" && sex != "F")
      fail("sex '" + sex + "' is not M, F or empty (either)");
    age_sex_limit l;
    l.sex = sex.empty() ? 0 : sex[0];
    l.min_age = age(fields[3], "min_age");
    l.max_age = age(fields[4], "max_age");
    if (l.min_age && l.max_age && *l.min_age > *l.max_age)
      fail("min_age is above max_age");
    if (!l.sex && !l.min_age && !l.max_age)
      fail("the row limits neither sex nor age");
    for (std::string_view each : {std::string_view("procedure"), std::string_view("diagnosis")})
      if (list.empty() || list == each)
        if (!limits_.emplace(scrub_detail::pair_key(each, code), l).second)
          fail("code " + code + " is listed twice for its " + std::string(each) + "s");
  }
}

const age_sex_limit *age_sex_table::find(std::string_view list, std::string_view code) const {
  auto it = limits_.find(scrub_detail::pair_key(list, code));
  return it == limits_.end() ? nullptr : &it->second;
}

} // namespace x12
