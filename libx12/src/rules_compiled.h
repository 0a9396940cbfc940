#pragma once
// A rule set bound to one guide, as the compiler (rules_compile.cpp) lays it
// out and the evaluator (rules_evaluate.cpp) reads it: expressions as flat
// node arrays, paths as slots, and per loop of the guide (by ordinal) what
// its instances reset, count, feed and decide.

#include <cstdint>
#include <regex>
#include <string>
#include <vector>

#include "x12/decimal.h"
#include "x12/finding.h"

namespace x12::detail {

inline constexpr std::uint32_t no_index = UINT32_MAX;

enum class op : std::uint8_t {
  text, number, date,           // literals
  value,                        // the first value of slot `a`
  present, count, sum,          // over the slots args[first, first + count)
  file_date, matches, length, to_date, to_date_end, valid_npi, valid_icd10,
  neg, add, sub, mul,
  eq, ne, lt, le, gt, ge, in, not_in,
  and_, or_, not_,
};

struct node {
  op kind = op::text;
  std::uint32_t a = no_index, b = no_index; // operands; for value: the slot; matches: b is the regex
  std::uint32_t first = 0, count = 0;       // args range: slots of an aggregate, items of an in-list
  std::string text;                         // string literal
  decimal number = decimal::zero();         // number literal
  std::int32_t days = 0;                    // date literal, days since 1970-01-01
  std::uint32_t offset = 0, end = 0;        // source range in the expression
};

/// One path in one scope: what a segment (or loop instance) must be to
/// count, and what is kept of it.
struct slot {
  bool loop = false;                        // counts loop instances, not segments
  std::uint64_t key = 0;                    // pack_code of the segment ID
  unsigned element = 0, component = 0;      // 0: the segment itself
  unsigned qual_element = 1, qual_component = 0;
  std::vector<std::string> qual_values;     // empty: any occurrence
  std::vector<std::uint64_t> qual_packed;   // pack_code of each, when all have at most 8 characters
  std::uint32_t qual_id = 0;                // equal for equal qualifiers; 0: none
  std::size_t capacity = 0;                 // reserved for the first value
  bool keep_first = false, keep_sum = false;
};

// Sorted by key, then qualifier: the slots of one qualifier are adjacent,
// so a segment tests each qualifier once.
struct slot_feed {
  std::uint64_t key;
  std::uint32_t qual_id;
  std::uint32_t slot;
  friend bool operator<(const slot_feed &a, const slot_feed &b) {
    return a.key != b.key ? a.key < b.key : a.qual_id != b.qual_id ? a.qual_id < b.qual_id : a.slot < b.slot;
  }
};

struct loop_plan {
  std::vector<std::uint32_t> reset;     // slots cleared when an instance opens
  std::vector<std::uint32_t> instances; // loop slots this loop's instances count in
  std::vector<slot_feed> feeds;         // segments placed directly in it, by key
  std::uint64_t feed_bloom = 0;         // bloom_bit of every feed key: most segments feed nothing
  std::vector<std::uint32_t> rules;     // rules decided when an instance closes
};

struct compiled_rule {
  std::string id;
  int snip = 3;
  severity level = severity::error;
  std::string message;
  std::vector<node> nodes;
  std::vector<std::uint32_t> args;
  std::uint32_t when = no_index, expr = no_index; // root nodes
  // The slots each reads: when all are empty the outcome is the one on an
  // empty transaction, known without evaluating.
  std::vector<std::uint32_t> when_slots, expr_slots;
  std::uint32_t entry_slot = no_index;            // the anchor's own entry segment
  std::uint32_t at_slot = no_index;               // `at`, when given
  std::string at_segment;                         // the segment ID the finding names
  // What the 999 says (ack.cpp): IK304, and IK403 on an element of the at segment.
  std::string segment_code, element_code, data_element;
  unsigned ik4_element = 0, ik4_component = 0;
  std::uint32_t ik4_slot = no_index;   // its first value is IK404
  std::uint32_t point_slot = no_index; // a segment to point at instead of `at` when it occurs
  std::string point_segment;
  // For a comparison: the sides as written, quoted with their amounts
  // (a literal is quoted once: "CLM02 120000.00, 100000").
  std::string left_text, right_text;
  bool left_literal = false, right_literal = false;
};

struct compiled_rules {
  std::string guide;
  std::vector<slot> slots;
  std::vector<loop_plan> loops;       // by loop ordinal
  std::vector<std::string> loop_ids;  // by loop ordinal; "" for the transaction
  std::vector<compiled_rule> rules;
  std::vector<std::regex> regexes;
};

/// Days since 1970-01-01 of a CCYYMMDD text; false when it is not a real date.
bool days_of(std::string_view ccyymmdd, std::int32_t &days) noexcept;

} // namespace x12::detail
