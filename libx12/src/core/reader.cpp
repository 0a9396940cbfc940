#include "x12/reader.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

#include "core/finding_code_table.h"

namespace x12 {

using detail::registered_code;

finding finding_about(const segment &s, const std::string &file, const finding_code &code,
                      std::string message, unsigned element) {
  finding f = finding_from(code);
  f.message = std::move(message);
  f.where.file = file;
  f.where.offset = s.offset;
  f.where.segment = s.number;
  f.where.segment_id = printable(s.view.id(), 3);
  f.where.element = element;
  return f;
}
namespace {

bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

std::string bytes_text(std::uint64_t n) {
  return n == 1 ? "1 byte" : std::to_string(n) + " bytes";
}

// Real files reach us as UTF-16 when a Windows tool saved them as "Unicode":
// a byte-order mark, or the letters of "ISA" with NULs between them.
bool looks_like_utf16(std::string_view head) {
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF"))
    return true;
  return head.find(std::string_view("I\0S\0A\0", 6)) != std::string_view::npos ||
         head.find(std::string_view("\0I\0S\0A", 6)) != std::string_view::npos;
}

// Why an ISA11 that looks like a repetition separator cannot be one.
std::string isa11_clash(const delimiters &d, char c) {
  std::string what = c == d.element     ? "also the element separator"
                     : c == d.component ? "also the component separator (ISA16)"
                     : c == d.segment   ? "also the segment terminator"
                                        : "a NUL byte";
  return "ISA11 repetition separator '" + printable({&c, 1}) + "' is " + what +
         "; reading without repetitions";
}

// The offset past the usual line break ("\n" or "\r\n") after a terminator
// at `pos - 1`, when the bytes are at hand. Skips what
// skip_between_segments() would (CR and LF unless they are the element or
// component separator), which handles anything else.
std::uint64_t after_line_break(std::string_view b, std::uint64_t pos, const delimiters &d) {
  auto line = [&](char c) { return c != d.element && c != d.component; };
  if (pos < b.size() && b[pos] == '\n' && line('\n'))
    return pos + 1;
  if (pos + 1 < b.size() && b[pos] == '\r' && b[pos + 1] == '\n' && line('\r') && line('\n'))
    return pos + 2;
  return pos;
}

// Builds the segment straight in the caller's optional: one assembled on the
// stack and then copied in costs a store-forwarding stall per segment, a
// third of the reader's time. Compilers without parenthesised aggregate
// initialisation (clang 14) get the field-by-field copy.
std::optional<segment> make_segment(std::string_view text, const delimiters &d,
                                    std::uint64_t offset, std::uint64_t number) {
#if __cpp_aggregate_paren_init >= 201902L
  return std::optional<segment>(std::in_place, segment_view(text, d), offset, number);
#else
  std::optional<segment> out(std::in_place);
  out->view = segment_view(text, d);
  out->offset = offset;
  out->number = number;
  return out;
#endif
}

} // namespace

reader::reader(input_buffer &in, finding_sink sink)
    : in_(in), sink_(std::move(sink)) {}

void reader::hold() noexcept {
  holding_ = true;
  hold_from_ = last_start_;
}

void reader::release() noexcept { holding_ = false; }

// Gives back the bytes before `offset`, or before the held segment.
void reader::release_behind(std::uint64_t offset) noexcept {
  in_.release(holding_ && hold_from_ < offset ? hold_from_ : offset);
}

void reader::report(const finding_code &code, std::string message, std::uint64_t offset,
                    std::uint64_t number, std::string_view segment_id) {
  if (!sink_)
    return;
  finding f = finding_from(code);
  f.message = std::move(message);
  f.where.file = in_.name();
  f.where.offset = offset;
  f.where.segment = number;
  f.where.segment_id = printable(segment_id, 3);
  sink_(std::move(f));
}

// Makes bytes [0, end) available if the input has them.
bool reader::ensure(std::uint64_t end) {
  while (in_.bytes().size() < end)
    if (!in_.more())
      return false;
  return true;
}

bool reader::at_isa() {
  if (!ensure(pos_ + 4))
    return false;
  std::string_view b = in_.bytes();
  return b.compare(pos_, 3, "ISA") == 0 && !is_alnum(b[pos_ + 3]);
}

// Skips line breaks, spaces and tabs before a segment; returns the offset of
// the first space or tab skipped (indentation), or `none`.
std::uint64_t reader::skip_between_segments() {
  std::uint64_t indent = none;
  for (;;) {
    std::string_view b = in_.bytes();
    while (pos_ < b.size()) {
      char c = b[pos_];
      bool line = c == '\r' || c == '\n';
      bool space = c == ' ' || c == '\t';
      if ((!line && !space) || c == delims_.element || c == delims_.component)
        return indent;
      if (space && indent == none)
        indent = pos_;
      ++pos_;
    }
    if (!in_.more())
      return indent;
  }
}

// Looks for the next "ISA" that starts a header. Used at the start of input,
// after an IEA, and to resynchronise after an unreadable header.
bool reader::find_isa() {
  for (;;) {
    std::string_view b = in_.bytes();
    while (pos_ + 4 <= b.size()) {
      const void *hit = std::memchr(b.data() + pos_, 'I', b.size() - pos_ - 3);
      if (!hit)
        break;
      std::uint64_t at = static_cast<const char *>(hit) - b.data();
      if (b.compare(at, 3, "ISA") == 0 && !is_alnum(b[at + 3]) &&
          (at == 0 || !is_alnum(b[at - 1]))) {
        pos_ = at;
        return true;
      }
      pos_ = at + 1;
    }
    release_behind(pos_);
    if (!in_.more()) {
      pos_ = in_.bytes().size();
      return false;
    }
  }
}

// Reads the ISA header at pos_ and takes on its separators; on failure
// reports it and steps past the "ISA" so the search goes on.
bool reader::start_interchange() {
  ensure(pos_ + 2 * isa_length + 2);
  std::string_view rest = in_.bytes().substr(pos_, 2 * isa_length + 2);
  auto layout = detect_delimiters(rest);
  if (!layout) {
    report(registered_code("isa-unreadable"),
           layout.error().message() + "; skipping to the next ISA", pos_,
           number_ + 1, "ISA");
    ++number_;
    ++pos_;
    state_ = state::before_isa;
    return false;
  }
  if (layout->delims.repetition == '\0') {
    std::string_view isa11 = segment_view(rest.substr(0, layout->length - 1),
                                          layout->delims)[11];
    if (isa11.size() == 1 && !is_alnum(isa11[0]) && isa11[0] != ' ')
      report(registered_code("isa11-separator-clash"),
             isa11_clash(layout->delims, isa11[0]), pos_, number_ + 1, "ISA");
  }
  delims_ = layout->delims;
  if (!layout->fixed_width)
    report(registered_code("isa-length"),
           "ISA fields are not padded to their fixed widths; the header was read "
           "by counting separators",
           pos_, number_ + 1, "ISA");
  // The line style is whatever follows the ISA's terminator.
  std::string_view after = in_.bytes().substr(pos_ + layout->length, 2);
  line_break_.clear();
  if (!after.empty() && after[0] == '\n' && delims_.segment != '\n')
    line_break_ = "\n";
  else if (after.size() == 2 && after[0] == '\r' && after[1] == '\n')
    line_break_ = "\r\n";
  // A separator is never a line break, even when it is CR or LF.
  const char separators[] = {delims_.element, delims_.component, delims_.repetition};
  if (line_break_.find_first_of(std::string_view(separators, 3)) != std::string::npos)
    line_break_.clear();
  isa_length_ = layout->length;
  ++interchanges_;
  state_ = state::in_interchange;
  return true;
}

// Before the first ISA or after an IEA: moves to the next readable ISA header,
// reporting whatever is skipped on the way. False at the end of input.
bool reader::seek_interchange() {
  for (;;) {
    const bool first = interchanges_ == 0 && number_ == 0;
    std::uint64_t from = pos_;
    if (pos_ == 0 && ensure(3) && in_.bytes().starts_with("\xEF\xBB\xBF")) {
      report(registered_code("byte-order-mark"),
             "UTF-8 byte-order mark at the start skipped", 0, 0);
      pos_ = from = 3;
    }
    std::uint64_t indent = skip_between_segments();
    if (!ensure(pos_ + 1)) {
      if (first && in_.bytes().size() == from)
        report(registered_code("empty-input"),
               from == 0 ? "empty input: no ISA header" : "no ISA header after the byte-order mark",
               from, 0);
      else if (first)
        report(registered_code("no-isa"), "no ISA header: the input holds only whitespace",
               from, 0);
      return false;
    }
    if (!at_isa()) {
      std::uint64_t garbage_at = pos_;
      bool utf16 = first && (ensure(4096), looks_like_utf16(in_.bytes().substr(0, 4096)));
      bool found = find_isa();
      std::uint64_t skipped = pos_ - garbage_at;
      if (first && !found)
        report(registered_code("no-isa"),
               utf16 ? "no ISA header: the input looks like UTF-16 text; X12 must "
                       "be ASCII (convert it first, e.g. iconv -f UTF-16 -t ASCII)"
                     : "no ISA header: the input is not X12",
               garbage_at, 0);
      else if (first)
        report(registered_code("garbage-before-isa"),
               bytes_text(skipped) + " before the first ISA skipped", garbage_at, 0);
      else if (state_ == state::after_iea)
        report(registered_code("trailing-garbage"),
               bytes_text(skipped) + " after IEA ignored", garbage_at, number_);
      else
        report(registered_code("skipped-bytes"),
               bytes_text(skipped) + " skipped looking for the next ISA", garbage_at,
               number_);
      if (!found)
        return false;
    } else if (first && pos_ > from) {
      report(registered_code("leading-whitespace"),
             "whitespace before the first ISA skipped", from, 1, "ISA");
    } else if (indent != none && !warned_indent_) {
      indent_at_ = indent;
    }
    if (start_interchange())
      return true;
  }
}

std::optional<segment> reader::next() {
  if (finished_)
    return std::nullopt;
  // input_buffer gives pages back 8 MiB at a time: asking once the last
  // segment crossed a MiB boundary keeps the call off the per-segment path.
  if ((pos_ ^ last_start_) >> 20)
    release_behind(pos_);
  // The usual case first, in one place: inside an interchange, a segment
  // that starts right here (no whitespace, no 'I' that may open an ISA or
  // close with IEA) and whose terminator is in the bytes at hand, within
  // the length limit. Anything else takes the general path below.
  if (state_ == state::in_interchange && isa_length_ == 0 && indent_at_ == none) {
    std::string_view b = in_.bytes();
    std::uint64_t start = pos_;
    if (start < b.size() && static_cast<unsigned char>(b[start]) > ' ' && b[start] != 'I') {
      std::size_t span = std::min<std::size_t>(b.size() - start, max_segment_length + 1);
      if (const void *hit = std::memchr(b.data() + start, delims_.segment, span)) {
        std::uint64_t end = static_cast<const char *>(hit) - b.data();
        std::string_view text = b.substr(start, end - start);
        if (delims_.segment != '\n' || text.empty() || text.back() != '\r') {
          ++number_;
          last_start_ = start;
          pos_ = after_line_break(b, end + 1, delims_);
          return make_segment(text, delims_, start, number_);
        }
      }
    }
  }
  for (;;) {
    if (state_ != state::in_interchange) {
      if (!seek_interchange()) {
        finished_ = true;
        return std::nullopt;
      }
    } else {
      std::uint64_t indent = skip_between_segments();
      if (!ensure(pos_ + 1)) {
        finished_ = true;
        return std::nullopt;
      }
      if (indent != none && !warned_indent_)
        indent_at_ = indent;
      if (at_isa() && !start_interchange())
        continue;
    }

    // pos_ is at the first byte of a segment: find its terminator. An ISA's
    // length is known from its header, so data in it cannot end it early.
    std::uint64_t start = pos_;
    std::uint64_t scanned = start;
    std::uint64_t end = 0;
    bool terminated = false, oversize = false;
    if (isa_length_ != 0) {
      end = start + isa_length_ - 1;
      terminated = true;
      isa_length_ = 0;
    }
    std::string head; // enough to name an oversize segment once its start is released
    while (!terminated) {
      std::string_view b = in_.bytes();
      if (scanned < b.size()) {
        const void *hit = std::memchr(b.data() + scanned, delims_.segment,
                                      b.size() - scanned);
        if (hit) {
          end = static_cast<const char *>(hit) - b.data();
          terminated = true;
          break;
        }
        scanned = b.size();
      }
      if (scanned - start > max_segment_length) {
        if (!oversize)
          head = in_.bytes().substr(start, 4);
        oversize = true;
        if (!holding_)
          in_.release(scanned);
      }
      if (!in_.more()) {
        end = in_.bytes().size();
        break;
      }
    }
    ++number_;
    last_start_ = start;
    pos_ = terminated ? end + 1 : end;
    if (terminated) // so that the next segment can take the usual path
      pos_ = after_line_break(in_.bytes(), pos_, delims_);
    if (oversize || end - start > max_segment_length) {
      if (!oversize)
        head = in_.bytes().substr(start, 4);
      std::string_view id = segment_view(head, delims_).id();
      report(registered_code("segment-too-long"),
             printable(id, 3) + " segment of " + bytes_text(end - start) +
                 " exceeds the 1 MiB limit (missing terminator?); skipped",
             start, number_, id);
      continue;
    }
    std::string_view text = in_.bytes().substr(start, end - start);
    if (!terminated) {
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r' ||
                               text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
      if (text.empty()) {
        finished_ = true;
        return std::nullopt;
      }
      std::string_view id = segment_view(text, delims_).id();
      report(registered_code("missing-terminator"),
             printable(id, 3) + " segment at the end of input has no terminator", start,
             number_, id);
    }
    // CRLF files with a newline terminator: CRs before it are line style,
    // not data, unless CR is itself a separator. All of them go, not one,
    // so a segment written back with a newline reads the same again.
    if (delims_.segment == '\n' && delims_.element != '\r' && delims_.component != '\r' &&
        delims_.repetition != '\r')
      while (!text.empty() && text.back() == '\r')
        text.remove_suffix(1);
    if (indent_at_ != none) {
      warned_indent_ = true;
      std::string_view id = segment_view(text, delims_).id();
      report(registered_code("leading-whitespace"),
             "spaces or tabs before " + printable(id, 3) +
                 " skipped (indented segments are reported once per input)",
             indent_at_, number_, id);
      indent_at_ = none;
    }
    if (segment_view(text, delims_).is("IEA"))
      state_ = state::after_iea;
    return make_segment(text, delims_, start, number_);
  }
}

} // namespace x12
