#pragma once
// Code tables made from the files their publishers ship, written in the
// layout code_table::load reads, so a yearly refresh needs no rebuild:
//
//   std::vector<std::string> codes = x12::read_icd10cm_order("icd10cm_order_2027.txt");
//   x12::write_code_table("my-codes", "icd10cm", x12::rows_of(codes),
//                         x12::icd10cm_fiscal_year(2027));

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "x12/codes.h"

namespace x12 {

/// What a table's .source file says about it.
struct code_table_source {
  std::string title, source, vintage, effective, termination;
};

/// The billable codes (valid flag 1) of a CMS/NCHS ICD-10-CM order file:
/// fixed-width lines of order number (5), code (7), valid flag (1), short
/// description (60) and long description, one blank between each; sorted
/// in byte order. Throws x12::error naming the file and line of a line
/// that is not in that layout.
std::vector<std::string> read_icd10cm_order(const std::string &path);

/// ICD-10-CM fiscal year `year`: 1 October of the year before to 30
/// September, titled and sourced for its .source file.
code_table_source icd10cm_fiscal_year(unsigned year);

/// The fiscal year in an order file's name ("icd10cm_order_2027.txt"): 0
/// when it has none.
unsigned fiscal_year_in_name(std::string_view path);

/// Rows for `codes` (code_row, codes.h), each in effect as long as the
/// table, without descriptions.
std::vector<code_row> rows_of(const std::vector<std::string> &codes);

/// Consecutive fiscal years of ICD-10-CM as one table, so claims of either
/// year are checked against their own: a code of every year has the
/// table's dates; one added, deleted (or deleted and added again) has a
/// row per run of years it is in, dated 1 October to 30 September. `years`
/// holds each year with its codes (read_icd10cm_order), in order. Throws
/// x12::error when a year is missing between them or given twice.
std::vector<code_row>
icd10cm_years(const std::vector<std::pair<unsigned, std::vector<std::string>>> &years);

/// ICD-10-CM from fiscal year `first` to `last`, for the .source file.
code_table_source icd10cm_fiscal_years(unsigned first, unsigned last);

/// Writes `dir`/`name`.csv (a `code` header and one code a line, or
/// `code,effective,termination` when a row has dates of its own;
/// descriptions are not written) and `dir`/`name`.source, each atomically; makes `dir` if missing.
/// Throws x12::error when they cannot be written.
void write_code_table(const std::string &dir, const std::string &name,
                      const std::vector<code_row> &rows, const code_table_source &source);

} // namespace x12
