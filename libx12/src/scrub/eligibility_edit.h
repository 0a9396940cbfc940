#pragma once
// The eligibility edit of scrub (--eligibility): a claim whose payer's 271
// answered for its patient, and says the patient has no active health plan
// coverage (EB01 1 with service type 30, or none named) on the date of
// service: inactive (EB01 6, 7, 8), nothing active then, or not found
// (AAA). A claim no 271 answered for is not edited: no answer says nothing.
// The patient is the subscriber, or the dependent of the claim's 2010CA
// matched by name among the subscriber's dependents.

#include <string_view>
#include <vector>

#include "x12/coverage.h"
#include "x12/finding.h"
#include "x12/unit.h"

namespace x12::scrub_detail {

/// Appends the edit to `out` when it fires on `c`, made from `base` (a
/// finding placed on the claim). Dates only with `show_phi`.
void check_eligibility(const coverage_table &coverage, const billed_claim &c, bool show_phi,
                       finding base, std::vector<finding> &out);

} // namespace x12::scrub_detail
