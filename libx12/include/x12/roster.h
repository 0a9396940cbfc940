#pragma once
// roster: a 270 eligibility inquiry from a member list in CSV (RFC 4180,
// header row, columns in any order):
//
//   member_id, last_name, first_name, birth_date (YYYY-MM-DD), gender (F, M;
//   optional), payer_name, payer_id, provider_name, provider_npi,
//   service_types ("30" or "30;88"), and optionally date_of_service
//   (YYYY-MM-DD) and group_number.
//
// Each row becomes one subscriber (2000C) with its own trace number, under
// the payer (2000A) and provider (2000B) it names; rows sharing a payer and
// a provider share their levels, in the order they first appear.
//
//   x12::result<x12::roster> r = x12::read_roster(csv_text);
//   if (!r) return report(r.error().message()); // one problem per line
//   x12::output_file out("eligibility.270");
//   x12::envelope_settings settings{x12::envelope_settings::resolve_now({})};
//   x12::write_roster_270(*r, {}, out, settings);
//   out.commit();

#include <string>
#include <string_view>
#include <vector>

#include "x12/error.h"
#include "x12/output.h"
#include "x12/writer.h"

namespace x12 {

struct roster_member {
  unsigned line = 0; // where the row starts in the CSV
  std::string member_id, last_name, first_name;
  std::string birth_date; // CCYYMMDD
  std::string gender;     // F, M or empty
  std::string payer_name, payer_id;
  std::string provider_name, provider_npi;
  std::vector<std::string> service_types; // EQ01 codes
  std::string date_of_service;            // CCYYMMDD or empty
  std::string group_number;
};

struct roster {
  std::vector<roster_member> members;
};

/// Reads a roster. Every problem is reported, one per line, as `line 4,
/// birth_date: expected a date YYYY-MM-DD`; messages never quote values,
/// which are patient data.
result<roster> read_roster(std::string_view csv);

struct roster_options {
  std::string sender = "SUBMITTER";  // ISA06, GS02: 2 to 15 characters
  std::string receiver = "RECEIVER"; // ISA08, GS03
  /// TRN03, 10 characters: "1" and an EIN, or "9" and an identifier of
  /// your own. Empty: "9" and the sender ID, cut or padded with 0 to nine.
  std::string originator;
};

/// Checks the options: a message for the user, or nothing.
std::string roster_options_problem(const roster_options &options);

/// Writes `r` as one interchange with one 270 transaction set to `out` (not
/// committed). The trace number of each subscriber (TRN02) is the
/// interchange control number and the member's position, "000000001-3".
/// Throws x12::error for options roster_options_problem rejects, or on I/O
/// failure.
void write_roster_270(const roster &r, const roster_options &options, output_file &out,
                      envelope_settings &settings);

} // namespace x12
