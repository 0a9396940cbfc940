#pragma once
// claim_unit: one claim as every claim-level consumer sees it, built from
// the placer's loop events (validation_observer), one at a time, so a file
// of a million claims never sits in memory.
//
// A unit is one instance of a schema's claim loop (837 2300 with its 2400
// lines, 835 2100 CLP with its SVCs, 276/277 2200D/E) with its context: the
// enclosing loops that bear claims (the transaction header, 837 2000A/B/C,
// 835 2000, 277 2000A-D), each with the segments of its own and of its
// child loops that hold no claim (2010AA, 2010BA/BB ...). Segments are
// copied byte for byte, so a consumer can write a claim unchanged; the
// context is shared between the claims under it, not copied per claim.
//
//   x12::read_claim_units(in, schemas, [](const x12::claim_unit &u) {
//     x12::billed_claim c = x12::read_billed_claim(u);   // 837
//     use(u.index, u.offset, u.envelope.group_control_number, c.charge);
//   });
//
// Nothing here looks at HL03 or counts segment IDs: which loop a segment is
// in is the placer's answer, named by the schema's loop IDs.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "x12/decimal.h"
#include "x12/delimiters.h"
#include "x12/finding.h"
#include "x12/input.h"
#include "x12/segment.h"
#include "x12/validate.h"

namespace x12 {

/// What a 999 or 277CA names a claim's transaction by.
struct envelope_keys {
  std::string interchange_control_number; // ISA13
  std::string group_control_number;       // GS06 (999 AK102)
  std::string transaction_control_number; // ST02 (999 AK202)
  std::string transaction_id;             // ST01
  std::string guide;                      // the schema's guide
  std::uint64_t transaction_ordinal = 0;  // 1-based over the input
};

/// One segment held by a unit: where its text sits in the owner's `text`,
/// where it was in the input, and the schema loop and rule that placed it
/// (null rule: the guide does not place it).
struct held_segment {
  std::uint32_t begin = 0, size = 0; // into text, terminator excluded
  std::uint64_t offset = 0, number = 0;
  const loop_rule *loop = nullptr;
  const segment_rule *rule = nullptr;
};

/// One loop instance's segments: its own and those of the child loops that
/// are not a level or claim of their own.
struct unit_loop {
  const loop_rule *loop = nullptr; // the schema loop (the root for the header)
  std::uint64_t offset = 0;        // of its first segment: the instance's key
  delimiters delims;
  std::string text; // every segment followed by delims.segment, as sent
  std::vector<held_segment> segments;

  segment_view view(const held_segment &s) const {
    return segment_view(std::string_view(text).substr(s.begin, s.size), delims);
  }
  /// The first segment `id` in loop `loop_id` ("" for any), else null.
  const held_segment *find(std::string_view loop_id, std::string_view id) const;
};

struct claim_unit {
  envelope_keys envelope;
  std::uint64_t index = 0;  // 1-based ordinal of the claim in the input: unique
  std::uint64_t offset = 0; // byte offset of its first segment (CLM, CLP, TRN)
  std::uint64_t end = 0;    // just past its last segment's terminator
  std::string claim_id;     // the schema's claim ID element (CLM01, CLP01, TRN02)
  const schema *guide = nullptr;
  /// The loops above the claim, outermost first: [0] is the transaction's
  /// header (its root loop's own segments: BHT, 1000A, 1000B ...).
  std::vector<std::shared_ptr<const unit_loop>> context;
  unit_loop claim; // the claim loop and everything inside it
};

using claim_unit_sink = std::function<void(const claim_unit &)>;

/// Builds claim units from the placer's events. Feed it every event of a run
/// (it is an observer; a consumer that also wants findings forwards the
/// events to both). Transactions whose schema has no claim loop give none.
class unit_builder : public validation_observer {
public:
  unit_builder(const schema_set &schemas, claim_unit_sink sink);
  ~unit_builder() override;
  unit_builder(const unit_builder &) = delete;
  unit_builder &operator=(const unit_builder &) = delete;

  void on_finding(const finding &) override {}
  void on_interchange_start(const interchange_header &) override;
  void on_group_start(const group_header &) override;
  void on_transaction_start(const transaction_header &) override;
  void on_transaction_end(const transaction_header &, std::uint64_t) override;
  void on_loop_start(const loop_rule &) override;
  void on_loop_end(const loop_rule &) override;
  void on_segment(const segment &, const segment_rule *) override;

  std::uint64_t claims() const noexcept;

private:
  class impl;
  std::unique_ptr<impl> impl_;
};

struct unit_summary {
  std::uint64_t transactions = 0, claims = 0;
};

/// Places every segment of `in` (structure only, no checks) and hands each
/// claim to `sink` as its loop ends. Structure problems go to `findings`.
unit_summary read_claim_units(input_buffer &in, const schema_set &schemas, claim_unit_sink sink,
                              finding_sink findings = {});

// ---- 837: the claim's typed reading ----------------------------------------

/// A person or organisation of an NM1 segment.
struct named_party {
  std::string last_or_organization, first; // NM103, NM104
  std::string id_qualifier, id;            // NM108, NM109
  std::string npi() const { return id_qualifier == "XX" ? id : std::string(); }
};

struct billed_line {
  std::uint64_t offset = 0;                        // of its LX
  std::string line_number;                         // LX01
  std::string procedure_qualifier, procedure_code; // SV101/SV202/SV301 -1, -2
  std::vector<std::string> modifiers;              // -3 to -6, as sent
  std::string revenue_code;                        // SV201 (837I)
  std::optional<decimal> charge;                   // SV102, SV203, SV302
  std::optional<decimal> units;                    // SV104, SV205 (837D: 1)
  std::vector<unsigned> diagnosis_pointers;        // SV107 (1-based into diagnoses)
  std::string service_date_from, service_date_to;  // DTP*472, YYYY-MM-DD
  std::string line_control_number;                 // REF*6R
  std::string rendering_provider_npi;              // 2420A
};

struct billed_diagnosis {
  std::string qualifier, code; // ABK, ABF ... and the code as sent
};

/// An 837 claim read from its unit by the guide's loop IDs.
struct billed_claim {
  std::string claim_id;               // CLM01
  std::optional<decimal> charge;      // CLM02
  std::string facility_code;          // CLM05-1 (place of service when -2 is B)
  std::string frequency;              // CLM05-3
  named_party billing_provider;       // 2010AA
  std::string billing_tax_id;         // 2010AA REF*EI/SY
  named_party subscriber;             // 2010BA
  named_party payer;                  // 2010BB
  named_party patient;                // 2010CA, else the subscriber
  std::string patient_birth_date;     // DMG02 of 2010CA, else 2010BA; YYYY-MM-DD
  std::string patient_sex;            // DMG03 there: F, M or U
  std::string rendering_provider_npi; // 2310B
  std::string service_date_from,
      service_date_to;                     // DTP*472/434, else the lines'
  std::vector<billed_diagnosis> diagnoses; // HI, in order
  std::vector<billed_line> lines;
};

/// The service line holding the segment at `offset` (the last LX at or before
/// it), or null when it is before the first line.
const billed_line *line_at(const billed_claim &c, std::uint64_t offset);

/// Reads an 837 unit (005010X222A1, X223A2, X224A2). Amounts that are not
/// numbers are left empty; validation reports them.
billed_claim read_billed_claim(const claim_unit &unit);

} // namespace x12
