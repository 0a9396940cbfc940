#pragma once
// Reading 271 eligibility responses as rows: one row per benefit (EB
// segment, loop 2110C or 2110D) with the payer, provider and member of the
// HL loops above it, handed to a callback as the input streams by. Only the
// HL context and the current benefit are kept, so memory does not grow
// with the file.
//
//   x12::input_buffer in = x12::input_buffer::open("271.x12");
//   x12::eligibility_callbacks cb;
//   cb.benefit = [](const x12::benefit_row &b) { use(b.member_id, b.eligibility_or_benefit); };
//   x12::eligibility_summary s = x12::read_eligibility(in, cb, sink);
//
// The hierarchy is followed by HL03 (20 information source, 21 information
// receiver, 22 subscriber, 23 dependent). A benefit row is sent when its
// loop ends (next EB, HL or SE), so the messages and dates after the EB are
// on it; the benefit related entity loop inside it (LS..LE, 2120C/D) is
// skipped, so its NM1 never replaces the member's. Rejections (AAA) of every
// level go on the rows below that level; a level whose rejections no row
// carried (a member not found, a payer that cannot answer) gets a row of its
// own with the benefit columns empty, so no rejection is lost. Amounts are
// the text that was sent; dates sent as CCYYMMDD are given as YYYY-MM-DD,
// a range (RD8) as YYYY-MM-DD/YYYY-MM-DD.

#include <cstdint>
#include <functional>
#include <string>

#include "x12/envelope.h"
#include "x12/finding.h"
#include "x12/input.h"

namespace x12 {

/// One EB segment with its loop, or one level's rejections without one.
struct benefit_row {
  std::string file, transaction_control_number;
  std::uint64_t eb_offset = 0;        // byte offset of the EB segment; 0 on a rejection row
  std::string payer_name, payer_id;   // 2100A NM103, NM109
  std::string provider_name;          // 2100B NM103
  std::string provider_npi;           // 2100B NM109 when NM108 is XX
  std::string member_level;           // "subscriber", "dependent"; empty above them
  std::string member_last_name, member_first_name; // 2100C NM1*IL or 2100D NM1*03
  std::string member_id; // NM109 of that NM1; a dependent without one has the subscriber's
  std::string trace_number;  // TRN02 of the member's TRN*2: the 270's trace, echoed
  std::string member_dates;  // DTP of the member (2100C/D) as QUALIFIER=date, joined by ';'
  std::string eligibility_or_benefit; // EB01
  std::string coverage_level;         // EB02
  std::string service_types;          // EB03 repetitions joined by ';'
  std::string insurance_type;         // EB04
  std::string plan_description;       // EB05
  std::string time_period;            // EB06
  std::string amount;                 // EB07
  std::string percent;                // EB08
  std::string quantity_qualifier;     // EB09
  std::string quantity;               // EB10
  std::string authorization_required; // EB11
  std::string in_network;             // EB12
  std::string procedure;              // EB13, components joined by ':'
  std::string messages;               // MSG01 of the loop, joined by " | "
  std::string plan_dates;             // DTP of the loop as QUALIFIER=date, joined by ';'
  std::string rejection_reasons;      // AAA03/AAA04 of every level above and of the loop, ';'
};

struct eligibility_callbacks {
  std::function<void(const benefit_row &)> benefit;
};

struct eligibility_summary {
  std::uint64_t transactions = 0; // 271 transaction sets read
  std::uint64_t rows = 0;         // benefit rows sent, rejection rows included
  skipped_sets skipped;           // transaction sets that are not 271
};

/// Reads every 271 transaction set of `in`, calling the callback when it is
/// set. Envelope problems go to `sink` and reading goes on.
eligibility_summary read_eligibility(input_buffer &in, const eligibility_callbacks &callbacks,
                                     finding_sink sink = {});

} // namespace x12
