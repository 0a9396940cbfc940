#include "x12/csv.h"

#include <cstdint>
#include <cstring>
#include <optional>

#include <fmt/format.h>

namespace x12 {

std::string iso_date(std::string_view date) {
  std::string out;
  assign_iso_date(out, date);
  return out;
}

void assign_iso_date(std::string &out, std::string_view date) {
  // Eight digits, tested as one word: a byte is a digit when its high
  // nibble is 3 and stays 3 with 6 added (0x30 to 0x39).
  bool digits = false;
  if (date.size() == 8) {
    constexpr std::uint64_t highs = 0xF0F0F0F0F0F0F0F0, sixes = 0x0606060606060606;
    std::uint64_t w;
    std::memcpy(&w, date.data(), 8);
    digits = ((w & highs) | (((w + sixes) & highs) >> 4)) == 0x3333333333333333;
  }
  if (!digits) {
    out.assign(date);
    return;
  }
  out.resize(10);
  char *to = out.data();
  std::memcpy(to, date.data(), 4);
  to[4] = '-';
  std::memcpy(to + 5, date.data() + 4, 2);
  to[7] = '-';
  std::memcpy(to + 8, date.data() + 6, 2);
}

std::string dtp_date(std::string_view format, std::string_view value) {
  std::size_t dash = value.find('-');
  if (format == "RD8" && dash != std::string_view::npos)
    return iso_date(value.substr(0, dash)) + "/" + iso_date(value.substr(dash + 1));
  return iso_date(value);
}

namespace {

// Eight bytes at a time (a byte of `x ^ c * ones` is zero where x has c),
// for a field on its own and for the fields of a row that needs quotes;
// csv_writer tests the other rows whole (scan_row).
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

// A field copied without memcpy's call: most are a few bytes. Reads and
// writes only [from, from + n) and [to, to + n).
char *put_plain(char *to, const char *from, std::size_t n) noexcept {
  if (n >= 16) {
    std::memcpy(to, from, n);
  } else if (n >= 8) {
    std::uint64_t a, b;
    std::memcpy(&a, from, 8);
    std::memcpy(&b, from + n - 8, 8);
    std::memcpy(to, &a, 8);
    std::memcpy(to + n - 8, &b, 8);
  } else if (n >= 4) {
    std::uint32_t a, b;
    std::memcpy(&a, from, 4);
    std::memcpy(&b, from + n - 4, 4);
    std::memcpy(to, &a, 4);
    std::memcpy(to + n - 4, &b, 4);
  } else if (n > 0) {
    char a = from[0], b = from[n / 2], c = from[n - 1];
    to[0] = a;
    to[n / 2] = b;
    to[n - 1] = c;
  }
  return to + n;
}

// Sixteen bytes compared at once; GCC and Clang turn these vectors into
// SSE2 (or NEON) instructions, and into plain code on other targets.
using bytes16 = unsigned char __attribute__((vector_size(16)));

std::size_t lane_sum(bytes16 v) noexcept {
  constexpr std::uint64_t even = 0x00FF00FF00FF00FF;
  std::uint64_t w[2];
  std::memcpy(w, &v, sizeof w);
  std::uint64_t pairs =
      (w[0] & even) + ((w[0] >> 8) & even) + (w[1] & even) + ((w[1] >> 8) & even);
  return std::size_t((pairs * 0x0001000100010001) >> 48);
}

struct row_bytes {
  std::size_t commas = 0;
  bool special = false; // a quote, CR or LF
};

// The commas of `blocks` blocks of 16 bytes at `p`, and whether a quote,
// CR or LF is among them. A lane counts at most one comma per block, so
// its byte counter is summed every 255 blocks, before it can wrap.
row_bytes scan_row(const char *p, std::size_t blocks) noexcept {
  row_bytes r;
  bytes16 special = {};
  while (blocks > 0) {
    std::size_t run = blocks < 255 ? blocks : 255;
    bytes16 commas = {};
    for (std::size_t i = 0; i < run; ++i, p += 16) {
      bytes16 v;
      std::memcpy(&v, p, 16);
      commas -= bytes16(v == ',');
      special |= bytes16((v == '"') | (v == '\r') | (v == '\n'));
    }
    r.commas += lane_sum(commas);
    blocks -= run;
  }
  std::uint64_t w[2];
  std::memcpy(w, &special, sizeof w);
  r.special = (w[0] | w[1]) != 0;
  return r;
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

// Most rows need no quotes: copy the fields as they are, then check the
// whole row in one pass (no quote, CR or LF, and no commas but the ones
// put between fields). Only a row that fails is written field by field.
// One buffer, filled by pointer: appending field by field to a std::string
// costs more than the fields themselves.
void csv_writer::row(std::span<const std::string_view> fields) {
  std::size_t size = 0;
  for (std::string_view f : fields)
    size += f.size();
  // The worst case (every field quoted, every byte a quote), then 16 zero
  // bytes the scan may read past the row's end.
  std::size_t room = 2 * size + 3 * fields.size() + 2 + 16;
  if (line_.size() < room)
    line_.resize(room);
  char *begin = line_.data(), *to = begin;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0)
      *to++ = ',';
    to = put_plain(to, fields[i].data(), fields[i].size());
  }
  std::memset(to, 0, 16);
  std::size_t separators = fields.empty() ? 0 : fields.size() - 1;
  row_bytes bytes = scan_row(begin, (std::size_t(to - begin) + 15) / 16);
  if (bytes.special || bytes.commas > separators) {
    to = begin;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0)
        *to++ = ',';
      to = put_field(to, fields[i]);
    }
  }
  *to++ = '\r';
  *to++ = '\n';
  out_.write({begin, std::size_t(to - begin)});
  ++rows_;
}

namespace {
// A UTF-16 file read as bytes is a BOM (FF FE, FE FF) or, for ASCII text, a
// NUL every other byte; its header would come out as unknown columns of
// garbage.
bool looks_utf16(std::string_view text) {
  if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF')))
    return true;
  std::string_view head = text.substr(0, 64);
  std::size_t even = 0, odd = 0;
  for (std::size_t i = 0; i < head.size(); ++i)
    (i % 2 ? odd : even) += head[i] == '\0';
  return head.size() >= 4 && (even * 2 >= head.size() / 2 || odd * 2 >= head.size() / 2);
}

// Control bytes other than tab, CR and LF near the start: an image, an
// archive, a spreadsheet saved in its own format, not a CSV table.
std::optional<std::size_t> binary_byte(std::string_view text) {
  std::string_view head = text.substr(0, 512);
  for (std::size_t i = 0; i < head.size(); ++i) {
    const auto c = static_cast<unsigned char>(head[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
      return i;
  }
  return std::nullopt;
}
} // namespace

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
  if (at_ == 0 && looks_utf16(text_))
    return failure{"file is UTF-16; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)"};
  if (at_ == 0)
    if (auto at = binary_byte(text_))
      return failure{fmt::format("file is not text (byte 0x{:02X} at offset {}): a table is "
                                 "UTF-8 CSV; if it is a spreadsheet, save it as CSV",
                                 static_cast<unsigned char>(text_[*at]), *at)};
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
      // The rest of the field at once. RFC 4180 allows a quote only in a
      // quoted field, so a bare one is most likely a broken export.
      std::size_t from = at_ - 1;
      while (at_ < text_.size() && text_[at_] != ',' && text_[at_] != '\n' && text_[at_] != '\r') {
        if (text_[at_] == '"')
          return failure{"column " + std::to_string(fields.size()) +
                         ": a quote inside a field that is not quoted (quote the field and double the quote)"};
        ++at_;
      }
      fields.back().append(text_.data() + from, at_ - from);
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
