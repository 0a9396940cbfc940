#include "x12/csv.h"

#include <cstdint>
#include <cstring>

namespace x12 {

std::string iso_date(std::string_view date) {
  if (date.size() != 8 || date.find_first_not_of("0123456789") != std::string_view::npos)
    return std::string(date);
  std::string out;
  out.reserve(10);
  out.append(date.substr(0, 4)).append(1, '-').append(date.substr(4, 2)).append(1, '-');
  out.append(date.substr(6, 2));
  return out;
}

std::string dtp_date(std::string_view format, std::string_view value) {
  std::size_t dash = value.find('-');
  if (format == "RD8" && dash != std::string_view::npos)
    return iso_date(value.substr(0, dash)) + "/" + iso_date(value.substr(dash + 1));
  return iso_date(value);
}

namespace {

// Eight bytes at a time (a byte of `x ^ c * ones` is zero where x has c):
// the fields are short and most need no quotes, so this test is most of
// the cost of writing a table.
bool needs_quotes(std::string_view field) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
  auto has = [](std::uint64_t x, char c) {
    std::uint64_t v = x ^ (ones * std::uint8_t(c));
    return (v - ones) & ~v & highs;
  };
  const char *p = field.data();
  std::size_t n = field.size();
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    if (has(x, ',') | has(x, '"') | has(x, '\r') | has(x, '\n'))
      return true;
  }
  bool found = false;
  for (; n > 0; ++p, --n)
    found |= (*p == ',') | (*p == '"') | (*p == '\r') | (*p == '\n');
  return found;
}

// Writes `field` at `to`, which has room for twice its size plus two.
char *put_field(char *to, std::string_view field) noexcept {
  if (!needs_quotes(field)) {
    // An empty view may carry a null pointer, which memcpy must not get.
    if (!field.empty())
      std::memcpy(to, field.data(), field.size());
    return to + field.size();
  }
  *to++ = '"';
  for (char c : field) {
    if (c == '"')
      *to++ = '"';
    *to++ = c;
  }
  *to++ = '"';
  return to;
}

} // namespace

void append_csv_field(std::string &out, std::string_view field) {
  std::size_t at = out.size();
  out.resize(at + 2 * field.size() + 2);
  out.resize(std::size_t(put_field(out.data() + at, field) - out.data()));
}

csv_writer::csv_writer(output_file &out, std::span<const std::string_view> header)
    : out_(out) {
  row(header);
  rows_ = 0;
}

// One buffer sized for the worst case, filled by pointer: appending field
// by field to a std::string costs more than the fields themselves.
void csv_writer::row(std::span<const std::string_view> fields) {
  std::size_t room = 2;
  for (std::string_view f : fields)
    room += 2 * f.size() + 3;
  if (line_.size() < room)
    line_.resize(room);
  char *begin = line_.data(), *to = begin;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0)
      *to++ = ',';
    to = put_field(to, fields[i]);
  }
  *to++ = '\r';
  *to++ = '\n';
  out_.write({begin, std::size_t(to - begin)});
  ++rows_;
}

csv_reader::csv_reader(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF")
    text_.remove_prefix(3);
}

result<bool> csv_reader::next(std::vector<std::string> &fields) {
  while (at_ < text_.size() && (text_[at_] == '\n' || text_[at_] == '\r')) {
    line_ += text_[at_] == '\n';
    ++at_;
  }
  if (at_ >= text_.size())
    return false;
  record_line_ = line_;
  fields.assign(1, {});
  bool closed = false; // the current field was quoted and its quote closed
  while (at_ < text_.size()) {
    char c = text_[at_++];
    if (c == ',') {
      fields.emplace_back();
      closed = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && at_ < text_.size() && text_[at_] == '\n')
        ++at_;
      ++line_;
      break;
    } else if (closed) {
      return failure{"text after the closing quote of a field"};
    } else if (c == '"' && fields.back().empty()) {
      if (!read_quoted(fields.back()))
        return failure{"a quoted field is not closed"};
      closed = true;
    } else {
      fields.back() += c;
    }
  }
  return true;
}

// After the opening quote: up to the closing one, "" standing for ".
bool csv_reader::read_quoted(std::string &field) {
  while (at_ < text_.size()) {
    char c = text_[at_++];
    if (c == '"') {
      if (at_ < text_.size() && text_[at_] == '"') {
        field += '"';
        ++at_;
        continue;
      }
      return true;
    }
    line_ += c == '\n';
    field += c;
  }
  return false;
}

} // namespace x12
