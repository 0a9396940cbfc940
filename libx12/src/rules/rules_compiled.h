#pragma once
// A rule set bound to one guide, as the compiler (rules_compile.cpp) lays it
// out and the evaluator (rules_evaluate.cpp) reads it: expressions as flat
// node arrays and as code for a value stack, paths as slots, per segment
// rule of the guide (by ordinal) the slots its segments feed, and per loop
// (by ordinal) the slot groups its instances reset, and what they count
// and decide.

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
  file_date, matches, length, to_date, to_date_end, to_number, valid_npi, valid_icd10,
  neg, add, sub, mul,
  eq, ne, lt, le, gt, ge, in, not_in,
  and_, or_, not_,
  jump_if_false, jump_if_true,  // code only: short circuits of and_ / or_
};

struct node {
  op kind = op::text;
  std::uint32_t a = no_index, b = no_index; // operands; for value: the slot; matches: b is the regex
  std::uint32_t first = 0, count = 0;       // args range: slots of an aggregate, items of an in-list
  std::string text;                         // string literal
  decimal number = decimal::zero();         // number literal
  std::int32_t days = 0;                    // date literal, days since 1970-01-01
  bool numeric = false;                     // value: the element is a number (type R or Nn)
  std::uint8_t decimals = 0;                // value: the implied decimals of Nn
  std::uint32_t offset = 0, end = 0;        // source range in the expression
};

/// One step of a rule's code: its nodes in evaluation order over a value
/// stack, operands first, with jumps for the short circuits of and / or.
struct step {
  op kind = op::text;
  bool numeric = false;        // value: the element is a number (type R or Nn)
  std::uint8_t decimals = 0;   // value: the implied decimals of Nn
  std::uint32_t a = no_index;  // value: the slot; literals: the constant; matches: the regex;
                               // jumps: the step to go on at
  std::uint32_t first = 0, count = 0; // aggregates: slots in args; in-lists: constants in args
};

/// A literal of a rule's code.
struct constant {
  op kind = op::text;          // text, number or date
  std::string text;
  decimal number = decimal::zero();
  std::int32_t days = 0;       // days since 1970-01-01
};

/// [begin, end) of one of a rule set's arrays.
struct range {
  std::uint32_t begin = 0, end = 0;
  bool empty() const noexcept { return begin == end; }
};

/// What deciding a rule reads, in the rule set's shared arrays, apart
/// from the rest of the rule: a closing loop instance reads little else.
struct rule_code {
  range when, expr;            // steps; an empty when: the rule always applies
  range when_reads, expr_reads; // slots read: when all are empty the outcome
                                // is the one on an empty transaction, known
                                // without evaluating
};

/// A test of a segment's own value, for a slot the placing segment rule
/// alone does not decide: element (and component) and the values that pass.
struct qualifier_test {
  unsigned element = 1, component = 0;
  std::vector<std::string> values;     // sorted
  std::vector<std::uint64_t> packed;   // pack_code of each, when all have at most 8 characters
};

/// One path in one scope: what is kept of the segments (or loop
/// instances) that feed it.
struct slot {
  bool loop = false;                        // counts loop instances, not segments
  unsigned element = 0, component = 0;      // 0: the segment itself
  unsigned decimals = 0;                    // implied decimals of an Nn element, for sums
  std::size_t capacity = 0;                 // reserved for the first value
  bool keep_first = false, keep_sum = false;
  bool locate = false;                      // keeps where its first segment is, for findings
};

/// A slot that a placed segment feeds: `test` is 1 + the index of a
/// qualifier_test it must pass, 0 when the placing segment rule decides.
/// What the slot keeps is copied in, so feeding reads one array.
struct feed {
  std::uint32_t slot = 0;
  std::uint16_t test = 0;
  std::uint8_t element = 0, component = 0; // 0: the segment itself
  std::uint8_t keep = 0;                   // keep_* bits
  std::uint8_t decimals = 0;               // implied decimals of an Nn element, for sums
  static constexpr std::uint8_t keep_first = 1, keep_sum = 2, locate = 4;
  friend bool operator<(const feed &a, const feed &b) {
    return a.test != b.test ? a.test < b.test : a.slot < b.slot;
  }
  friend bool operator==(const feed &a, const feed &b) = default;
};

/// What the segments placed on each segment rule of the guide feed, by the
/// rule's ordinal: `feeds[begin[i], begin[i + 1])`. A segment whose
/// qualifiers match its rule (the usual case) uses `exact`; one placed on a
/// rule whose qualifiers it does not match (a qualifier-invalid finding)
/// uses `loose`, where every qualified slot tests the segment's own value.
struct feed_table {
  std::vector<std::uint32_t> begin;
  std::vector<feed> feeds;
};

struct loop_plan {
  std::vector<std::uint32_t> groups;    // reset groups cleared when an instance opens
  std::vector<std::uint32_t> instances; // loop slots this loop's instances count in
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
  std::vector<qualifier_test> tests;
  // Slots that reset on the same loops are a group: a slot's, and how many
  // slots each has.
  std::vector<std::uint32_t> group_of, group_size;
  feed_table exact, loose;            // by segment rule ordinal
  std::vector<loop_plan> loops;       // by loop ordinal
  std::vector<std::string> loop_ids;  // by loop ordinal; "" for the transaction
  std::vector<compiled_rule> rules;
  std::vector<rule_code> codes;        // by rule
  // Every rule's code and what it refers to, one array each.
  std::vector<step> steps;
  std::vector<std::uint32_t> args;     // slots of aggregates, constants of in-lists
  std::vector<std::uint32_t> reads;    // the slots of rule_code::when_reads / expr_reads
  std::vector<constant> constants;
  std::uint32_t depth = 2;             // the most values any code stacks (a comparison's two
                                       // sides at least, for messages)
  std::vector<std::regex> regexes;
};

/// Days since 1970-01-01 of a CCYYMMDD text; false when it is not a real date.
bool days_of(std::string_view ccyymmdd, std::int32_t &days) noexcept;

} // namespace x12::detail
