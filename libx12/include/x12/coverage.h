#pragma once
// What 271 eligibility responses said of members' coverage, for scrub's
// eligibility edit (--eligibility): read once from the files, looked up by
// payer and subscriber ID. Only what decides coverage is kept: active (EB01
// 1) and inactive (6, 7, 8) benefits with their dates, and a member the
// payer did not find (AAA at the subscriber or dependent level).
//
//   x12::coverage_table t;
//   t.add_file("responses.271");
//   for (const x12::coverage_fact &f : *t.find("CHP00001", "XJD100200300")) ...

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace x12 {

struct coverage_fact {
  enum class kind { active, inactive, not_found };
  kind what = kind::active;
  bool dependent = false;            // of a dependent (2100D), else the subscriber
  std::string last_name, first_name; // the member's, to tell dependents apart
  std::string eligibility_code;      // EB01; empty when not found
  std::string service_types;         // EB03 joined by ';'; empty: every type
  std::string from, to;              // YYYY-MM-DD; empty when open
  std::string reasons;               // AAA03/AAA04 pairs when not found ("75/N")
  std::string trace_number, file;    // TRN02 of the member's TRN*2, and the 271
};

class coverage_table {
public:
  /// Reads the 271s of `path`. Throws x12::error when it cannot be read or
  /// holds no 271.
  void add_file(const std::string &path);
  /// What the responses said of the members under `subscriber_id` at
  /// `payer_id` (2100A NM109), in file order; null when none answered.
  const std::vector<coverage_fact> *find(std::string_view payer_id,
                                         std::string_view subscriber_id) const;
  std::size_t size() const noexcept { return by_member_.size(); }
  bool empty() const noexcept { return by_member_.empty(); }

private:
  std::map<std::string, std::vector<coverage_fact>, std::less<>> by_member_; // payer \x1f id
};

} // namespace x12
