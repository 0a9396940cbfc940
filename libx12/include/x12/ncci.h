#pragma once
// The CMS National Correct Coding Initiative tables scrub checks claims
// against, read from the files as CMS publishes them each quarter:
//
//   procedure-to-procedure (PTP) edits: practitioner or hospital-outpatient,
//     tab-delimited TXT (a notice, a title row and a header spread over
//     several rows before the data) or CSV. Columns: Column 1, Column 2,
//     "* = in existence prior to 1996", effective date, deletion date
//     (YYYYMMDD, '*' for none), modifier indicator (0 not allowed, 1
//     allowed, 9 not applicable), rationale;
//   medically unlikely edits (MUE): practitioner, outpatient hospital or
//     DME CSV, notice rows before the header "HCPCS/CPT Code, ... MUE
//     Values, MUE Adjudication Indicator, MUE Rationale"; the indicator is
//     text such as "2 Date of Service Edit: Policy".
//
// A data row is recognised by its shape (two codes, then dates; or a code, a
// count and an indicator), so notices and headers of any length are passed
// over; a row that starts like data and is not is an error with its line.
// CPT content is the AMA's: x12kit ships no table; users download them from
// cms.gov (README).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "x12/error.h"

namespace x12 {

struct ptp_edit {
  std::uint32_t column1 = 0, column2 = 0; // procedure codes, packed (ncci_code)
  std::uint32_t effective = 0;            // YYYYMMDD
  std::uint32_t deleted = 0;              // YYYYMMDD; 0 for none
  std::uint8_t modifier = 0;              // 0, 1 or 9
  std::uint32_t rationale = 0;            // into ptp_table::rationales
};

/// Every PTP edit of the files loaded, sorted by (column 1, column 2,
/// effective date): the same pair recurs with different date windows.
class ptp_table {
public:
  /// Adds a CMS PTP file (TXT or CSV). `name` names it in errors.
  [[nodiscard]] result<std::uint64_t> add(std::string_view text, const std::string &name);
  /// Loads the file at `path`. Throws x12::error.
  void add_file(const std::string &path);
  /// Sorts what was added; call once after the last add.
  void seal();

  /// The edit on (column1, column2) in effect on `date` (YYYYMMDD), or null.
  const ptp_edit *find(std::string_view column1, std::string_view column2,
                       std::uint32_t date) const;
  /// The same, by packed codes.
  const ptp_edit *find_packed(std::uint32_t column1, std::uint32_t column2,
                              std::uint32_t date) const;
  const std::string &rationale(const ptp_edit &e) const { return rationales_[e.rationale]; }
  /// A packed code as text ("G0283").
  static std::string code_text(std::uint32_t packed);
  std::size_t size() const noexcept { return edits_.size(); }
  bool empty() const noexcept { return edits_.empty(); }

private:
  std::vector<ptp_edit> edits_;
  std::vector<std::string> rationales_; // few distinct texts, shared
};

struct mue_limit {
  std::uint32_t units = 0;
  std::uint8_t indicator = 0; // MAI: 1 per line, 2 per day (policy), 3 per day (clinical)
  std::string rationale;
};

class mue_table {
public:
  [[nodiscard]] result<std::uint64_t> add(std::string_view text, const std::string &name);
  void add_file(const std::string &path);
  /// The limit on `code`, or null. A code listed in several files keeps the
  /// first file's limit.
  const mue_limit *find(std::string_view code) const;
  std::size_t size() const noexcept { return limits_.size(); }
  bool empty() const noexcept { return limits_.empty(); }

private:
  std::vector<std::pair<std::uint32_t, mue_limit>> limits_; // sorted by code
};

/// A 5-character HCPCS/CPT code packed in 32 bits (0 when it is not one).
std::uint32_t ncci_code(std::string_view code) noexcept;

} // namespace x12
