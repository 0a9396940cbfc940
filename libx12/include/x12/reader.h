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

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "x12/delimiters.h"
#include "x12/finding.h"
#include "x12/input.h"
#include "x12/segment.h"

namespace x12 {

struct segment {
  segment_view view;
  std::uint64_t offset = 0; // of the segment's first byte in the input
  std::uint64_t number = 0; // 1-based over the whole input
};

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
  bool ensure(std::uint64_t end);
  bool find_isa();
  bool start_interchange();
  void skip_between_segments();
  void warn(std::string code, std::string message, std::uint64_t offset,
            std::string_view segment_id = {});
  void error(std::string code, std::string message, std::uint64_t offset,
             std::string_view segment_id = {}, std::string ta1_note = {});

  input_buffer &in_;
  finding_sink sink_;
  delimiters delims_;
  std::string line_break_;
  std::uint64_t pos_ = 0;
  std::uint64_t number_ = 0;
  std::uint64_t interchanges_ = 0;
  std::uint64_t last_start_ = 0;
  std::uint64_t hold_from_ = 0;
  bool holding_ = false;
  state state_ = state::before_isa;
  bool warned_indent_ = false;
};

} // namespace x12
