#pragma once
// reformat: writes an input back out segment by segment, with other
// separators or another line style when asked, and with the trailer counts
// (SE01, GE01, IEA01) recomputed when asked. With no options the output is
// the input's own bytes: same separators, same line breaks, interchange by
// interchange (each keeps its own when several differ). What the reader
// skips with a warning (a byte-order mark, indentation, bytes outside any
// interchange) is not written back.
//
//   x12::input_buffer in = x12::input_buffer::open(path);
//   x12::output_file out("-");
//   x12::reformat_options opt;
//   opt.delims = x12::parse_delimiters("|:^~");
//   opt.line_break = "\n";
//   x12::reformat_stats st = x12::reformat(in, out, opt, sink);
//   if (st.complete) out.commit();
//
// A value that holds one of the output's separators cannot be written: the
// first one stops the output (complete is false) and every one in the input
// is reported as an error finding ("separator-in-value") with its segment
// and element. A count that --fix-counts changed is reported as a warning
// ("count-fixed").

#include <cstdint>
#include <optional>
#include <string>

#include "x12/delimiters.h"
#include "x12/finding.h"
#include "x12/input.h"
#include "x12/output.h"
#include "x12/segment.h"

namespace x12 {

struct reformat_options {
  /// Separators to write; none keeps each interchange's own. An interchange
  /// without a repetition separator (ISA11 a letter) keeps having none.
  std::optional<delimiters> delims;
  /// What follows each terminator: "", "\n" or "\r\n". None keeps the
  /// input's line breaks as they are, segment by segment. Nothing is added
  /// after a newline terminator.
  std::optional<std::string> line_break;
  /// Rewrites SE01, GE01 and IEA01 that disagree with what they count.
  bool fix_counts = false;
};

struct reformat_stats {
  std::uint64_t interchanges = 0;
  std::uint64_t segments = 0; // written
  std::uint64_t counts_fixed = 0;
  std::uint64_t clashes = 0; // values holding an output separator
  /// False when a clash stopped the output part way.
  bool complete = true;
};

/// A byte of a segment that would read as a separator once the segment is
/// written with other separators: which byte, in which element (1-based; 0
/// is the segment ID).
struct separator_clash {
  char byte = 0;
  unsigned element = 0;
};

/// The first clash in `seg` when written with `to`, as writer::write sees
/// it: the segment's own separators translate, any other byte that is one
/// of `to`'s cannot be written, nor a repetition when `to` has none.
std::optional<separator_clash> find_separator_clash(const segment_view &seg,
                                                    const delimiters &to);

/// "a value holds '|', the output's element separator; choose other separators"
std::string describe(const separator_clash &clash, const delimiters &to);

/// Reads all of `in` and writes it to `out` (without committing it).
/// Reader findings (skipped bytes, missing terminator ...) go to `sink` too.
reformat_stats reformat(input_buffer &in, output_file &out,
                        const reformat_options &options, finding_sink sink);

} // namespace x12
