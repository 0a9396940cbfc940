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
#include "x12/schema.h"

namespace x12 {

class code_set;

struct validation_options {
  std::optional<std::string> guide; // read every transaction with this guide
  bool show_phi = false;            // quote element values in messages
  const code_set *codes = nullptr;  // SNIP 5 code lists; null turns SNIP 5 off
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
