#include "x12/reader.h"

#include <cctype>
#include <cstring>
#include <string>

namespace x12 {
namespace {

bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

std::string bytes_text(std::uint64_t n) {
  return n == 1 ? "1 byte" : std::to_string(n) + " bytes";
}

} // namespace

reader::reader(input_buffer &in, finding_sink sink)
    : in_(in), sink_(std::move(sink)) {}

void reader::hold() noexcept {
  holding_ = true;
  hold_from_ = last_start_;
}

void reader::release() noexcept { holding_ = false; }

void reader::warn(std::string code, std::string message, std::uint64_t offset,
                  std::string_view segment_id) {
  if (!sink_)
    return;
  finding f;
  f.level = severity::warning;
  f.snip = 1;
  f.code = std::move(code);
  f.message = std::move(message);
  f.where.file = in_.name();
  f.where.offset = offset;
  f.where.segment = number_;
  f.where.segment_id = segment_id;
  sink_(std::move(f));
}

void reader::error(std::string code, std::string message, std::uint64_t offset,
                   std::string_view segment_id, std::string ta1_note) {
  if (!sink_)
    return;
  finding f;
  f.level = severity::error;
  f.snip = 1;
  f.code = std::move(code);
  f.message = std::move(message);
  f.where.file = in_.name();
  f.where.offset = offset;
  f.where.segment = number_;
  f.where.segment_id = segment_id;
  f.ta1_note = std::move(ta1_note);
  sink_(std::move(f));
}

// Makes bytes [0, end) available if the input has them.
bool reader::ensure(std::uint64_t end) {
  while (in_.bytes().size() < end)
    if (!in_.more())
      return false;
  return true;
}

void reader::skip_between_segments() {
  for (;;) {
    std::string_view b = in_.bytes();
    while (pos_ < b.size()) {
      char c = b[pos_];
      if (c == '\r' || c == '\n') {
        if (c != delims_.element && c != delims_.component) {
          ++pos_;
          continue;
        }
      } else if ((c == ' ' || c == '\t') && c != delims_.element) {
        if (!warned_indent_) {
          warned_indent_ = true;
          warn("leading-whitespace",
               "spaces or tabs before a segment were skipped", pos_);
        }
        ++pos_;
        continue;
      }
      return;
    }
    if (!in_.more())
      return;
  }
}

// Looks for the next "ISA" that starts a readable header. Used at the start
// of input, after an IEA, and to resynchronise after an unreadable header.
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
    in_.release(pos_);
    if (!in_.more()) {
      pos_ = in_.bytes().size();
      return false;
    }
  }
}

bool reader::start_interchange() {
  ensure(pos_ + 2 * isa_length + 2);
  std::string_view b = in_.bytes();
  std::string_view rest = b.substr(pos_, 2 * isa_length + 2);
  auto layout = detect_delimiters(rest);
  if (!layout) {
    ++number_;
    error("isa-unreadable", layout.error().message + "; skipping to the next ISA",
          pos_, "ISA", "024");
    ++pos_;
    state_ = state::before_isa;
    return false;
  }
  if (layout->delims.repetition == '\0') {
    std::string_view isa11 = segment_view(rest.substr(0, layout->length - 1),
                                          layout->delims)[11];
    if (isa11.size() == 1 && !is_alnum(isa11[0]) && isa11[0] != ' ')
      warn("isa11-separator-clash",
           "ISA11 repetition separator equals another separator; reading "
           "without repetitions",
           pos_, "ISA");
  }
  delims_ = layout->delims;
  if (!layout->fixed_width)
    error("isa-length",
          "ISA fields are not padded to their fixed widths (the header must "
          "span 106 bytes)",
          pos_, "ISA", "024");
  // The line style is whatever follows the ISA's terminator.
  std::string_view after = in_.bytes().substr(pos_ + layout->length, 2);
  line_break_.clear();
  if (!after.empty() && after[0] == '\n' && delims_.segment != '\n')
    line_break_ = "\n";
  else if (after.size() == 2 && after[0] == '\r' && after[1] == '\n')
    line_break_ = "\r\n";
  ++interchanges_;
  state_ = state::in_interchange;
  return true;
}

std::optional<segment> reader::next() {
  in_.release(holding_ ? hold_from_ : pos_);
  for (;;) {
    if (state_ != state::in_interchange) {
      std::uint64_t from = pos_;
      if (pos_ == 0 && ensure(3) && in_.bytes().compare(0, 3, "\xEF\xBB\xBF") == 0) {
        warn("byte-order-mark", "UTF-8 byte-order mark at the start skipped", 0);
        pos_ = from = 3;
      }
      skip_between_segments();
      if (state_ == state::before_isa && pos_ > from && interchanges_ == 0 &&
          number_ == 0)
        warn("leading-whitespace", "whitespace before the first ISA skipped", from);
      if (!ensure(pos_ + 1)) {
        if (interchanges_ == 0 && number_ == 0) {
          if (in_.bytes().empty())
            error("empty-input", "empty input: no ISA header", 0);
          else
            error("no-isa", "no ISA header: the input is not X12", 0);
        }
        return std::nullopt;
      }
      std::uint64_t garbage_at = pos_;
      bool at_isa = ensure(pos_ + 4) && in_.bytes().compare(pos_, 3, "ISA") == 0 &&
                    !is_alnum(in_.bytes()[pos_ + 3]);
      if (!at_isa) {
        bool found = find_isa();
        std::uint64_t skipped = pos_ - garbage_at;
        if (interchanges_ == 0 && number_ == 0)
          error(found ? "garbage-before-isa" : "no-isa",
                found ? bytes_text(skipped) + " before the first ISA skipped"
                      : "no ISA header: the input is not X12",
                garbage_at);
        else if (state_ == state::after_iea)
          warn("trailing-garbage", bytes_text(skipped) + " after IEA ignored",
               garbage_at);
        else
          warn("skipped-bytes",
               bytes_text(skipped) + " skipped looking for the next ISA",
               garbage_at);
        if (!found)
          return std::nullopt;
      }
      if (!start_interchange())
        continue;
    } else {
      skip_between_segments();
      if (!ensure(pos_ + 1))
        return std::nullopt;
      std::string_view b = in_.bytes();
      if (ensure(pos_ + 4) && (b = in_.bytes()).compare(pos_, 3, "ISA") == 0 &&
          !is_alnum(b[pos_ + 3])) {
        if (!start_interchange())
          continue;
      }
    }

    // pos_ is at the first byte of a segment: find its terminator.
    std::uint64_t start = pos_;
    std::uint64_t scanned = start;
    std::uint64_t end = 0;
    bool terminated = false, oversize = false;
    for (;;) {
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
    if (oversize || end - start > max_segment_length) {
      error("segment-too-long",
            "segment of " + bytes_text(end - start) +
                " exceeds the 1 MiB limit (missing terminator?); skipped",
            start);
      continue;
    }
    std::string_view text = in_.bytes().substr(start, end - start);
    if (!terminated) {
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r' ||
                               text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
      if (text.empty())
        return std::nullopt;
      warn("missing-terminator", "the last segment has no terminator", start,
           segment_view(text, delims_).id().substr(0, 3));
    }
    if (delims_.segment == '\n' && !text.empty() && text.back() == '\r')
      text.remove_suffix(1);
    segment seg{segment_view(text, delims_), start, number_};
    if (seg.view.is("IEA"))
      state_ = state::after_iea;
    if (holding_ && hold_from_ > start)
      hold_from_ = start;
    return seg;
  }
}

} // namespace x12
