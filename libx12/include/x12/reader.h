#pragma once
// reader: the segments of an input, one at a time, with their byte offsets
// and 1-based segment numbers, across any number of interchanges each with
// its own separators.
//
//   x12::input_buffer in = x12::input_buffer::open(path);
//   x12::reader r(in, sink);
//   while (auto seg = r.next())
//     if (seg->view.is("CLM")) ++claims;
//
// A segment's view stays valid until the reader is asked for the next one,
// unless hold() was called: then every segment from the held one on stays
// valid until release(). Holding one transaction or claim at a time keeps
// memory bounded by its size.
//
// What real files do is read with a warning to the sink: byte-order-mark,
// leading-whitespace (before the first ISA, or indented segments: once per
// input), missing-terminator (last segment), trailing-garbage (after an IEA),
// isa11-separator-clash, skipped-bytes. Errors: empty-input, no-isa,
// garbage-before-isa, isa-unreadable (reading resumes at the next ISA),
// isa-length (fields not padded; read by counting separators) and
// segment-too-long (skipped). A finding's segment number is that of the
// segment it concerns (the ISA for header problems), or of the last segment
// read for bytes between segments; 0 before the first.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "x12/delimiters.h"
#include "x12/finding.h"
#include "x12/finding_codes.h"
#include "x12/input.h"
#include "x12/segment.h"

namespace x12 {

struct segment {
  segment_view view;
  std::uint64_t offset = 0; // of the segment's first byte in the input
  std::uint64_t number = 0; // 1-based over the whole input
};

/// A finding about segment `s` of `file`, located: the caller adds what
/// else it knows (transaction, loop, claim).
finding finding_about(const segment &s, const std::string &file, const finding_code &code,
                      std::string message, unsigned element = 0);

class reader {
public:
  /// Segments longer than this are reported and skipped (a missing
  /// terminator would otherwise swallow the rest of the file).
  static constexpr std::size_t max_segment_length = 1 << 20;

  explicit reader(input_buffer &in, finding_sink sink = {});
  reader(input_buffer &&, finding_sink = {}) = delete;

  std::optional<segment> next();

  /// The separators of the interchange being read.
  const delimiters &delims() const noexcept { return delims_; }
  /// What followed the ISA's terminator ("", "\n" or "\r\n"): the line
  /// style the interchange was written with.
  std::string_view line_break() const noexcept { return line_break_; }
  /// Interchanges started so far.
  std::uint64_t interchanges() const noexcept { return interchanges_; }
  const std::string &file() const noexcept { return in_.name(); }

  /// Keep the bytes of the last segment returned, and all after it, until
  /// release().
  void hold() noexcept;
  void release() noexcept;

private:
  enum class state { before_isa, in_interchange, after_iea };
  static constexpr std::uint64_t none = ~std::uint64_t(0);
  bool ensure(std::uint64_t end);
  bool at_isa();
  bool find_isa();
  bool seek_interchange();
  bool start_interchange();
  std::uint64_t skip_between_segments();
  void release_behind(std::uint64_t offset) noexcept;
  void report(const finding_code &code, std::string message, std::uint64_t offset,
              std::uint64_t number, std::string_view segment_id = {});

  input_buffer &in_;
  finding_sink sink_;
  delimiters delims_;
  std::string line_break_;
  std::uint64_t pos_ = 0;
  std::uint64_t number_ = 0;
  std::uint64_t interchanges_ = 0;
  std::uint64_t last_start_ = 0;
  std::uint64_t hold_from_ = 0;
  std::uint64_t isa_length_ = 0; // of the ISA at pos_, once its header is read
  std::uint64_t indent_at_ = none; // spaces before the next segment, to report
  bool holding_ = false;
  bool finished_ = false;
  state state_ = state::before_isa;
  bool warned_indent_ = false;
};

} // namespace x12
