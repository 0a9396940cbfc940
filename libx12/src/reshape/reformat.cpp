#include "x12/reformat.h"

#include <fmt/format.h>

#include "x12/envelope.h"
#include "x12/reader.h"
#include "x12/writer.h"

#include "core/finding_code_table.h"

namespace x12 {

using detail::registered_code;
namespace {

bool count_is(std::string_view text, std::uint64_t actual) {
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string_view::npos)
    return false;
  return std::stoull(std::string(text)) == actual;
}

// `seg` with element 1 replaced by `value`, in the segment's own separators.
std::string with_first_element(const segment_view &seg,
                               std::string_view value) {
  std::string_view text = seg.text();
  char e = seg.delims().element;
  std::size_t first = text.find(e);
  std::string out(text.substr(0, first));
  out += e;
  out += value;
  if (first != std::string_view::npos) {
    std::size_t second = text.find(e, first + 1);
    if (second != std::string_view::npos)
      out += text.substr(second);
  }
  return out;
}

class reformatter {
public:
  reformatter(input_buffer &in, output_file &out, const reformat_options &opt,
              finding_sink sink)
      : in_(in), out_(out), opt_(opt), sink_(std::move(sink)),
        reader_(in, sink_), env_(in.name()) {}

  reformat_stats run() {
    while (auto s = reader_.next()) {
      if (s->view.is("ISA"))
        start_interchange(s->view.delims());
      segment_view seg = s->view;
      std::string fixed;
      if (opt_.fix_counts) {
        envelope_event ev = env_.on_segment(*s);
        if (auto actual = counted(ev)) {
          std::string_view said = seg[1];
          if (!count_is(said, *actual)) {
            fixed = with_first_element(seg, std::to_string(*actual));
            report(*s, registered_code("count-fixed"),
                   fmt::format("{}01 said '{}'; set to {}", seg.id(), said,
                               *actual),
                   1);
            ++stats_.counts_fixed;
            seg = segment_view(fixed, seg.delims());
          }
        }
      }
      if (auto c = find_separator_clash(seg, writer_->delims())) {
        ++stats_.clashes;
        stats_.complete = false;
        report(*s, registered_code("separator-in-value"),
               describe(*c, writer_->delims()), c->element);
        continue;
      }
      if (!stats_.complete)
        continue;
      if (auto r = writer_->write(seg); !r) {
        // find_separator_clash mirrors the writer: this means the two disagree.
        ++stats_.clashes;
        stats_.complete = false;
        report(*s, registered_code("separator-in-value"), r.error().message(), 0);
        continue;
      }
      if (copy_breaks_)
        out_.write(line_break_after(s->view));
      ++stats_.segments;
    }
    return stats_;
  }

private:
  void start_interchange(const delimiters &source) {
    ++stats_.interchanges;
    delimiters to = opt_.delims.value_or(source);
    if (!source.has_repetition())
      to.repetition = '\0';
    source_terminator_ = source.segment;
    // Keeping the input's style means copying its line breaks segment by
    // segment, so a file without a final newline, or with breaks after some
    // segments only, comes back the same. A newline that becomes the
    // terminator is not doubled.
    bool newline_terminator = to.segment == '\n' || to.segment == '\r';
    copy_breaks_ = !opt_.line_break &&
                   !(newline_terminator && to.segment != source.segment);
    std::string line_break =
        newline_terminator ? "" : opt_.line_break.value_or("");
    writer_.emplace(out_, to, line_break);
  }

  // The CR and LF bytes that follow `seg`'s terminator in the input.
  std::string_view line_break_after(const segment_view &seg) {
    std::string_view text = seg.text();
    std::size_t at =
        static_cast<std::size_t>(text.data() - in_.bytes().data()) +
        text.size();
    if (at >= in_.bytes().size() || in_.bytes()[at] != source_terminator_)
      return {}; // the last segment had no terminator
    std::size_t from = ++at;
    for (;;) {
      std::string_view b = in_.bytes();
      while (at < b.size() && (b[at] == '\r' || b[at] == '\n') &&
             b[at] != source_terminator_)
        ++at;
      if (at < b.size() || !in_.more())
        return in_.bytes().substr(from, at - from);
    }
  }

  // The count a trailer should carry, for SE, GE and IEA.
  std::optional<std::uint64_t> counted(envelope_event ev) const {
    switch (ev) {
    case envelope_event::transaction_end:
      return env_.transaction_segments();
    case envelope_event::group_end:
      return env_.transactions_in_group();
    case envelope_event::interchange_end:
      return env_.groups_in_interchange();
    default:
      return std::nullopt;
    }
  }

  void report(const segment &s, const finding_code &code, std::string message,
              unsigned element) {
    if (!sink_)
      return;
    sink_(finding_about(s, in_.name(), code, std::move(message), element));
  }

  input_buffer &in_;
  output_file &out_;
  const reformat_options &opt_;
  finding_sink sink_;
  reader reader_;
  envelope_checker env_; // counts only: checking envelopes is not this job
  std::optional<writer> writer_;
  char source_terminator_ = '~';
  bool copy_breaks_ = false;
  reformat_stats stats_;
};

} // namespace

std::optional<separator_clash> find_separator_clash(const segment_view &seg,
                                                    const delimiters &to) {
  const delimiters &from = seg.delims();
  if (from == to)
    return std::nullopt;
  unsigned element = 0;
  for (char c : seg.text()) {
    if (c == from.element) {
      ++element;
      continue;
    }
    if (c == from.component)
      continue;
    if (from.has_repetition() && c == from.repetition) {
      if (to.has_repetition())
        continue;
      return separator_clash{c, element};
    }
    if (c == to.element || c == to.component || c == to.segment ||
        (to.has_repetition() && c == to.repetition))
      return separator_clash{c, element};
  }
  return std::nullopt;
}

std::string describe(const separator_clash &clash, const delimiters &to) {
  char c = clash.byte;
  std::string shown = c == '\n' ? "\\n" : c == '\r' ? "\\r" : std::string(1, c);
  const char *role = c == to.element       ? "element separator"
                     : c == to.component   ? "component separator"
                     : c == to.segment     ? "segment terminator"
                     : to.has_repetition() ? "repetition separator"
                                           : nullptr;
  if (!role)
    return fmt::format(
        "a value repeats with '{}' and the output has no repetition separator",
        shown);
  return fmt::format(
      "a value holds '{}', the output's {}; choose other separators", shown,
      role);
}

reformat_stats reformat(input_buffer &in, output_file &out,
                        const reformat_options &options, finding_sink sink) {
  return reformatter(in, out, options, std::move(sink)).run();
}

} // namespace x12
