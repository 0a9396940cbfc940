#pragma once
// What view.cpp hands its two renderers (view_text.cpp, view_html.cpp): the
// view already worked out (names looked up, values made printable, loops
// and envelopes as nested blocks), so a renderer only lays it out.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "x12/finding.h"
#include "x12/output.h"
#include "x12/view.h"

namespace x12::detail {

/// One row under a segment: an element, a component or a repetition.
struct view_element {
  std::string ref;              // "NM109", "CLM05-1", "EB03[2]"
  std::string_view name;        // the guide's name; empty when it has none
  std::string value;            // printable: other bytes as \xNN
  std::string description;      // of a code value, from a code table; printable
  bool not_used = false;        // sent, but the guide does not use the position
};

struct view_segment {
  std::string id;    // printable
  std::string text;  // as sent, terminator included unless it is a line break; printable
  std::string_view name;
  bool unplaced = false; // in a transaction whose guide has no place for it
  std::vector<view_element> elements;
};

enum class view_block { interchange, group, transaction, loop };

/// Depth counts the blocks a line sits in: envelope segments (ISA, GS, ST)
/// sit at the depth of the block they open, a loop's header line at its
/// parent's depth and its segments one deeper.
class view_renderer {
public:
  virtual ~view_renderer() = default;
  virtual void begin_input(std::string_view name) = 0;
  virtual void end_input() = 0;
  /// `id` is the loop ID ("2300") or the control number; `title` the
  /// loop's name or what the envelope says.
  virtual void open(view_block kind, std::string_view id, std::string_view title,
                    unsigned depth) = 0;
  virtual void close(view_block kind) = 0;
  virtual void segment(const view_segment &s, unsigned depth) = 0;
  virtual void note(const finding &f, unsigned depth) = 0;
  virtual void finish() = 0;
};

std::unique_ptr<view_renderer> make_text_renderer(output_file &out, const view_options &options);
std::unique_ptr<view_renderer> make_html_renderer(output_file &out, const view_options &options);

} // namespace x12::detail
