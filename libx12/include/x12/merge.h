#pragma once
// merge: the transaction sets of several inputs under one new interchange,
// with one functional group per functional identifier code and guide (GS01
// and GS08), in the order they first appear. Counts, ISA13 and GS06 are
// new; dates come from the clock settings (--now, SOURCE_DATE_EPOCH).
//
// The interchange takes its parties, usage, version and separators from the
// first input's first interchange unless set here; each group takes GS02,
// GS03 and GS07 from the first group with its code and guide. A transaction
// set keeps its ST02 unless an earlier one in its merged group has that
// number: then it takes the lowest four-digit number no transaction of the
// group brings, counted in merge_stats::renumbered. Transactions
// written with other separators are translated; a value holding one of the
// output's separators stops the merge ("separator-in-value").
//
// A first pass finds the groups and their ST02 (and reports the inputs'
// envelope findings); then one pass per group writes its transactions
// together. Files are reopened for each pass; standard input is kept in
// memory instead. Memory otherwise holds one ST02 per transaction.
//
//   x12::merge_options opt;
//   opt.settings.now = x12::envelope_settings::resolve_now(std::nullopt);
//   x12::output_file out("merged.x12");
//   if (x12::merge({"a.x12", "b.x12"}, out, opt, sink).complete) out.commit();

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "x12/finding.h"
#include "x12/output.h"
#include "x12/writer.h"

namespace x12 {

/// An interchange party: ISA05/ISA06 (or ISA07/ISA08), and the same ID as
/// GS02 (or GS03).
struct party {
  std::string qualifier; // empty: keep the first input's
  std::string id;
};

/// Reads "ZZ:SUBMITTER01" or "SUBMITTER01". Throws x12::error when the
/// qualifier is longer than 2 or the ID longer than 15 characters.
party parse_party(std::string_view text);

struct merge_options {
  std::optional<party> sender, receiver;
  /// `now` for the dates; next_control_number for ISA13, and for the first
  /// GS06 (each group after it takes the next).
  envelope_settings settings;
};

struct merge_stats {
  std::uint64_t groups = 0;
  std::uint64_t transactions = 0;
  std::uint64_t renumbered = 0;
  /// False when nothing could be merged or a separator clash stopped the
  /// output: do not commit it.
  bool complete = true;
};

/// `paths` are files or "-" (at most once). Throws x12::error when an input
/// cannot be read or the output written.
merge_stats merge(const std::vector<std::string> &paths, output_file &out,
                  const merge_options &options, finding_sink findings);

} // namespace x12
