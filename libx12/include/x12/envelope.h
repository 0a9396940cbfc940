#pragma once
// envelope_checker: follows ISA/IEA, GS/GE and ST/SE over a stream of
// segments, tells the caller where each segment sits, and reports the SNIP 1
// envelope findings: fixed ISA widths, control numbers that pair and are
// unique, IEA01/GE01/SE01 counts, GS08 against ST03, envelopes cut short.
// A run of stray segments with one ID (a flood of empty ones) is one
// finding with its count and byte range, made when the run ends: at the
// next other segment or at finish().
//
//   x12::envelope_checker env(sink);
//   while (auto s = r.next())
//     if (env.on_segment(*s) == x12::envelope_event::transaction_end) ...
//   env.finish();

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "x12/finding.h"
#include "x12/reader.h"

namespace x12 {

struct interchange_header {
  std::string sender_qualifier, sender_id;     // ISA05, ISA06 (trimmed)
  std::string receiver_qualifier, receiver_id; // ISA07, ISA08 (trimmed)
  std::string date, time;                      // ISA09 YYMMDD, ISA10 HHMM
  std::string version;                         // ISA12
  std::string control_number;                  // ISA13
  std::string ack_requested;                   // ISA14
  std::string usage;                           // ISA15: P, T or I
  std::string authorization_qualifier, authorization;  // ISA01, ISA02
  std::string security_qualifier, security;            // ISA03, ISA04
  delimiters delims;
  std::uint64_t offset = 0;
  std::uint64_t segment = 0;
};

struct group_header {
  std::string functional_id;        // GS01: HC, HP, HS, HB, HR, HN, FA
  std::string sender, receiver;     // GS02, GS03
  std::string date, time;           // GS04, GS05
  std::string control_number;       // GS06
  std::string agency;               // GS07
  std::string version;              // GS08: 005010X222A1 ...
  std::uint64_t offset = 0;
  std::uint64_t segment = 0;
};

struct transaction_header {
  std::string id;             // ST01: 837, 835 ...
  std::string control_number; // ST02
  std::string guide;          // ST03, or GS08 when ST03 is absent
  std::uint64_t offset = 0;
  std::uint64_t segment = 0;
};

enum class envelope_event {
  interchange_start, // ISA
  interchange_end,   // IEA
  group_start,       // GS
  group_end,         // GE
  transaction_start, // ST
  transaction_end,   // SE
  body,              // a segment inside ST..SE
  stray,             // a segment where no envelope allows it (reported)
  acknowledgment,    // TA1 between ISA and IEA
};

class envelope_checker {
public:
  explicit envelope_checker(std::string file, finding_sink sink = {});

  envelope_event on_segment(const segment &s);
  /// End of input: reports the stray run and envelopes left open.
  void finish();

  const interchange_header &interchange() const noexcept { return isa_; }
  const group_header &group() const noexcept { return gs_; }
  const transaction_header &transaction() const noexcept { return st_; }
  bool in_transaction() const noexcept { return in_st_; }
  /// Segments of the current transaction so far, ST included.
  std::uint64_t transaction_segments() const noexcept { return st_count_; }
  std::uint64_t transactions_in_group() const noexcept { return group_st_; }
  std::uint64_t groups_in_interchange() const noexcept { return isa_gs_; }

private:
  void report(const segment &s, const finding_code &code, std::string message,
              unsigned element = 0);
  void close_transaction(const segment &at, const char *why);
  void close_group(const segment &at, const char *why);
  void close_interchange(const segment &at, const char *why);
  void check_isa(const segment &s);
  void report_stray(const segment &s, const finding_code &code, std::string message,
                    std::string_view run_what);
  void end_stray_run();

  // Stray segments in a row with one ID, reported as one finding.
  struct stray_run {
    finding first;
    std::string id;
    std::string what; // "outside a transaction set": the run's message tail
    std::uint64_t count = 0, last_number = 0, end = 0;
  };

  std::string file_;
  finding_sink sink_;
  interchange_header isa_;
  group_header gs_;
  transaction_header st_;
  bool in_isa_ = false, in_gs_ = false, in_st_ = false;
  std::uint64_t st_count_ = 0, group_st_ = 0, isa_gs_ = 0;
  std::set<std::string> isa_numbers_, gs_numbers_, st_numbers_;
  std::uint64_t last_offset_ = 0, last_number_ = 0;
  std::optional<stray_run> run_;
};

/// Transaction sets passed over by for_each_transaction.
struct skipped_sets {
  std::uint64_t count = 0;
  transaction_header first; // the first one passed over
};

/// Reads `in` to its end and hands the transaction sets whose ST01 is
/// `set` to the caller: start(envelope_checker&) at their ST, body(segment)
/// for each segment between ST and SE, finish() wherever one ends (SE, GE,
/// IEA, a new ST, or the end of input; it may be called when nothing is
/// open). Other sets are counted; envelope findings go to `sink`.
template <class Start, class Body, class Finish>
skipped_sets for_each_transaction(input_buffer &in, std::string_view set, finding_sink sink,
                                  Start start, Body body, Finish finish) {
  skipped_sets skipped;
  reader r(in, sink);
  envelope_checker env(in.name(), sink);
  bool inside = false;
  while (auto s = r.next()) {
    switch (env.on_segment(*s)) {
    case envelope_event::transaction_start:
      finish();
      inside = env.transaction().id == set;
      if (inside)
        start(env);
      else if (skipped.count++ == 0)
        skipped.first = env.transaction();
      break;
    case envelope_event::body:
      if (inside)
        body(*s);
      break;
    case envelope_event::transaction_end:
    case envelope_event::group_end:
    case envelope_event::interchange_end:
      finish();
      inside = false;
      break;
    default:
      break;
    }
  }
  env.finish();
  finish();
  return skipped;
}

/// for_each_transaction for a table reader with start(transaction_header),
/// body(segment) and finish(summary): what the 837, 271 and 277 readers share.
/// start is given the checker, for the envelope the transaction is in.
template <class Reader, class Summary>
void read_transactions(input_buffer &in, std::string_view set, finding_sink sink, Reader &reader,
                       Summary &summary) {
  summary.skipped = for_each_transaction(
      in, set, std::move(sink),
      [&](const envelope_checker &env) { reader.start(env); },
      [&](const segment &s) { reader.body(s); }, [&] { reader.finish(summary); });
}

} // namespace x12
