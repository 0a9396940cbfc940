#pragma once
// De-identifying X12 for sharing samples: the HIPAA Safe Harbor identifiers
// of patients, subscribers and their relatives in 837, 835, 270/271 and
// 276/277 files are replaced, and everything else is left byte for byte:
//
//   - in the name loops of a person (NM1 IL, QC, 03, 74, QD, GD, and the
//     ambulance pick-up and drop-off addresses PW, 45): names (NM103-105,
//     N2), the ID (NM109), street (N3), city (N401), ZIP below its first
//     three digits (N403; 000 for the 17 sparse prefixes), contacts (PER),
//     references (REF02);
//   - claim references: CLM01, CLP01, CLP07, TRN02 of 270/271/276/277, the
//     REF02 of patient and claim references (EA, EJ, SY, 1W, IG, HJ, 0F, 3H,
//     F8, G1, 9F, D9, 1K, 9A, 9C, Y4), PLB reference IDs;
//   - dates of the person: birth (DMG02), death (PAT06), and every DTP and
//     DTM date inside the detail loops (2xxx): the month and day become 01
//     01, the year stays; with shift_dates, each subscriber's dates move
//     back by one keyed offset of 1 to 365 days instead, keeping intervals;
//   - free text (NTE02, MSG01, K301): a filler of the same length.
//
// Pseudonyms are keyed (HMAC-SHA256 of the value), the same for the same
// value under the same key in any file, so an 837 and its 835 still match
// claim to claim; digits stay digits and letters letters, and every value
// keeps its length, so the output keeps its structure, counts and validity.
// Provider names, NPIs and tax IDs are not patient identifiers and stay.

#include <cstdint>
#include <string>

#include "x12/finding.h"
#include "x12/input.h"
#include "x12/output.h"
#include "x12/schema.h"

namespace x12 {

struct deid_options {
  std::string key;          // the secret the pseudonyms are keyed with; not empty
  bool shift_dates = false; // keyed offsets per subscriber instead of year only
};

struct deid_stats {
  std::uint64_t transactions = 0, segments = 0;
  std::uint64_t values = 0; // values replaced
};

/// Writes `in` de-identified to `out` (not committed), reading its loops by
/// `schemas`. Structure findings go to `sink`. Throws x12::error on I/O
/// failure.
deid_stats deidentify(input_buffer &in, output_file &out, const schema_set &schemas,
                      const deid_options &options, finding_sink sink = {});

} // namespace x12
