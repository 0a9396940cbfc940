#pragma once
// Findings are data: what a check saw in a file, with where it saw it.
// Broken input produces findings and the run goes on; only I/O and
// configuration failures are errors (error.h).

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace x12 {

enum class severity { error, warning, info };
std::string_view to_string(severity s) noexcept;

/// Where a finding points. Segment numbers are 1-based over the whole file;
/// element and component positions are 1-based, 0 when not about one.
struct location {
  std::string file;
  std::uint64_t offset = 0;
  std::uint64_t segment = 0;
  std::string segment_id;
  std::string loop;
  unsigned element = 0;
  unsigned component = 0;
  // For a finding that stands for a run of like segments (count > 1): the
  // offset one past the last of them.
  std::uint64_t end_offset = 0;
};

struct finding {
  severity level = severity::error;
  int snip = 1;        // WEDI SNIP test type, 1-7
  std::string code;    // ours ("isa-length") or a 999/TA1 code where one applies
  std::string message; // never carries patient data
  location where;
  std::string ta1_note; // TA105 note code for interchange-level problems
  std::string transaction; // ST02 when inside a transaction
  std::string claim;       // CLM01 / CLP01 when inside a claim
  // Inside a claim, its unique key (CLM01 repeats): the 1-based ordinal of
  // the claim in the input and the byte offset of its first segment; 0
  // outside a claim. The same as claim_unit's index and offset.
  std::uint64_t claim_index = 0, claim_offset = 0;
  std::string guide;
  // How many segments in a row this finding is about: a flood of stray
  // segments is one finding, not one per segment.
  std::uint64_t count = 1;

  // What a 999 needs to acknowledge it: the segment's position in its
  // transaction (ST is 1), the IK304 or IK403 code, the data element
  // number, and the bad value (for IK404 only; never printed without
  // --show-phi).
  std::uint64_t position_in_transaction = 0;
  std::string segment_code; // IK304 when the finding is about a segment
  std::string element_code; // IK403 when it is about an element
  std::string data_element;
  std::string bad_value;
};

/// Receives findings as they are made. Any callable taking a finding.
using finding_sink = std::function<void(finding &&)>;

/// "CLM05-3" style element reference.
std::string element_ref(std::string_view segment_id, unsigned element,
                        unsigned component = 0);

} // namespace x12
