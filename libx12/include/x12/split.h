#pragma once
// split: cuts an input into files that are each one complete, valid
// interchange, in one pass and bounded memory.
//
//   by interchange   one file per interchange, its control numbers and
//                    dates kept;
//   by transaction   up to `max` transaction sets per file;
//   by claim         up to `max` 837 claims per file, each with its billing
//                    provider, subscriber and patient loops (claim_split.h).
//                    Other transaction sets are not cut: each goes whole to
//                    a file of its own;
//   by subscriber    the same, but a subscriber's claims (its 2000B loop and
//                    the patients under it) are never cut apart: a file
//                    holds more than `max` when one subscriber has more.
//
// Every file carries its source's ISA and GS fields (parties, usage,
// version, dates, GS08) and separators, with SE01, GE01 and IEA01 counted
// afresh. ST02 is kept. By transaction or claim, ISA13 and GS06 are new and
// unique across the files: the first file's are `first_control_number`,
// and each interchange or group after it takes the next number. A file never
// spans two source interchanges. Files are named PREFIX-000001.x12 ... in
// `out_dir` (created if missing; refused when it holds files, unless
// `force`). They are written into a staging folder and put in place once
// all are written, so a run that fails or is killed leaves no set that
// looks whole: a new `out_dir` appears whole or not at all.
//
//   x12::split_options opt;
//   opt.by = x12::split_unit::claim;
//   opt.max = 500;
//   opt.out_dir = "parts";
//   x12::split(in, opt, sink, [](const x12::split_part &p) { list(p.path); });

#include <cstdint>
#include <functional>
#include <string>

#include "x12/finding.h"
#include "x12/input.h"

namespace x12 {

enum class split_unit { interchange, transaction, claim, subscriber };

struct split_options {
  split_unit by = split_unit::transaction;
  std::uint64_t max = 1; // transaction sets or claims per file
  std::string out_dir = ".";
  std::string prefix = "part";
  std::uint64_t first_control_number = 1;
  /// Write into an out_dir that already holds files. Without it such a
  /// folder is refused: an earlier split's parts left beside this run's
  /// would be merged and submitted with them. With it, the earlier run's
  /// PREFIX-NNNNNN.x12 files this run did not write are removed at the end.
  bool force = false;
};

/// One file written.
struct split_part {
  std::string path;
  std::uint64_t transactions = 0;
  std::uint64_t claims = 0; // CLM in 837, CLP in 835
  std::uint64_t segments = 0;
};

struct split_stats {
  std::uint64_t parts = 0;
  std::uint64_t transactions = 0; // in the input
  std::uint64_t claims = 0;
};

/// Reads all of `in`. Envelope and reader findings go to `findings`; the
/// files are written all the same, with envelopes made whole. `on_part`
/// runs for each file once all are in place. Throws x12::error when a file
/// cannot be written or `out_dir` cannot be made; then no part is put in
/// place.
split_stats split(input_buffer &in, const split_options &options,
                  finding_sink findings,
                  std::function<void(const split_part &)> on_part);

} // namespace x12
