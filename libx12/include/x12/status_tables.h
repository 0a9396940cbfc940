#pragma once
// Reading 277 claim status responses (005010X212) and claim acknowledgments
// (277CA, 005010X214) as rows: one row per status (STC segment) at any
// level, with the payer, provider, patient, claim and service line it is
// about, handed to a callback as the input streams by. Only the HL context,
// the current claim and line and the statuses of the loop being read are
// kept, so memory does not grow with the file.
//
//   x12::input_buffer in = x12::input_buffer::open("277ca.x12");
//   x12::status_callbacks cb;
//   cb.status = [](const x12::status_row &s) { use(s.claim_id, s.status_category); };
//   x12::status_summary s = x12::read_statuses(in, cb, sink);
//
// The hierarchy is followed by HL03: 20 information source, 21 information
// receiver, 19 provider, 22 subscriber, 23 dependent and PT patient (the
// last three are the patient level). Under a patient a TRN opens a claim
// (2200D/E) and an SVC a service line in it (2220D/E). A loop's STC rows are
// sent when the loop ends (next TRN, SVC, HL or SE), so the REF and DTP
// that follow the STC are on them. Amounts are the text that was sent;
// dates sent as CCYYMMDD are given as YYYY-MM-DD.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "x12/envelope.h"
#include "x12/finding.h"
#include "x12/input.h"

namespace x12 {

enum class status_level { information_source, receiver, provider, patient, claim, line };

/// "information_source", "receiver" ...
std::string_view name_of(status_level level) noexcept;

/// One STC status: category, code and entity (STC01, STC10, STC11 -1, -2,
/// -3), and the code list of `code` (-4) when it is not the claim status
/// codes (RX: an NCPDP reject code).
struct status_code {
  std::string category, code, entity, code_list;
};

/// One STC segment with its context.
struct status_row {
  std::string file, transaction_control_number;
  std::uint64_t stc_offset = 0; // byte offset of the STC segment in the file
  status_level level = status_level::claim;
  std::string payer_name;        // 2100A NM103 (payer or clearinghouse)
  std::string provider_name;     // 2100C NM103 (NM1*1P or NM1*85)
  std::string provider_npi;      // 2100C NM109 when NM108 is XX
  std::string patient_last_name, patient_first_name; // NM1*QC, else the subscriber's NM1*IL
  std::string patient_member_id; // NM109 of that NM1, else the subscriber's
  std::string claim_id;          // TRN02 of the claim (2200D/E): the submitter's claim ID
  std::string payer_claim_control_number; // REF*1K of the claim
  status_code status, status_2, status_3; // STC01, STC10, STC11
  std::string effective_date;              // STC02
  std::string action_code;                 // STC03
  std::string charge_amount;               // STC04
  std::string paid_amount;                 // STC05
  std::string service_date_start, service_date_end; // DTP*472 of the line, else the claim's
  std::string line_procedure;      // SVC01-2
  std::string line_charge;         // SVC02
  std::string line_control_number; // REF*FJ of the line
  std::string message;             // STC12
};

struct status_callbacks {
  std::function<void(const status_row &)> status;
};

struct status_summary {
  std::uint64_t transactions = 0; // 277 transaction sets read
  std::uint64_t statuses = 0;     // STC segments
  skipped_sets skipped;           // transaction sets that are not 277
};

/// Reads every 277 transaction set of `in`, calling the callback when it is
/// set. Envelope problems go to `sink` and reading goes on.
status_summary read_statuses(input_buffer &in, const status_callbacks &callbacks,
                             finding_sink sink = {});

} // namespace x12
