#pragma once
// The rules language (man/x12-rules.5): one expression language for the
// balancing (SNIP 3) and situational (SNIP 4) rules of the guide schemas and
// for trading-partner packs (SNIP 7).
//
//   rules:
//     - id: clm-charge-balance
//       snip: 3
//       in: "2300"
//       expr: "CLM02 == sum(2400/SV102)"
//       message: claim total does not equal the sum of its line charges
//
// A rule is parsed once (rule_expression::parse), bound to one guide's loop
// tree (rule_set::compile: every path becomes a slot) and evaluated while
// the validator streams the transaction (rule_evaluator): each placed
// segment updates the slots that want it, and when an instance of a rule's
// anchor loop closes the rule is decided from its slots. Nothing of the
// transaction is kept but the slots, and nothing is allocated per segment.
//
//   auto rules = x12::rule_set::compile(schema, definitions); // throws x12::error
//   x12::rule_evaluator ev(*rules);
//   ev.begin_transaction("20260131");
//   ev.loop_start(loop);  ev.segment(loop, rule, true, fields, where);  ev.loop_end(loop, sink);

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "x12/error.h"
#include "x12/finding.h"

namespace x12 {

struct loop_rule;
struct segment_rule;
struct schema;
class schema_set;
class segment_fields;

/// Where a piece of rule text sits in its file. `line` and `column` (1-based)
/// are those of the text's first character; `exact` says the text is
/// written on that line as it reads (a plain or quoted one-line YAML scalar
/// without escapes), so an offset inside it adds to the column. Otherwise an
/// error names the scalar's start and the offset inside the text.
struct rule_origin {
  std::string file;
  std::string field; // "rules[4].expr"
  unsigned line = 0, column = 0;
  bool exact = false;
};

/// The load error for `text` (from `origin`) at byte `offset`: an x12::error
/// positioned at the file, line and column, whose message is
/// "FIELD: MESSAGE", the line of the text holding the offset and a caret
/// under it:
///
///   rules[4].expr: expected ')'
///     CLM02 == sum(2400/SV102
///                            ^
error rule_error(const rule_origin &origin, std::string_view text, std::size_t offset,
                 const std::string &message);

/// One rule as written in a schema's `rules:` list or a partner pack.
struct rule_definition {
  std::string id;                  // unique in its file; the finding's code
  int snip = 3;                    // 3 or 4 in schemas, 7 in partner packs
  std::string anchor;              // loop ID; empty or "ST": the transaction
  std::string when;                // optional condition
  std::string expr;                // must be true, else a finding
  std::string message;
  severity level = severity::error;
  std::string at;                  // segment ID to point at; empty: the anchor's entry
  rule_origin origin;              // the rule's own item, for errors about it as a whole
  rule_origin anchor_origin, when_origin, expr_origin, at_origin;
};

/// A parsed expression, not yet bound to a guide.
class rule_expression {
public:
  struct tree;
  /// Parses `text`. Throws x12::error (rule_error) on a syntax error: the
  /// message says what was expected or what was not, with a caret.
  static rule_expression parse(std::string_view text, const rule_origin &origin = {});
  /// The syntax tree as an S-expression, for tests and debugging:
  /// `CLM02 == sum(2400/SV102)` is `(== CLM02 (sum 2400/SV102))`.
  std::string dump() const;
  const tree &syntax() const noexcept { return *tree_; }
  const std::string &text() const noexcept;

private:
  std::shared_ptr<const tree> tree_;
};

namespace detail {
struct compiled_rules;
}

/// Rules bound to one guide: paths resolved against its loop tree.
class rule_set {
public:
  /// Compiles `rules` for `guide`. Throws x12::error (rule_error) on a
  /// syntax error, an unknown function, a wrong number or kind of
  /// arguments, a loop, segment or element the guide does not have, a
  /// duplicate id, or an `at` segment the anchor loop cannot hold.
  static std::shared_ptr<const rule_set> compile(const schema &guide,
                                                 const std::vector<rule_definition> &rules);
  ~rule_set();
  std::size_t size() const noexcept;
  const detail::compiled_rules &compiled() const noexcept { return *impl_; }

private:
  rule_set();
  std::unique_ptr<detail::compiled_rules> impl_;
};

/// Where a segment fed to the evaluator is: what a finding pointing at it
/// needs.
struct rule_segment_place {
  std::uint64_t offset = 0;   // byte offset in the input
  std::uint64_t number = 0;   // segment number in the input
  std::uint64_t position = 0; // position in the transaction (ST is 1)
};

/// Evaluates one rule_set over a stream of transactions. The validator
/// feeds it the loop tree as it recognises it; a firing rule becomes a
/// finding with code, snip, severity, message, location in the
/// transaction and the 999 codes set (the caller adds file, transaction,
/// guide and claim). The slots are allocated when it is made and reused.
class rule_evaluator {
public:
  explicit rule_evaluator(std::shared_ptr<const rule_set> rules);
  ~rule_evaluator();
  rule_evaluator(const rule_evaluator &) = delete;
  rule_evaluator &operator=(const rule_evaluator &) = delete;

  /// A transaction begins: every slot is cleared. `group_date` is GS04
  /// (CCYYMMDD), the value of file_date(). `show_phi` lets messages quote
  /// values that are not amounts.
  void begin_transaction(std::string_view group_date, bool show_phi = false);
  /// An instance of `loop` (of the rule set's guide) opens, before its
  /// entry segment comes to segment().
  void loop_start(const loop_rule &loop) noexcept;
  /// Whether a segment placed on the segment rule of ordinal `placed`
  /// feeds any of the set's paths: only those need go to segment(), and
  /// most segments feed none of a partner pack's. Inline, since the
  /// validator asks for every segment.
  bool feeds(std::uint32_t placed, bool exact) const noexcept {
    const std::uint32_t *begin = exact ? exact_begin_ : loose_begin_;
    return placed + 1 < fed_rules_ && begin[placed] != begin[placed + 1];
  }
  /// A segment placed on segment rule `placed` (of the rule set's guide),
  /// directly in an instance of `placed_in`, split into `fields`. `exact`:
  /// its qualifiers match the rule's (false when it was placed there for
  /// want of a better place, with a qualifier-invalid finding).
  void segment(const loop_rule &placed_in, const segment_rule &placed, bool exact,
               const segment_fields &fields, const rule_segment_place &where) noexcept;
  /// The instance of `loop` closes: the rules anchored on it are decided
  /// and each that fires goes to `sink`. A finding whose rule names no
  /// segment that occurred points at `last`, the last segment read, placed
  /// in the loop of ordinal `last_loop`.
  void loop_end(const loop_rule &loop, const finding_sink &sink, const rule_segment_place &last,
                std::uint32_t last_loop);
  const rule_set &rules() const noexcept { return *rules_; }

private:
  void decide_on_empty();
  struct state;
  std::shared_ptr<const rule_set> rules_;
  // The compiled feed tables' starts by segment rule ordinal (exact and
  // loose), fed_rules_ entries each.
  const std::uint32_t *exact_begin_ = nullptr, *loose_begin_ = nullptr;
  std::size_t fed_rules_ = 0;
  std::unique_ptr<state> state_;
};

/// A trading-partner pack: `guide:` (one name or a list; empty: every
/// guide) and `rules:` (snip is always 7).
struct rule_pack {
  std::string file;
  std::vector<std::string> guides;
  /// Payer IDs (2010BB NM109 of an 837): the rules apply to those payers'
  /// claims only; empty: to every claim.
  std::vector<std::string> payers;
  std::vector<rule_definition> rules;
};

/// Reads a partner pack. Throws x12::error naming file, line and column for
/// malformed YAML, a key not in the rule format, or a syntax error (with a
/// caret).
rule_pack load_rule_pack(const std::string &path);

/// Partner packs compiled for the guides they name.
class partner_rules {
public:
  /// Compiles `pack` for every schema of `schemas` it applies to (loading
  /// them). A pack naming no guide applies to every guide; there a rule is
  /// left out of the guides whose loops or segments it names do not exist,
  /// and is an error only when it fits none. Throws x12::error.
  void add(const rule_pack &pack, const schema_set &schemas);
  /// The packs' rules for `guide`, in the order the packs were added.
  const std::vector<std::shared_ptr<const rule_set>> &for_schema(const schema *guide) const;
  bool empty() const noexcept { return by_schema_.empty(); }

private:
  std::vector<std::pair<const schema *, std::vector<std::shared_ptr<const rule_set>>>> by_schema_;
};

} // namespace x12
