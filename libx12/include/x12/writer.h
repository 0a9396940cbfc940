#pragma once
// writer: segments to bytes with chosen separators and line style;
// envelope_writer on top of it computes SE01, GE01 and IEA01, pads the ISA
// to its fixed widths and hands out control numbers, so generated output is
// valid by construction and deterministic when the clock and numbers are set.

#include <array>
#include <cstdint>
#include <ctime>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "x12/delimiters.h"
#include "x12/envelope.h"
#include "x12/error.h"
#include "x12/output.h"
#include "x12/segment.h"

namespace x12 {

class writer {
public:
  /// `line_break` follows every terminator: "", "\n" or "\r\n".
  writer(output_file &out, const delimiters &d, std::string line_break = "");

  /// Writes a segment read with any separators, translating them to ours.
  /// Fails, writing nothing, when a value holds one of our separators.
  result<bool> write(const segment_view &seg);
  /// Writes a segment from its ID and element values, already free of
  /// separators. Trailing empty elements are dropped, as X12 requires.
  void write(std::string_view id, std::initializer_list<std::string_view> elements);

  const delimiters &delims() const noexcept { return delims_; }
  const std::string &line_break() const noexcept { return line_break_; }
  std::uint64_t segments_written() const noexcept { return written_; }

private:
  void end_segment();
  void build_map(const delimiters &from);
  output_file &out_;
  delimiters delims_;
  std::string line_break_;
  std::uint64_t written_ = 0;
  // The byte map for the last source separators seen, and a scratch buffer:
  // files keep their separators, so both are built once, not per segment.
  delimiters mapped_from_{};
  bool have_map_ = false;
  std::array<int, 256> map_{};
  std::string scratch_;
};

/// The clock and control numbers for generated envelopes. `now` comes from
/// --now, else SOURCE_DATE_EPOCH, else the system clock.
struct envelope_settings {
  std::time_t now = 0;
  std::uint64_t next_control_number = 1;
  /// Parses "2026-01-31T13:45" (or a date alone, or epoch seconds) if given,
  /// else SOURCE_DATE_EPOCH, else the current time. Throws x12::error.
  static std::time_t resolve_now(const std::optional<std::string> &flag);
};

/// "HC:99213:25": `parts` joined by the component separator, trailing empty
/// parts dropped, as a composite element is written.
std::string join_components(char separator, std::initializer_list<std::string_view> parts);

/// `t` in UTC as strftime `format` gives it ("%Y%m%d", "%H%M").
std::string format_utc(std::time_t t, const char *format);

class envelope_writer {
public:
  envelope_writer(writer &w, envelope_settings &settings);

  /// Writes an ISA with `h`'s parties, version and usage; the date, time
  /// and control number come from the settings unless `keep_numbers`.
  void begin_interchange(const interchange_header &h, bool keep_numbers = false);
  void begin_group(const group_header &h, bool keep_numbers = false);
  void begin_transaction(std::string_view id, std::string_view control_number,
                         std::string_view guide);
  /// A segment inside the transaction (ST and SE are written for you).
  result<bool> body(const segment_view &seg);
  void body(std::string_view id, std::initializer_list<std::string_view> elements);
  void end_transaction();
  void end_group();
  void end_interchange();

  std::string next_control_number(unsigned width);
  const delimiters &delims() const noexcept { return w_.delims(); }
  const std::string &transaction_control_number() const noexcept { return st_control_; }
  /// ISA13 of the interchange begun last.
  const std::string &interchange_control_number() const noexcept { return isa_control_; }

private:
  writer &w_;
  envelope_settings &settings_;
  std::string isa_control_, gs_control_, st_control_;
  std::uint64_t groups_ = 0, transactions_ = 0, segments_ = 0;
};

} // namespace x12
