#pragma once
// The age and sex edits of scrub (--age-sex, a user's table: x12/age_sex.h):
//   sex-conflict  a procedure or diagnosis code for one sex on a claim whose
//                 patient (DMG03 of 2010CA, else 2010BA) is the other
//   age-conflict  a code for an age range on a claim whose patient's age on
//                 the first date of service is outside it
// A patient of unknown sex (U, none) or birth date draws neither. The
// patient's age is in the message only with show_phi.

#include <vector>

#include "x12/age_sex.h"
#include "x12/finding.h"
#include "x12/unit.h"

namespace x12::scrub_detail {

/// Appends the edits that fire on `c` to `out`, each made from `base` (a
/// finding placed on the claim); a procedure's is placed on its line.
void check_age_sex(const age_sex_table &table, const claim_unit &u, const billed_claim &c,
                   bool show_phi, const finding &base, std::vector<finding> &out);

} // namespace x12::scrub_detail
