#pragma once
// The registry of finding codes: one entry per code the library can emit,
// with the SNIP level and severity it is reported at, what it maps to in a
// 999, a TA1 and a 277CA, and what it means. Findings are made from these
// entries, so a code's acknowledgment codes are written once.
//
// Rule findings (SNIP 3, 4 and 7) are not here: their code is the rule's id
// from a guide schema or a partner pack, and their 999 codes follow from the
// rule's expression (x12-rules(5)).

#include <span>
#include <string_view>

#include "x12/finding.h"

namespace x12 {

/// What a 277CA says of a claim rejected for a finding (STC01-1 to -3): the
/// claim status category (A6 missing, A7 invalid, A8 relational field in
/// error), the claim status code (code source 508) and the entity identifier
/// code when the status code needs one. All empty when the finding does not
/// reject one claim (it is about the envelope, or is a warning).
struct claim_status_mapping {
  std::string_view category, status, entity;
  /// The status code needs an entity the finding code cannot know: it is the
  /// NM101 of the NM1 segment the finding is on (85 billing provider, 82
  /// rendering provider ...).
  bool entity_from_segment = false;

  constexpr bool empty() const noexcept { return category.empty(); }
};

struct finding_code {
  std::string_view code; // "element-missing"
  int snip = 1;          // WEDI SNIP test type
  severity level = severity::error;
  // 999: the IK304 segment syntax error code and the IK403 element syntax
  // error code of an IK3/IK4 pair; IK502 for a problem with the transaction
  // set as a whole, AK905 with the functional group. Empty when none.
  std::string_view segment_code, element_code, transaction_code, group_code;
  std::string_view ta1_note; // TA105, for a problem with the interchange
  claim_status_mapping claim_status;
  std::string_view meaning; // one line, plain words
  // Where a call site departs from the values above, and why; empty when
  // none does.
  std::string_view varies;
};

/// Every entry, sorted by code.
std::span<const finding_code> finding_codes() noexcept;

/// The entry for `code`, or null (a rule's id, a code from elsewhere).
const finding_code *find_finding_code(std::string_view code) noexcept;

/// A finding with the entry's code, level, SNIP, IK304, IK403 and TA105; the
/// caller adds the message and where it is.
finding finding_from(const finding_code &code);

} // namespace x12
