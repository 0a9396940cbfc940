#pragma once
// claim_writer: writes chosen claim units as interchanges a receiver can
// take on their own. For each source interchange, group and transaction
// that has claims here: the source's ISA and GS (parties, usage, version,
// GS08) and dates with fresh control numbers (the settings' next ones,
// shared by every writer of the run so none repeats; the settings' date and
// time too when `fresh_dates`); ST with
// the source's ST01, ST02 and ST03; the transaction's header (BHT, 1000A,
// 1000B) as sent; then each claim's context loops (2000A, 2000B, 2000C with
// their 2010 loops) once, with HL01 renumbered from 1, HL02 naming the
// renumbered parent and HL04 saying whether a child loop follows here; and
// the claims byte for byte. SE01, GE01 and IEA01 are counted afresh.
//
//   x12::claim_writer clean(out, settings);
//   clean.source_interchange(isa);  clean.source_group(gs);
//   clean.write_transaction(claims_of_this_transaction);
//   clean.finish();
//
// It sees a transaction's claims at once, so HL04 is known when the loop is
// written: memory is the caller's (one transaction's claims).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "x12/envelope.h"
#include "x12/output.h"
#include "x12/unit.h"
#include "x12/writer.h"

namespace x12 {

class claim_writer {
public:
  /// `line_break` follows every segment ("" or "\n", as the source had).
  /// The source's ISA09/ISA10 and GS04/GS05 are kept unless `fresh_dates`:
  /// a guide checks dates of service against GS04.
  claim_writer(output_file &out, envelope_settings &settings, bool fresh_dates = false,
               std::string line_break = "");

  /// The line style, until the first segment is written.
  void line_break(std::string lb) {
    if (!writer_)
      line_break_ = std::move(lb);
  }
  /// The interchange and group the next transactions come from.
  void source_interchange(const interchange_header &h);
  void source_group(const group_header &h);
  /// Writes one source transaction's claims, in input order. Nothing when empty.
  void write_transaction(const std::vector<const claim_unit *> &claims);
  /// Ends the open group and interchange.
  void finish();

  std::uint64_t claims_written() const noexcept { return claims_; }

private:
  void open_envelopes(const delimiters &d);
  void write_loop(const unit_loop &l, std::uint64_t id, std::uint64_t parent, bool children);

  output_file &out_;
  envelope_settings &settings_;
  std::string line_break_;
  std::optional<writer> writer_;
  std::optional<envelope_writer> env_;
  interchange_header isa_;
  group_header gs_;
  bool fresh_dates_;
  bool isa_open_ = false, gs_open_ = false;
  std::uint64_t isa_number_ = 0, groups_ = 0;
  std::uint64_t claims_ = 0;
};

} // namespace x12
