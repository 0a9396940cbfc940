#pragma once
// A readable view of X12 files, as plain text (ANSI colours optional) or as
// one self-contained HTML page: one segment per line as it was sent,
// indented by loop, a header line where a loop opens, and under each
// segment its elements by reference, guide name and value (with the code's
// description when a loaded code table has one). Envelope segments are named
// from a built-in table; segments the guide does not place are flagged, and
// reader, envelope and loop findings are shown under the segment they
// concern. The view shows values: it is for the file's owner, on stdout.
//
//   x12::output_file out("-");
//   x12::viewer v(schemas, out, {.format = x12::view_format::html});
//   x12::input_buffer in = x12::input_buffer::open("claims.x12");
//   v.add(in);
//   v.finish();
//   out.commit();
//
// The loop tree comes from the validator's structure events: one pass, and
// memory bounded by one segment, whatever the size of the input.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "x12/input.h"
#include "x12/output.h"
#include "x12/schema.h"

namespace x12 {

class code_set;

enum class view_format { text, html };

struct view_options {
  view_format format = view_format::text;
  bool color = false;               // text: ANSI colours for loops, segments, values
  bool several_inputs = false;      // text: a heading per input; html: a generic title
  std::optional<std::string> guide; // read every transaction with this guide
  const code_set *codes = nullptr;  // descriptions of code values; null for none
};

/// What a view met, for the exit status.
struct view_counts {
  std::uint64_t segments = 0;
  std::uint64_t unplaced = 0; // segments in a transaction the guide does not place
  std::uint64_t errors = 0;   // findings of error severity
  std::uint64_t warnings = 0;
};

namespace detail {
class view_renderer;
}

class viewer {
public:
  /// `schemas`, `out` and `options.codes` must outlive the viewer.
  viewer(const schema_set &schemas, output_file &out, view_options options);
  ~viewer();
  viewer(const viewer &) = delete;
  viewer &operator=(const viewer &) = delete;

  /// Writes the view of one input, as it is read. Throws x12::error when a
  /// schema or code table it needs is malformed.
  void add(input_buffer &in);
  /// Ends the output (closes the HTML page); call once, after the last add().
  void finish();
  const view_counts &counts() const noexcept { return counts_; }

private:
  const schema_set &schemas_;
  view_options options_;
  std::unique_ptr<detail::view_renderer> renderer_;
  view_counts counts_;
};

} // namespace x12
