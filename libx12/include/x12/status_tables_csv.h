#pragma once
// The 277 table as CSV: statuses, with a header row of stable column names,
// written in one pass over the input.
//
//   x12::output_file statuses("statuses.csv");
//   x12::status_tables_csv csv({.statuses = &statuses}, &codes);
//   x12::input_buffer in = x12::input_buffer::open("277ca.x12");
//   x12::read_statuses(in, csv.callbacks(), sink);
//   statuses.commit();
//
// category_description and status_description come from the code tables
// claim_status_category and claim_status when a code_set is given and the
// table has a description column; the shipped tables have none (the code
// lists' texts are X12's), so they stay empty unless --codes loads some. A
// status code from another list (STC01-4 RX: NCPDP) is not looked up.

#include <optional>
#include <span>
#include <string_view>

#include "x12/codes.h"
#include "x12/csv.h"
#include "x12/output.h"
#include "x12/status_tables.h"

namespace x12 {

enum class status_table { statuses };

/// "statuses"; empty for any other name.
std::optional<status_table> status_table_named(std::string_view name) noexcept;
std::string_view name_of(status_table table) noexcept;
/// The header row of a table.
std::span<const std::string_view> status_columns(status_table table) noexcept;

/// Where each table goes; a null table is not written.
struct status_outputs {
  output_file *statuses = nullptr;
};

class status_tables_csv {
public:
  /// Writes the header row of every table that has an output. `codes`, when
  /// given, must outlive this object; a malformed table in it throws
  /// x12::error here.
  explicit status_tables_csv(const status_outputs &outputs, const code_set *codes = nullptr);
  /// Callbacks that append rows; valid while this object lives.
  const status_callbacks &callbacks() const noexcept { return callbacks_; }

private:
  std::optional<csv_writer> statuses_;
  status_callbacks callbacks_;
};

} // namespace x12
