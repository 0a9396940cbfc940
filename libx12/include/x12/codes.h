#pragma once
// SNIP 5 code sets: format checks that need no data (NPI check digit, code
// shapes) and code tables read from CSV files, each with its source and
// vintage so a finding can say which list it checked against.
//
//   x12::code_set codes;
//   codes.add_shipped(schemas.directory());
//   codes.add_directory(user_dir);           // replaces same-named tables
//   if (auto f = x12::check_code(codes, "carc", "Z99", "", "CAS02", true))
//     report(f->code, f->message);
//
// A table file is RFC 4180 CSV named <table>.csv with the header
// `code[,description[,effective[,termination]]]` (dates CCYY-MM-DD, empty
// when open). A code may be listed again with dates that do not overlap, so
// several years of a code set can live in one table. An optional <table>.source beside it holds `key: value` lines:
// title, source, vintage, effective, termination.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "x12/finding_codes.h"

namespace x12 {

// Format checks. The *_problem functions return an empty view when the value
// passes, else a short reason.

/// 10 digits whose Luhn check over "80840" + NPI holds.
std::string_view npi_problem(std::string_view npi) noexcept;
inline bool valid_npi(std::string_view npi) noexcept { return npi_problem(npi).empty(); }
/// Employer or taxpayer identification number: 9 digits.
bool valid_tin(std::string_view tin) noexcept;
/// ICD-10-CM as X12 carries it, without the decimal point:
/// [A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}. A dotted code has its own reason.
std::string_view icd10cm_problem(std::string_view code) noexcept;
bool icd10cm_dotted(std::string_view code) noexcept;
/// HCPCS Level II: [A-V][0-9]{4}.
bool hcpcs_shape(std::string_view code) noexcept;
/// CPT shape only (the list is licensed): 5 digits, or 4 digits and F, T or U.
bool cpt_shape(std::string_view code) noexcept;
/// National Drug Code in the 11-digit 5-4-2 form.
bool valid_ndc(std::string_view code) noexcept;
/// ZIP code: 5 or 9 digits.
bool valid_zip(std::string_view code) noexcept;
/// US state, territory or military post code, or a Canadian province (N402
/// carries both).
bool valid_state(std::string_view code) noexcept;

struct code_row {
  std::string code;
  std::string description; // empty when the table has none
  std::string effective;   // CCYY-MM-DD; empty when open
  std::string termination;
};

/// One code list, sorted by code for lookups that allocate nothing.
class code_table {
public:
  std::string name;    // "carc"
  std::string title;   // "CARC", for messages
  std::string source;  // where the codes came from
  std::string vintage; // "2026-09", "FY2026"
  std::string effective, termination;
  std::string file;    // the CSV it was read from

  /// Reads a table file (and its .source when present). Throws x12::error
  /// naming the file and line of a malformed row.
  static code_table load(const std::string &csv_path, std::string name);

  const code_row *find(std::string_view code) const noexcept;
  /// The row of `code` in effect on `day` (CCYY-MM-DD): a table may list a
  /// code more than once, with dates that do not overlap.
  const code_row *find(std::string_view code, std::string_view day) const noexcept;
  /// Whether `day` falls within the table's own effective and termination
  /// dates (open ends cover everything).
  bool covers(std::string_view day) const noexcept;
  /// True when a longer code starts with `prefix`: an ICD-10-CM category
  /// above billable codes.
  bool has_longer(std::string_view prefix) const noexcept;
  std::size_t size() const noexcept { return rows_.size(); }
  bool has_descriptions() const noexcept { return descriptions_; }
  const std::vector<code_row> &rows() const noexcept { return rows_; }

private:
  /// The first row of `code`, by the hash index: one probe, mostly.
  const code_row *first(std::string_view code) const noexcept;
  void build_index();
  std::vector<code_row> rows_;
  bool descriptions_ = false;
  /// Open addressing over the codes: 1 + the index of each code's first
  /// row, 0 where empty; a power of two, at most half full.
  std::vector<std::uint32_t> index_;
  /// Each row's code packed into an integer (pack_code), which a probe
  /// compares instead of the string: codes of up to 8 characters are equal
  /// when their keys are.
  std::vector<std::uint64_t> keys_;
};

/// The description of `code` in `table`; empty when there is no table, it
/// has no description column, or the code is not in it.
std::string_view code_description(const code_table *table, std::string_view code) noexcept;

/// Code tables by name, read when first asked for, so a run that never
/// meets an ICD-10 code never reads that table.
class code_set {
public:
  code_set();
  ~code_set();
  code_set(code_set &&) noexcept;
  code_set &operator=(code_set &&) noexcept;

  /// Adds the shipped tables, `codes/` in the schema directory, when it has
  /// one (a private schema directory may have none).
  void add_shipped(const std::string &schema_dir);
  /// Lists the *.csv tables of `dir`; a table named like one already listed
  /// replaces it. Throws x12::error when `dir` cannot be read.
  void add_directory(const std::string &dir);
  /// The table, loaded on first use; null when there is none by that name
  /// (names are case-insensitive). Throws x12::error for a malformed file.
  const code_table *table(std::string_view name) const;
  /// Every table name, sorted.
  std::vector<std::string> names() const;

private:
  struct entry;
  std::vector<std::unique_ptr<entry>> entries_; // sorted by name
};

/// A SNIP 5 finding: its registry entry ("code-unknown", "npi-check-digit",
/// ...; never null) and a message naming the list and its vintage.
struct code_finding {
  const finding_code *code;
  std::string message;
};

/// Checks `value` of an element whose schema names code list `list`.
/// `qualifier` is what says which code set the value is from (NM108 for an
/// NPI, component 1 of a procedure or diagnosis composite); values under
/// another qualifier (an ICD-9 BK, a revenue code NU) are not checked.
/// `quote` puts the value in the message; `element` names it otherwise.
/// A list with neither a built-in check nor a loaded table passes.
/// With `day` (CCYY-MM-DD, the date of service) a code is looked up as of
/// that day: listed but not in effect is a finding, and a table that does
/// not cover the day is not consulted at all (only the code's shape is
/// checked), since it cannot tell.
std::optional<code_finding> check_code(const code_set &codes, std::string_view list,
                                       std::string_view value, std::string_view qualifier,
                                       std::string_view element, bool quote,
                                       std::string_view day = {});

/// check_code for a list with a table, the table already found: `table` is
/// the list as of `day`, or null when none is loaded or it does not cover
/// the day. For a run that checks many values of one list on one day (a
/// claim's diagnoses) without looking the table up for each.
std::optional<code_finding> check_code_in(const code_table *table, std::string_view list,
                                          std::string_view value, std::string_view qualifier,
                                          std::string_view element, bool quote,
                                          std::string_view day = {});

} // namespace x12
