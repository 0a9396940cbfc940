#pragma once
// ack_277ca_builder: a 277CA (005010X214) answering scrubbed 837 claims as
// a clearinghouse front end would. One 277CA transaction set per 837
// transaction set, in one interchange per source interchange (sender and
// receiver swapped, GS01 HN):
//   2000A information source  the 837's receiver (1000B), NM1*AY; TRN*1 the
//                             837's BHT03; received (050) and processed
//                             (009) dates
//   2000B information receiver the 837's submitter (1000A), NM1*41; STC A1:19
//                             with the claims' total; QTY and AMT of the
//                             accepted and rejected claims
//   2000C billing provider    NM1*85 with its NPI, REF*TJ, QTY/AMT
//   2000D patient             NM1*QC; 2200D TRN*2 = CLM01, one STC per edit
//                             (category:status[:entity] from the finding
//                             registry, A7:21 where it names none), REF*D9,
//                             DTP*472; 2220D SVC lines for the edits found on a
//                             service line, with REF*FJ (the 837's REF*6R)
// Accepted claims (A2:20) are listed only when `accepted` is set.
//
//   x12::ack_277ca_builder ack(writer, settings, /*accepted=*/false);
//   run.observe(ack);                         // for the source envelopes
//   ... on each verdict: ack.add(verdict);
//   ack.finish();

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "x12/scrub.h"
#include "x12/validate.h"
#include "x12/writer.h"

namespace x12 {

class ack_277ca_builder : public validation_observer {
public:
  ack_277ca_builder(writer &w, envelope_settings &settings, bool accepted);
  ~ack_277ca_builder() override;

  /// One scrubbed claim, in input order.
  void add(const claim_verdict &v);
  /// Writes what is pending and closes the interchange.
  void finish();

  void on_finding(const finding &) override {}
  void on_interchange_start(const interchange_header &h) override;
  void on_group_start(const group_header &h) override;

private:
  struct pending_claim;
  void flush_transaction();
  void close_interchange();

  envelope_writer env_;
  envelope_settings &settings_;
  bool accepted_;
  interchange_header isa_;
  bool isa_open_ = false, gs_open_ = false;
  std::uint64_t transaction_ = 0; // ordinal of the 837 transaction pending
  std::vector<pending_claim> pending_;
};

} // namespace x12
