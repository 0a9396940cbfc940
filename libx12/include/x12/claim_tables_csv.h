#pragma once
// The 837 tables as CSV: claims, lines and diagnoses, each with a header row
// of stable column names, written in one pass over the input.
//
//   x12::output_file claims("claims.csv");
//   x12::claim_tables_csv csv({.claims = &claims});
//   x12::input_buffer in = x12::input_buffer::open("claims.x12");
//   x12::read_claims(in, csv.callbacks(), sink);
//   claims.commit();

#include <optional>
#include <span>
#include <string_view>

#include "x12/claim_tables.h"
#include "x12/csv.h"
#include "x12/output.h"

namespace x12 {

enum class claim_table { claims, lines, diagnoses };

/// "claims", "lines" or "diagnoses"; empty for any other name.
std::optional<claim_table> claim_table_named(std::string_view name) noexcept;
std::string_view name_of(claim_table table) noexcept;
/// The header row of a table.
std::span<const std::string_view> claim_columns(claim_table table) noexcept;

/// Where each table goes; a null table is not written.
struct claim_outputs {
  output_file *claims = nullptr;
  output_file *lines = nullptr;
  output_file *diagnoses = nullptr;
};

class claim_tables_csv {
public:
  /// Writes the header row of every table that has an output.
  explicit claim_tables_csv(const claim_outputs &outputs);
  /// Callbacks that append rows; valid while this object lives.
  const claim_callbacks &callbacks() const noexcept { return callbacks_; }

private:
  std::optional<csv_writer> claims_, lines_, diagnoses_;
  claim_callbacks callbacks_;
};

} // namespace x12
