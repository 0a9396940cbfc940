#pragma once
// The 835 tables as CSV: payments, claims, lines and adjustments, each with
// a header row of stable column names, written in one pass over the input.
//
//   x12::output_file claims("claims.csv");
//   x12::remittance_csv csv({.claims = &claims});
//   x12::input_buffer in = x12::input_buffer::open("remit.x12");
//   x12::read_remittances(in, csv.callbacks(), sink);
//   claims.commit();
//
// The adjustments table has a `kind` column: "adjustment" for a CAS triple,
// "remark" for a remark code (RARC) from MIA, MOA or LQ. reason_description
// comes from the code table carc (adjustments) or rarc (remarks) when a
// code_set is given and the table has a description column; the shipped
// tables have none (the code lists' texts are X12's), so it stays empty
// unless tables with descriptions are loaded (x12 convert --codes).

#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "x12/codes.h"
#include "x12/csv.h"
#include "x12/output.h"
#include "x12/remittance.h"

namespace x12 {

enum class remittance_table { payments, claims, lines, adjustments };

/// "payments" ... ; empty for any other name.
std::optional<remittance_table> remittance_table_named(std::string_view name) noexcept;
std::string_view name_of(remittance_table table) noexcept;
/// The header row of a table.
std::span<const std::string_view> remittance_columns(remittance_table table) noexcept;

/// Where each table goes; a null table is not written.
struct remittance_outputs {
  output_file *payments = nullptr;
  output_file *claims = nullptr;
  output_file *lines = nullptr;
  output_file *adjustments = nullptr;
};

class remittance_csv {
public:
  /// Writes the header row of every table that has an output. `codes`, when
  /// given, must outlive this object; a malformed table in it throws
  /// x12::error here.
  explicit remittance_csv(const remittance_outputs &outputs, const code_set *codes = nullptr);
  /// Callbacks that append rows; valid while this object lives.
  const remittance_callbacks &callbacks() const noexcept { return callbacks_; }

private:
  std::optional<csv_writer> payments_, claims_, lines_, adjustments_;
  remittance_callbacks callbacks_;
};

} // namespace x12
