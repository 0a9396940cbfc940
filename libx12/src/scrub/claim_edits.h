#pragma once
// The claim edits of scrub beyond validation, each on one billed claim:
//   zero-charge          CLM02 is 0 (reject); a line's charge is 0 (warn:
//                        a no-charge follow-up visit is billed so)
//   future-service-date  a date of service after the as-of date
//   timely-filing        a date of service more than the filing limit
//                        before the as-of date
//   duplicate-claim      the same patient (member ID and birth date) and the
//                        same lines (date, procedure, modifiers, charge) as
//                        an earlier claim of the run; replacements and voids
//                        (CLM05-3 7, 8) are not duplicates; only clean
//                        claims count as earlier ones
// Messages name no dates or patient data unless show_phi.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "x12/finding.h"
#include "x12/scrub.h"
#include "x12/unit.h"

namespace x12::scrub_detail {

/// A finding placed on the claim's CLM, with its claim keys; no code yet.
finding claim_finding(const claim_unit &u, const std::string &file);

/// `base` (placed, with its keys) made an edit: the registry entry's code,
/// level and SNIP, and `message`.
finding coded(finding base, const finding_code &code, std::string message);

/// Moves `f` onto the service line (its LX).
void place_on_line(finding &f, const claim_unit &u, const billed_line &line);

/// YYYY-MM-DD naming a day of the calendar.
bool is_iso_date(std::string_view text);

class claim_edits {
public:
  explicit claim_edits(const scrub_options &options) : options_(options) {}

  /// Appends the edits that fire on `c` to `out`. `as_of` is YYYY-MM-DD;
  /// `file` names the input in the findings.
  void check(const claim_unit &u, const billed_claim &c, std::string_view as_of,
             const std::string &file, std::vector<finding> &out) const;
  /// `c` was found clean: a later claim repeating it is a duplicate. A
  /// rejected claim is not sent, so its corrected resubmission is not one.
  void remember(const claim_unit &u, const billed_claim &c);

private:
  struct first_claim {
    std::uint64_t index;
    std::string claim_id;
  };
  void duplicate(const billed_claim &c, finding base, std::vector<finding> &out) const;

  const scrub_options &options_;
  // Keyed by a 64-bit hash of patient and lines: the state per patient and
  // date the run must keep, without holding every claim's text.
  std::unordered_map<std::uint64_t, first_claim> seen_;
};

} // namespace x12::scrub_detail
