#pragma once
// The 271 table as CSV: benefits, with a header row of stable column names,
// written in one pass over the input.
//
//   x12::output_file benefits("benefits.csv");
//   x12::eligibility_csv csv({.benefits = &benefits});
//   x12::input_buffer in = x12::input_buffer::open("271.x12");
//   x12::read_eligibility(in, csv.callbacks(), sink);
//   benefits.commit();

#include <optional>
#include <span>
#include <string_view>

#include "x12/csv.h"
#include "x12/eligibility_tables.h"
#include "x12/output.h"

namespace x12 {

enum class eligibility_table { benefits };

/// "benefits"; empty for any other name.
std::optional<eligibility_table> eligibility_table_named(std::string_view name) noexcept;
std::string_view name_of(eligibility_table table) noexcept;
/// The header row of a table.
std::span<const std::string_view> eligibility_columns(eligibility_table table) noexcept;

/// Where each table goes; a null table is not written.
struct eligibility_outputs {
  output_file *benefits = nullptr;
};

class eligibility_csv {
public:
  /// Writes the header row of every table that has an output.
  explicit eligibility_csv(const eligibility_outputs &outputs);
  /// Callbacks that append rows; valid while this object lives.
  const eligibility_callbacks &callbacks() const noexcept { return callbacks_; }

private:
  std::optional<csv_writer> benefits_;
  eligibility_callbacks callbacks_;
};

} // namespace x12
