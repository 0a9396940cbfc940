// The view as plain text: two spaces per depth, each segment followed by
// its name at a fixed column, its elements below in aligned columns.

#include <algorithm>
#include <fmt/format.h>

#include "convert/view_render.h"

namespace x12::detail {
namespace {

// ANSI SGR sequences.
constexpr const char *loop_id_color = "\x1b[1;35m";
constexpr const char *loop_name_color = "\x1b[35m";
constexpr const char *segment_id_color = "\x1b[1;33m";
constexpr const char *segment_name_color = "\x1b[36m";
constexpr const char *ref_color = "\x1b[33m";
constexpr const char *value_color = "\x1b[1;32m";
constexpr const char *quiet_color = "\x1b[2m";
constexpr const char *error_color = "\x1b[1;31m";
constexpr const char *warning_color = "\x1b[33m";
constexpr const char *heading_color = "\x1b[1m";
constexpr const char *reset = "\x1b[0m";

// Where segment names start when the segment leaves room: names line up
// down the page whatever the depth.
constexpr std::size_t name_column = 56;
constexpr std::string_view not_used_label = "(not used by the guide)";

class text_renderer : public view_renderer {
public:
  text_renderer(output_file &out, const view_options &options)
      : out_(out), color_(options.color), headings_(options.several_inputs) {}

  void begin_input(std::string_view name) override {
    if (headings_) {
      if (inputs_++ > 0)
        out_.put('\n');
      indent(0);
      paint(heading_color, fmt::format("==> {} <==", name));
      end_line();
    }
    written_ = false;
  }
  void end_input() override {}

  void open(view_block kind, std::string_view id, std::string_view title,
            unsigned depth) override {
    // Envelopes are shown by their own header segments; a loop, or an
    // interchange after another, gets a blank line above.
    if (written_ && (kind == view_block::loop || kind == view_block::interchange))
      out_.put('\n');
    if (kind != view_block::loop)
      return;
    last_depth_ = depth + 1;
    indent(depth);
    paint(loop_id_color, id);
    pad(2);
    paint(loop_name_color, title);
    end_line();
  }
  void close(view_block) override {}

  void segment(const view_segment &s, unsigned depth) override {
    // Coming back out of loops without a new header (SE, trailers): a
    // blank line, as a header would have.
    if (written_ && depth < last_depth_)
      out_.put('\n');
    last_depth_ = depth;
    indent(depth);
    paint(segment_id_color, s.id);
    paint(nullptr, std::string_view(s.text).substr(s.id.size()));
    if (s.unplaced || !s.name.empty()) {
      pad(width_ + 2 <= name_column ? name_column - width_ : 2);
      if (s.unplaced)
        paint(error_color, "! not placed by the guide");
      else
        paint(segment_name_color, s.name);
    }
    end_line();

    std::size_t ref_width = 0, name_width = 0;
    for (const view_element &e : s.elements) {
      ref_width = std::max(ref_width, e.ref.size());
      name_width = std::max(name_width, label(e).size());
    }
    for (const view_element &e : s.elements) {
      indent(depth + 2);
      paint(ref_color, e.ref);
      pad(ref_width - e.ref.size() + 2);
      std::string_view name = label(e);
      if (name_width > 0) {
        paint(e.not_used ? quiet_color : nullptr, name);
        pad(name_width - name.size() + 2);
      }
      paint(value_color, e.value);
      if (!e.description.empty()) {
        pad(2);
        paint(quiet_color, fmt::format("({})", e.description));
      }
      end_line();
    }
  }

  void note(const finding &f, unsigned depth) override {
    indent(depth + 2);
    paint(f.level == severity::error     ? error_color
          : f.level == severity::warning ? warning_color
                                         : quiet_color,
          fmt::format("! {}: {} [{}]", to_string(f.level), f.message, f.code));
    end_line();
  }

  void finish() override {}

private:
  static std::string_view label(const view_element &e) {
    return e.not_used ? not_used_label : e.name;
  }

  void indent(unsigned depth) {
    line_.clear();
    width_ = 0;
    pad(std::size_t(depth) * 2);
  }
  void pad(std::size_t n) {
    line_.append(n, ' ');
    width_ += n;
  }
  // Appends `text`, in `color` when colours are on; width_ counts what shows.
  void paint(const char *color, std::string_view text) {
    width_ += text.size();
    if (color_ && color && !text.empty()) {
      line_ += color;
      line_ += text;
      line_ += reset;
    } else {
      line_ += text;
    }
  }
  void end_line() {
    line_ += '\n';
    out_.write(line_);
    written_ = true;
  }

  output_file &out_;
  bool color_;
  bool headings_;
  bool written_ = false; // since the input began: a loop header then gets a blank line above
  unsigned last_depth_ = 0; // of the last segment, or of the segments under a loop header
  unsigned inputs_ = 0;
  std::string line_;
  std::size_t width_ = 0; // of line_ on screen, colour codes left out
};

} // namespace

std::unique_ptr<view_renderer> make_text_renderer(output_file &out, const view_options &options) {
  return std::make_unique<text_renderer>(out, options);
}

} // namespace x12::detail
