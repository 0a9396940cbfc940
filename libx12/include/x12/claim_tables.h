#pragma once
// Reading 837 claims (professional, institutional, dental) as rows: one row
// per claim (CLM loop) with the billing provider, subscriber, payer and
// patient of the HL loops above it, one per service line (LX loop) and one
// per diagnosis code (HI), handed to callbacks as the input streams by.
// Only the HL context and the current claim and line are kept, so memory
// does not grow with the file.
//
//   x12::input_buffer in = x12::input_buffer::open("claims.x12");
//   x12::claim_callbacks cb;
//   cb.claim = [](const x12::billed_claim_row &c) { use(c.claim_id, c.total_charge); };
//   x12::claim_summary s = x12::read_claims(in, cb, sink);
//
// The hierarchy is followed by HL03 (20 billing provider, 22 subscriber,
// 23 patient) and the loops inside it by NM101, so the subscriber and payer
// of another payer's loop (2320/2330, after SBR in a claim) never replace
// the claim's own. Amounts are the text that was sent; dates sent as
// CCYYMMDD are given as YYYY-MM-DD, and a range (RD8) as
// YYYY-MM-DD/YYYY-MM-DD. What the reader does not use is skipped.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "x12/envelope.h"
#include "x12/finding.h"
#include "x12/input.h"

namespace x12 {

/// One CLM loop (2300) with its context, sent when the claim ends (next
/// CLM or HL, or SE), after its diagnoses and lines.
struct billed_claim_row {
  std::string file;
  // What a 999 (AK102 = GS06, AK202 = ST02) and a TA1 name the claim by.
  std::string interchange_control_number, group_control_number, transaction_control_number;
  std::uint64_t clm_offset = 0; // byte offset of the CLM segment in the file
  std::string claim_type;       // P, I or D from the guide (ST03, else GS08)
  std::string claim_id;         // CLM01
  std::string total_charge;     // CLM02
  std::string place_of_service; // CLM05-1 when CLM05-2 is B
  std::string facility_type;    // CLM05-1 when CLM05-2 is A
  std::string facility_code_qualifier; // CLM05-2
  std::string frequency;               // CLM05-3
  std::string billing_provider_name;   // 2010AA NM1*85 03
  std::string billing_provider_npi;    // NM109 when NM108 is XX
  std::string billing_provider_tax_id; // 2010AA REF*EI or REF*SY
  std::string rendering_provider_npi;  // 2310 NM1*82
  std::string referring_provider_npi;  // 2310 NM1*DN
  std::string service_facility_npi;    // 2310 NM1*77
  std::string payer_name, payer_id;    // 2010BB NM1*PR 03 and 09
  std::string subscriber_member_id;    // 2010BA NM1*IL 09
  std::string subscriber_last_name, subscriber_first_name;
  std::string patient_last_name, patient_first_name; // 2010CA, else the subscriber
  std::string patient_birth_date, patient_gender;    // DMG02, DMG03 of the same loop
  std::string claim_filing_indicator;                // SBR09
  std::string service_date_start, service_date_end;  // DTP*434, DTP*472, else the lines'
  std::string prior_authorization;                   // REF*G1
  std::string payer_claim_control_number;            // REF*F8
  std::uint64_t line_count = 0;                      // LX loops
};

/// One LX loop (2400), sent when the line ends.
struct billed_line_row {
  std::string file;
  std::string interchange_control_number, group_control_number, transaction_control_number;
  std::uint64_t clm_offset = 0;
  std::string claim_id;
  std::string line_number;                         // LX01 as sent
  std::string procedure_qualifier, procedure_code; // SV101/SV202/SV301 -1, -2
  std::string modifiers;                           // components 3 to 6, joined by ':'
  std::string revenue_code;                        // SV201
  std::string charge_amount;                       // SV102, SV203, SV302
  std::string units_qualifier;                     // SV103, SV204
  std::string units;                               // SV104, SV205, SV306
  std::string place_of_service;                    // SV105, SV303
  std::string diagnosis_pointers;                  // SV107, SV311, joined by ':'
  std::string service_date;                        // DTP*472
  std::string line_control_number;                 // REF*6R
  std::string rendering_provider_npi;              // 2420A NM1*82
  std::string ndc;                                 // LIN03 when LIN02 is N4
  std::string tooth;                               // TOO02, several joined by ':'
};

/// One diagnosis code of an HI segment in the claim, sent as it is read.
struct diagnosis_row {
  std::string_view file;
  std::string_view interchange_control_number, group_control_number, transaction_control_number;
  std::uint64_t clm_offset = 0;
  std::string_view claim_id;
  std::uint64_t sequence = 0; // 1-based over the claim's diagnosis codes
  std::string_view qualifier; // ABK, ABF, ABJ, ABN, APR, BK, BF ...
  std::string_view code;
  bool principal = false;            // ABK or BK
  std::string_view present_on_admission; // component 9 (837I)
};

struct claim_callbacks {
  std::function<void(const billed_claim_row &)> claim;
  std::function<void(const billed_line_row &)> line;
  std::function<void(const diagnosis_row &)> diagnosis;
};

struct claim_summary {
  std::uint64_t transactions = 0; // 837 transaction sets read
  std::uint64_t claims = 0;
  skipped_sets skipped; // transaction sets that are not 837
};

/// P, I or D for an 837 guide (005010X222A1 ...); empty for another.
std::string_view claim_type_of(std::string_view guide) noexcept;

/// Reads every 837 transaction set of `in`, calling the callbacks that are
/// set. Envelope problems go to `sink` and reading goes on.
claim_summary read_claims(input_buffer &in, const claim_callbacks &callbacks,
                          finding_sink sink = {});

} // namespace x12
