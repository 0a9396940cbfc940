#pragma once
// RFC 4180 CSV: fields separated by commas, rows ended by CRLF, a field
// quoted when it holds a comma, a double quote, CR or LF, with its quotes
// doubled. A table starts with its header row.
//
//   x12::output_file out("claims.csv");
//   x12::csv_writer csv(out, {"claim_id", "paid_amount"});
//   csv.row({"PCN1", "12.50"});
//   out.commit();

#include <array>
#include <charconv>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "x12/error.h"
#include "x12/output.h"

namespace x12 {

/// CCYYMMDD as YYYY-MM-DD, the form tables carry dates in; other text
/// unchanged.
std::string iso_date(std::string_view date);
/// iso_date() into `out`, reusing its buffer: for rows filled per record.
void assign_iso_date(std::string &out, std::string_view date);

/// A DTP date by its format (DTP02): D8 as YYYY-MM-DD, RD8 as
/// YYYY-MM-DD/YYYY-MM-DD; other formats as sent.
std::string dtp_date(std::string_view format, std::string_view value);

/// A count as text in its own buffer, for a row of string views.
struct csv_number {
  explicit csv_number(std::uint64_t n) noexcept {
    size = std::size_t(std::to_chars(text.data(), text.data() + text.size(), n).ptr - text.data());
  }
  std::string_view view() const noexcept { return {text.data(), size}; }
  std::array<char, 20> text;
  std::size_t size;
};

/// Appends `field` to `out`, quoted only when RFC 4180 requires it.
void append_csv_field(std::string &out, std::string_view field);

class csv_writer {
public:
  /// Writes the header row at once.
  csv_writer(output_file &out, std::span<const std::string_view> header);
  csv_writer(output_file &out, std::initializer_list<std::string_view> header)
      : csv_writer(out, std::span<const std::string_view>(header.begin(), header.size())) {}

  void row(std::span<const std::string_view> fields);
  void row(std::initializer_list<std::string_view> fields) {
    row(std::span<const std::string_view>(fields.begin(), fields.size()));
  }
  std::uint64_t rows() const noexcept { return rows_; } // header not counted

private:
  output_file &out_;
  std::string line_; // reused: one allocation for the whole table
  std::uint64_t rows_ = 0;
};

/// Reads RFC 4180 records from text the caller keeps alive. A field may be
/// quoted, and then holds commas, doubled quotes, CR and LF; records end at
/// LF or CRLF. A UTF-8 byte order mark at the start and empty lines are
/// skipped.
///
///   x12::csv_reader csv(text);
///   std::vector<std::string> fields;
///   for (auto more = csv.next(fields); more && *more; more = csv.next(fields))
///     use(csv.line(), fields);
class csv_reader {
public:
  explicit csv_reader(std::string_view text);

  /// Reads the next record into `fields`: true, or false at the end of the
  /// text. Fails on a quoted field left open or text after a closing quote;
  /// line() is then the line of the record.
  result<bool> next(std::vector<std::string> &fields);
  /// The 1-based line the last record read starts on.
  unsigned line() const noexcept { return record_line_; }

private:
  bool read_quoted(std::string &field);
  std::string_view text_;
  std::size_t at_ = 0;
  unsigned line_ = 1, record_line_ = 0;
};

} // namespace x12
