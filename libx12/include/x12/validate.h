#pragma once
// validator: SNIP 1 and 2 over a stream of segments, in one pass and bounded
// memory. Envelopes are checked by envelope_checker; each transaction set is
// walked against its guide schema (loop recognition by segment ID and
// qualifier values), and every segment's elements against their rules:
// usage, repeats, lengths, types, code values, syntax notes, HL and LX
// sequencing, character set.
//
//   x12::schema_set schemas = x12::schema_set::load();
//   my_observer obs;  // prints findings, builds a 999 ...
//   x12::validator v(schemas, {}, obs);
//   v.run(in);

#include <cstdint>
#include <optional>
#include <string>

#include "x12/envelope.h"
#include "x12/finding.h"
#include "x12/input.h"
#include "x12/reader.h"
#include "x12/schema.h"

namespace x12 {

class code_set;
class partner_rules;

struct validation_options {
  std::optional<std::string> guide; // read every transaction with this guide
  bool show_phi = false;            // quote element values in messages
  const code_set *codes = nullptr;  // SNIP 5 code lists; null turns SNIP 5 off
  /// Recognise loops only: no element, syntax, HL/LX or code-list checks.
  /// For consumers that want the tree (convert, view), not the verdict.
  bool structure_only = false;
  /// Trading-partner rules (SNIP 7) on top of the guides' own rules.
  const partner_rules *partner = nullptr;
};

/// Receives the findings and the envelope structure of a run, in input
/// order: what printers and acknowledgment builders need.
class validation_observer {
public:
  virtual ~validation_observer() = default;
  virtual void on_finding(const finding &f) = 0;
  virtual void on_interchange_start(const interchange_header &) {}
  virtual void on_interchange_end() {}
  virtual void on_group_start(const group_header &) {}
  virtual void on_group_end() {}
  virtual void on_transaction_start(const transaction_header &) {}
  /// `segments` counts ST to SE.
  virtual void on_transaction_end(const transaction_header &, std::uint64_t segments) {
    (void)segments;
  }

  // The loop tree, for consumers that rebuild it (JSON, the view, rules).
  // A transaction's root loop (the schema's `root`, with an empty id) opens right
  // after on_transaction_start and closes just before on_transaction_end; a
  // loop opens before its first segment comes to on_segment and closes
  // before the segment that ends it. Every segment the reader returns comes
  // to on_segment once, envelope segments included (ISA and GS after their
  // start event, GE and IEA before their end event, SE before
  // on_transaction_end), with the schema rule that placed it, or null where
  // the guide has none: envelopes, segments the guide does not place, and
  // transactions without a schema, which get no loop events.
  virtual void on_loop_start(const loop_rule &) {}
  virtual void on_loop_end(const loop_rule &) {}
  virtual void on_segment(const segment &, const segment_rule *) {}
};

class validator {
public:
  validator(const schema_set &schemas, validation_options options, validation_observer &observer);
  ~validator();
  validator(const validator &) = delete;
  validator &operator=(const validator &) = delete;

  /// Validates one input to its end.
  void run(input_buffer &in);

private:
  class impl;
  impl *impl_;
};

} // namespace x12
