#pragma once
// A user's table of the ages and sex a procedure or diagnosis code fits,
// for scrub's age and sex edits (--age-sex; none is shipped: such lists
// come with licensed code books). RFC 4180 CSV with the header
// `code,list,sex,min_age,max_age`: list is procedure, diagnosis or empty
// (both), sex M, F or empty (either), ages in whole years, empty when open.
//
//   x12::age_sex_table t;
//   t.add_file("age-sex.csv");
//   if (const x12::age_sex_limit *l = t.find("procedure", "59400")) ...

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace x12 {

struct age_sex_limit {
  char sex = 0; // 'M', 'F', or 0 for either
  std::optional<unsigned> min_age, max_age;
};

class age_sex_table {
public:
  /// Reads `path`. Throws x12::error naming the file and line of a bad row.
  void add_file(const std::string &path);
  /// The limit on `code` of `list` ("procedure" or "diagnosis"), or null.
  const age_sex_limit *find(std::string_view list, std::string_view code) const;
  bool empty() const noexcept { return limits_.empty(); }

private:
  std::map<std::string, age_sex_limit, std::less<>> limits_; // list \x1f code
};

} // namespace x12
