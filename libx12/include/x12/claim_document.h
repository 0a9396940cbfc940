#pragma once
// claim_document: an 837P, 837I or 837D told as business data (who submits,
// who bills, who is covered by which payer, the claims with their diagnoses
// and service lines) and written as X12 with everything the format adds
// filled in: envelopes and their counts, HL numbers and parent links, LX
// numbers, claim totals.
//
//   x12::result<x12::claim_document> doc = x12::read_claim_document(json_text);
//   if (!doc) return report(doc.error().message()); // one problem per line
//   x12::output_file out("claims.x12");
//   x12::envelope_settings settings{x12::envelope_settings::resolve_now({})};
//   x12::write_claim_document(*doc, out, settings);
//   out.commit();
//
// The JSON shape is documented in x12-convert(1), GENERATION. Reading checks
// what can be known without code tables (required fields, dates, amounts,
// NPI check digits, code shapes, diagnosis pointers, the claim total) so a
// document that reads writes a file `x12 validate` passes, code-list lookups
// (SNIP 5) aside. Amounts are exact decimals throughout.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "x12/decimal.h"
#include "x12/error.h"
#include "x12/output.h"
#include "x12/writer.h"

namespace x12 {

enum class claim_guide {
  professional,  // 837P, 005010X222A1
  institutional, // 837I, 005010X223A2
  dental,        // 837D, 005010X224A2
};

/// "005010X222A1" for professional, and so on.
std::string_view guide_version(claim_guide g) noexcept;

// Dates are kept as X12 writes them (CCYYMMDD), codes as sent.

struct postal_address {
  std::string line1, line2, city, state, zip;
};

/// The submitter or the receiver: named in 1000A/1000B and, by ID, in the
/// ISA and GS.
struct trading_party {
  std::string name;
  std::string id;               // ETIN, ISA06/ISA08, GS02/GS03
  std::string qualifier = "ZZ"; // ISA05/ISA07
};

struct contact {
  std::string name, phone, email;
};

/// A provider: an organization (`name`) or a person (`last_name`, ...).
struct provider {
  std::string name;
  std::string last_name, first_name;
  std::string npi;
  std::string tax_id;   // billing provider only
  std::string taxonomy; // PRV03, optional
  bool is_person() const noexcept { return name.empty(); }
};

struct person {
  std::string last_name, first_name, middle_name;
  std::string birth_date; // CCYYMMDD; may be empty for a subscriber who is not a patient
  std::string gender;     // F, M or U
  std::optional<postal_address> address;
};

struct tooth {
  std::string number;                // ADA designation: 1-32, A-T, ...
  std::vector<std::string> surfaces; // M, O, I, D, B, F, L
};

struct service_line {
  std::string procedure;              // CPT/HCPCS; CDT for dental; optional for 837I
  std::vector<std::string> modifiers; // up to 4
  std::string revenue_code;           // 837I
  decimal charge = decimal::zero(2);
  decimal units = *decimal::parse("1");
  std::string date;                         // CCYYMMDD; required for 837P
  std::vector<unsigned> diagnosis_pointers; // 1-based into the claim's diagnoses
  std::vector<tooth> teeth;                 // 837D
  std::string control_number;               // REF*6R, optional
};

struct claim {
  std::string id; // CLM01, the patient control number
  decimal total = decimal::zero(2);
  std::string place_of_service;       // 837P, 837D: CLM05-1
  std::string facility_type;          // 837I: CLM05-1
  std::string frequency = "1";        // CLM05-3
  std::vector<std::string> diagnoses; // ICD-10-CM without the dot; the first is the principal
  std::string prior_authorization;    // REF*G1, optional
  std::optional<provider> rendering_provider; // 837P, 837D: 2310B
  // 837I
  std::string statement_from, statement_to;
  std::string admission_date;
  std::string admission_type, admission_source, patient_status; // CL1
  std::string admitting_diagnosis;
  std::optional<provider> attending_provider; // 2310A
  std::optional<provider> operating_provider; // 2310B
  std::vector<service_line> lines;
};

struct patient : person {
  std::string relationship; // PAT01: 01 spouse, 19 child, ...
  std::vector<claim> claims;
};

struct payer {
  std::string name, id;
  std::optional<postal_address> address;
};

struct subscriber : person {
  std::string member_id, group_number;
  std::string payer_responsibility = "P";    // SBR01
  std::string claim_filing_indicator = "CI"; // SBR09
  x12::payer payer;
  std::vector<claim> claims;     // the subscriber's own, as the patient
  std::vector<patient> patients; // dependents with their claims
};

struct claim_document {
  claim_guide guide = claim_guide::professional;
  bool test = false;     // ISA15 T rather than P
  std::string reference; // BHT03; empty: the interchange control number
  trading_party sender, receiver;
  contact sender_contact;
  provider billing_provider;
  postal_address billing_address;
  std::optional<postal_address> pay_to_address;
  std::vector<subscriber> subscribers;
};

/// Reads a claim document from JSON text. Every problem is reported, one per
/// line, each starting with its JSON path: `subscribers[0].claims[2].lines[1].
/// charge: expected a decimal amount`. Messages never quote values, which may
/// be patient data.
result<claim_document> read_claim_document(std::string_view json);

/// Writes `doc` as one interchange with one functional group and one 837
/// transaction set to `out` (not committed); dates and control numbers come
/// from `settings`. Values are written as they are: a document built other
/// than by read_claim_document must meet its checks (no separators in
/// values, a principal diagnosis on an 837I claim). Throws x12::error on I/O
/// failure.
void write_claim_document(const claim_document &doc, output_file &out, envelope_settings &settings);

} // namespace x12
