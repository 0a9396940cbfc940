#pragma once
// Code tables made from the files their publishers ship, written in the
// layout code_table::load reads, so a yearly refresh needs no rebuild:
//
//   std::vector<std::string> codes = x12::read_icd10cm_order("icd10cm_order_2027.txt");
//   x12::write_code_table("my-codes", "icd10cm", codes, x12::icd10cm_fiscal_year(2027));

#include <string>
#include <string_view>
#include <vector>

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

/// Writes `dir`/`name`.csv (a `code` header, one code a line) and
/// `dir`/`name`.source, each atomically; makes `dir` if missing. Throws
/// x12::error when they cannot be written.
void write_code_table(const std::string &dir, const std::string &name,
                      const std::vector<std::string> &codes, const code_table_source &source);

} // namespace x12
