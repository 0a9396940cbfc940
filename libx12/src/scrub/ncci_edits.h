#pragma once
// The NCCI edits of scrub, on the lines of one patient on one date of
// service with one provider, within a claim and across the clean claims of
// the run:
//   ncci-ptp  a column 2 code billed with its column 1 code, the edit in
//             effect on that date: the column 2 line is rejected unless the
//             modifier indicator is 1 and either line carries a
//             PTP-associated modifier (59, XE, XP, XS, XU, 91, 24, 25, 27,
//             57, 58, 78, 79, E1-E4, FA, F1-F9, TA, T1-T9, LT, RT, LC, LD,
//             RC, LM, RI); indicator 9 never fires
//   mue       units over the code's MUE: per line (MAI 1), or per patient
//             and date summed over lines and claims (MAI 2 and 3); the line
//             that goes over is rejected
// Only clean claims are remembered (remember()): a rejected claim is not
// sent, so its lines are nobody's pair.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "x12/decimal.h"
#include "x12/finding.h"
#include "x12/ncci.h"
#include "x12/unit.h"

namespace x12::scrub_detail {

class ncci_edits {
public:
  ncci_edits(const ptp_table *ptp, const mue_table *mue) : ptp_(ptp), mue_(mue) {}

  /// Appends the NCCI edits that fire on `c` to `out`, each made from `base`
  /// (a finding placed on the claim) and placed on its line.
  void check(const claim_unit &u, const billed_claim &c, const finding &base,
             std::vector<finding> &out) const;
  /// `c` was found clean: its lines count for the claims after it.
  void remember(const claim_unit &u, const billed_claim &c);

private:
  struct billed {
    std::uint32_t code = 0;
    bool bypass = false; // carries a PTP-associated modifier
    decimal units = decimal::zero();
    std::uint64_t claim = 0;
    std::string line_number;
  };
  struct line_view {
    const billed_line *line;
    std::string key;
    std::uint32_t date;
    billed b;
  };
  std::vector<line_view> lines_of(const claim_unit &u, const billed_claim &c) const;

  const ptp_table *ptp_;
  const mue_table *mue_;
  // patient, date of service and provider -> the lines billed for them
  std::unordered_map<std::string, std::vector<billed>> seen_;
};

} // namespace x12::scrub_detail
