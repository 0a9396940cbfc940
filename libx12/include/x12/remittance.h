#pragma once
// Reading 835 remittances as rows: one payment per transaction set, its
// claims (CLP loops), their service lines (SVC loops) and every adjustment
// (CAS reason/amount/quantity) and remark code (MIA, MOA, LQ), handed to
// callbacks as the input streams by. Only the current claim and line are
// kept, so memory does not grow with the file.
//
//   x12::input_buffer in = x12::input_buffer::open("remit.x12");
//   x12::remittance_callbacks cb;
//   cb.claim = [](const x12::claim_row &c) { use(c.claim_id, c.paid_amount); };
//   x12::remittance_summary s = x12::read_remittances(in, cb, sink);
//
// Amounts are the text that was sent. Totals the reader computes
// (adjustment_total, provider_adjustment_total) are exact decimal sums, and
// empty when an amount they need is not a number. Dates sent as CCYYMMDD
// are given as YYYY-MM-DD; any other date text is passed on as sent.
// Segments are recognised by ID and qualifier, in the order the 835 guide
// (005010X221A1) puts them; what the reader does not use is skipped.

#include <cstdint>
#include <functional>
#include <string>

#include "x12/envelope.h"
#include "x12/finding.h"
#include "x12/input.h"

namespace x12 {

/// One 835 transaction set (ST..SE). Sent after its SE, when claim_count and
/// the PLB total are known.
struct payment_row {
  std::string file;
  std::string interchange_control_number; // ISA13
  std::string transaction_control_number; // ST02
  std::string payer_name, payer_id;       // N1*PR 02 and 04
  std::string payee_name;                 // N1*PE 02
  std::string payee_npi;                  // N1*PE 04 when N103 is XX
  std::string payment_method;             // BPR04
  std::string payment_amount;             // BPR02
  std::string payment_date;               // BPR16
  std::string trace_number;               // TRN02
  std::uint64_t claim_count = 0;          // CLP segments
  std::string provider_adjustment_total;  // sum of PLB04, 06 ... 14
};

/// One CLP loop, sent when the loop ends.
struct claim_row {
  std::string file, transaction_control_number;
  std::uint64_t clp_offset = 0; // byte offset of the CLP segment in the file
  std::string trace_number, payer_name;
  std::string claim_id;                   // CLP01
  std::string claim_status;               // CLP02 (22: reversal)
  std::string charge_amount;              // CLP03
  std::string paid_amount;                // CLP04
  std::string patient_responsibility;     // CLP05
  std::string claim_filing_indicator;     // CLP06
  std::string payer_claim_control_number; // CLP07
  std::string facility_type;              // CLP08
  std::string frequency;                  // CLP09
  std::string patient_last_name, patient_first_name; // NM1*QC 03, 04
  std::string patient_member_id; // NM1*QC 09, else NM1*IL 09
  std::string service_date_start, service_date_end; // DTM*232, DTM*233
  std::string received_date;                         // DTM*050
  std::string adjustment_total; // every CAS amount of the claim and its lines
};

/// One SVC loop, sent when the loop ends.
struct line_row {
  std::string file, transaction_control_number;
  std::uint64_t clp_offset = 0;
  std::string claim_id;
  std::uint64_t line_number = 0; // 1-based within the claim
  std::string procedure_qualifier, procedure_code; // SVC01-1, SVC01-2
  std::string modifiers;      // SVC01-3 to SVC01-6, joined by ':'
  std::string revenue_code;   // SVC04, or SVC01-2 when SVC01-1 is NU
  std::string charge_amount;  // SVC02
  std::string paid_amount;    // SVC03
  std::string units;          // SVC05
  std::string service_date;   // DTM*472, else DTM*150 (start of a period)
  std::string allowed_amount; // AMT*B6
  std::string line_control_number; // REF*6R
  std::string adjustment_total;    // the line's CAS amounts
};

enum class adjustment_kind { adjustment, remark };

/// One CAS reason/amount/quantity triple, or one remark code (RARC from
/// MIA or MOA at claim level, LQ at line level: group, amount and quantity
/// empty). Sent as soon as it is read.
struct adjustment_row {
  std::string_view file, transaction_control_number;
  std::uint64_t clp_offset = 0;
  std::string_view claim_id;
  std::uint64_t line_number = 0; // 0 for the claim level
  adjustment_kind kind = adjustment_kind::adjustment;
  std::string_view group_code;   // CAS01
  std::string_view reason_code;  // CARC, or the RARC of a remark
  std::string_view amount, quantity;
};

/// The claim adjustment group's name (CO: "Contractual Obligations" ...),
/// empty for a code the guide does not define.
std::string_view adjustment_group_description(std::string_view group_code) noexcept;

struct remittance_callbacks {
  std::function<void(const payment_row &)> payment;
  std::function<void(const claim_row &)> claim;
  std::function<void(const line_row &)> line;
  std::function<void(const adjustment_row &)> adjustment;
};

struct remittance_summary {
  std::uint64_t payments = 0; // 835 transaction sets read
  skipped_sets skipped; // transaction sets that are not 835
};

/// Reads every 835 transaction set of `in`, calling the callbacks that are
/// set. Envelope problems go to `sink` and reading goes on.
remittance_summary read_remittances(input_buffer &in, const remittance_callbacks &callbacks,
                                    finding_sink sink = {});

} // namespace x12
