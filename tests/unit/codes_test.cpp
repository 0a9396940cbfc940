#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "x12/code_import.h"
#include "x12/codes.h"
#include "x12/error.h"

namespace {

namespace fs = std::filesystem;

// A fresh folder of table files for one test; per process, as test runs
// may share /tmp.
fs::path table_dir(const std::string &name) {
  fs::path dir =
      fs::temp_directory_path() / ("x12-codes-test-" + std::to_string(getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path &file, const std::string &text) { std::ofstream(file) << text; }

x12::code_set shipped() {
  x12::code_set codes;
  codes.add_shipped(X12_SOURCE_SCHEMAS_DIR);
  return codes;
}

} // namespace

TEST_CASE("NPI check digit is Luhn over 80840 and the NPI") {
  CHECK(x12::valid_npi("1234567893"));
  CHECK(x12::valid_npi("1993999998"));
  CHECK(x12::npi_problem("1234567890") == "has a wrong check digit");
  CHECK_FALSE(x12::valid_npi("2123456789"));
  CHECK(x12::npi_problem("123456789") == "is not 10 digits");
  CHECK(x12::npi_problem("12345678A3") == "is not 10 digits");
}

TEST_CASE("identifier shapes: TIN, NDC, ZIP, state") {
  CHECK(x12::valid_tin("371234567"));
  CHECK_FALSE(x12::valid_tin("37-1234567"));
  CHECK(x12::valid_ndc("00093721401"));
  CHECK_FALSE(x12::valid_ndc("0093-7214-01"));
  CHECK(x12::valid_zip("62701"));
  CHECK(x12::valid_zip("627010001"));
  CHECK_FALSE(x12::valid_zip("6270100"));
  CHECK(x12::valid_state("IL"));
  CHECK(x12::valid_state("PR"));
  CHECK(x12::valid_state("ON"));
  CHECK_FALSE(x12::valid_state("XX"));
  CHECK_FALSE(x12::valid_state("il"));
}

TEST_CASE("ICD-10-CM shape: no decimal point, letter, digit, then up to 5 more") {
  CHECK(x12::icd10cm_problem("E119").empty());
  CHECK(x12::icd10cm_problem("S72001A").empty());
  CHECK(x12::icd10cm_dotted("E11.9"));
  CHECK(x12::icd10cm_problem("E11.9").find("decimal point") != std::string_view::npos);
  CHECK_FALSE(x12::icd10cm_problem("E1").empty());
  CHECK_FALSE(x12::icd10cm_problem("1E19").empty());
  CHECK_FALSE(x12::icd10cm_problem("EA19").empty());
  CHECK_FALSE(x12::icd10cm_problem("S72001AB").empty());
}

TEST_CASE("procedure code shapes: HCPCS Level II and CPT") {
  CHECK(x12::hcpcs_shape("J1100"));
  CHECK(x12::hcpcs_shape("V5008"));
  CHECK_FALSE(x12::hcpcs_shape("W1234"));
  CHECK_FALSE(x12::hcpcs_shape("J110"));
  CHECK(x12::cpt_shape("99213"));
  CHECK(x12::cpt_shape("0001U"));
  CHECK(x12::cpt_shape("1234F"));
  CHECK(x12::cpt_shape("0075T"));
  CHECK_FALSE(x12::cpt_shape("1234X"));
  CHECK_FALSE(x12::cpt_shape("9921"));
}

TEST_CASE("shipped ICD-10-CM table tells billable codes from categories") {
  x12::code_set codes = shipped();
  const x12::code_table *icd = codes.table("ICD10CM");
  REQUIRE(icd);
  CHECK(icd->vintage == "FY2026-FY2027");
  CHECK(icd->effective == "2025-10-01");
  CHECK(icd->termination == "2027-09-30");
  CHECK(icd->size() > 70000);
  CHECK(icd->find("E119"));
  CHECK_FALSE(icd->find("E11"));
  CHECK(icd->has_longer("E11"));
  CHECK_FALSE(icd->has_longer("E119"));

  auto billable = x12::check_code(codes, "icd10cm", "E119", "ABK", "HI01-2", true);
  CHECK_FALSE(billable);
  auto header = x12::check_code(codes, "icd10cm", "E11", "ABK", "HI01-2", true);
  REQUIRE(header);
  CHECK(header->code->code == "icd10-not-billable");
  auto dotted = x12::check_code(codes, "icd10cm", "E11.9", "ABK", "Diagnosis Code", false);
  REQUIRE(dotted);
  CHECK(dotted->code->code == "icd10-dotted");
  CHECK(dotted->message.find("E11") == std::string::npos); // unquoted: diagnoses are PHI
  auto unknown = x12::check_code(codes, "icd10cm", "U999", "ABF", "", true);
  REQUIRE(unknown);
  CHECK(unknown->code->code == "code-unknown");
}

TEST_CASE("qualifiers pick which values are checked") {
  x12::code_set codes = shipped();
  CHECK_FALSE(x12::check_code(codes, "icd10cm", "4659", "BK", "", true)); // ICD-9
  CHECK(x12::check_code(codes, "icd10cm", "4659", "ABK", "", true));
  CHECK_FALSE(x12::check_code(codes, "hcpcs", "0450", "NU", "", true)); // revenue code
  CHECK(x12::check_code(codes, "hcpcs", "0450", "HC", "", true));
  CHECK_FALSE(x12::check_code(codes, "npi", "1234567890", "24", "", true)); // a TIN qualifier
  auto npi = x12::check_code(codes, "npi", "1234567890", "XX", "", true);
  REQUIRE(npi);
  CHECK(npi->code->code == "npi-check-digit");
}

TEST_CASE("table lookups name the list and its vintage") {
  x12::code_set codes = shipped();
  CHECK_FALSE(x12::check_code(codes, "carc", "45", "", "", true));
  auto carc = x12::check_code(codes, "carc", "Z99", "", "", true);
  REQUIRE(carc);
  CHECK(carc->message == "'Z99' is not in the CARC list (2026-09)");
  CHECK_FALSE(x12::check_code(codes, "pos", "11", "", "", true));
  CHECK(x12::check_code(codes, "pos", "29", "", "", true));
  CHECK_FALSE(x12::check_code(codes, "no_such_list", "anything", "", "", true));
}

TEST_CASE("a table directory adds and replaces tables; descriptions and dates load") {
  fs::path dir = table_dir("replace");
  write(dir / "POS.csv", "code,description,effective,termination\r\n"
                         "11,Office,,\r\n"
                         "29,\"Site, local \"\"test\"\"\",2026-01-01,2026-12-31\r\n");
  write(dir / "POS.source", "title: local POS\nvintage: 2026-01\n");
  x12::code_set codes = shipped();
  codes.add_directory(dir.string());
  const x12::code_table *pos = codes.table("pos");
  REQUIRE(pos);
  CHECK(pos->size() == 2);
  CHECK(pos->title == "local POS");
  CHECK(pos->has_descriptions());
  const x12::code_row *row = pos->find("29");
  REQUIRE(row);
  CHECK(row->description == "Site, local \"test\"");
  CHECK(row->termination == "2026-12-31");
  CHECK(codes.table("carc")); // shipped tables stay
}

TEST_CASE("table load errors name the file and line") {
  fs::path dir = table_dir("errors");
  auto load_error = [&](const std::string &text) {
    write(dir / "t.csv", text);
    try {
      x12::code_table::load((dir / "t.csv").string(), "t");
    } catch (const x12::error &e) {
      CHECK(e.position().file == (dir / "t.csv").string());
      return std::pair<unsigned, std::string>(e.position().line, e.what());
    }
    FAIL("no error");
    return std::pair<unsigned, std::string>();
  };
  auto [line, message] = load_error("code,description\nA1,x\nA2,y,z\n");
  CHECK(line == 3);
  CHECK(message.find("3 fields") != std::string::npos);
  std::tie(line, message) = load_error("code,name\n");
  CHECK(line == 1);
  CHECK(message.find("'name'") != std::string::npos);
  std::tie(line, message) = load_error("code,effective\nA1,2026-13-01\n");
  CHECK(line == 2);
  std::tie(line, message) = load_error("code,description\nA1,x\n\n,y\n");
  CHECK(message.find("empty code") != std::string::npos);
  CHECK(line == 4);
  std::tie(line, message) = load_error("code,description\nA1,\"open\nA2,x\n");
  CHECK(line == 2);
  CHECK(message.find("not closed") != std::string::npos);
  std::tie(line, message) = load_error("");
  CHECK(line == 1);
}

TEST_CASE("a missing table directory is an error; a schema folder without codes is not") {
  x12::code_set codes;
  CHECK_THROWS_AS(codes.add_directory((table_dir("gone") / "nope").string()), x12::error);
  codes.add_shipped(table_dir("no-codes").string());
  CHECK(codes.names().empty());
}

TEST_CASE("codes are looked up by date of service") {
  fs::path dir = table_dir("by-date");
  write(dir / "icd10cm.csv", "code,description,effective,termination\n"
                             "J069,,2015-10-01,2023-09-30\n"
                             "J069,,2025-10-01,\n"
                             "R05,,2015-10-01,2020-09-30\n");
  write(dir / "icd10cm.source", "title: ICD-10-CM\neffective: 2015-10-01\n");
  x12::code_set codes;
  codes.add_directory(dir.string());
  const x12::code_table *t = codes.table("icd10cm");
  REQUIRE(t);
  CHECK(t->find("J069", "2016-01-01"));
  CHECK_FALSE(t->find("J069", "2024-06-01"));
  CHECK(t->find("J069", "2026-01-01"));
  CHECK(t->covers("2030-01-01"));
  CHECK_FALSE(t->covers("2015-09-30"));

  CHECK_FALSE(x12::check_code(codes, "icd10cm", "J069", "ABK", "", true, "2026-01-01"));
  auto gap = x12::check_code(codes, "icd10cm", "J069", "ABK", "", true, "2024-06-01");
  REQUIRE(gap);
  CHECK(gap->code->code == "code-not-in-effect");
  CHECK(gap->message.find("ended 2023-09-30") != std::string::npos);
  auto ended = x12::check_code(codes, "icd10cm", "R05", "ABK", "", true, "2021-01-01");
  REQUIRE(ended);
  CHECK(ended->code->code == "code-not-in-effect");
  // Before the table's own dates it cannot tell: only the form is checked.
  CHECK_FALSE(x12::check_code(codes, "icd10cm", "R05", "ABK", "", true, "2014-01-01"));
  CHECK(x12::check_code(codes, "icd10cm", "R0.5", "ABK", "", true, "2014-01-01"));
  // Without a date every listed row counts.
  CHECK_FALSE(x12::check_code(codes, "icd10cm", "R05", "ABK", "", true));
}

TEST_CASE("a code listed twice for overlapping dates is a load error") {
  fs::path dir = table_dir("overlap");
  write(dir / "pos.csv", "code,description,effective,termination\n"
                         "11,,2020-01-01,2024-12-31\n"
                         "11,,2024-06-01,\n");
  x12::code_set codes;
  codes.add_directory(dir.string());
  CHECK_THROWS_AS(codes.table("pos"), x12::error);
}

TEST_CASE("check_code_in checks against the table it is given, or the shape alone") {
  x12::code_set codes = shipped();
  const x12::code_table *icd = codes.table("icd10cm");
  REQUIRE(icd);
  auto unknown = x12::check_code_in(icd, "icd10cm", "U999", "ABF", "", true, "2026-01-15");
  REQUIRE(unknown);
  CHECK(unknown->code->code == "code-unknown");
  CHECK_FALSE(x12::check_code_in(icd, "icd10cm", "E119", "ABK", "", true, "2026-01-15"));
  // No table (none loaded, or not in effect on the day): the shape only.
  CHECK_FALSE(x12::check_code_in(nullptr, "icd10cm", "U999", "ABF", "", true, "2031-01-15"));
  auto dotted = x12::check_code_in(nullptr, "icd10cm", "E11.9", "ABF", "", true);
  REQUIRE(dotted);
  CHECK(dotted->code->code == "icd10-dotted");
  // The qualifier still picks what is checked: BK is ICD-9.
  CHECK_FALSE(x12::check_code_in(icd, "icd10cm", "4659", "BK", "", true));
}

TEST_CASE("codes longer than the packed key are still told apart") {
  x12::code_set codes = shipped();
  const x12::code_table *icd = codes.table("icd10cm");
  REQUIRE(icd);
  // Same first 7 characters as a listed code, one more: not that code.
  CHECK(icd->find("S0000XA"));
  CHECK_FALSE(icd->find("S0000XA1"));
  CHECK_FALSE(icd->find("S0000XA12"));
  CHECK_FALSE(icd->find("S0000X"));
}

TEST_CASE("several fiscal years make one table that dates each code by the years it is in") {
  // A in every year; B deleted after 2026 and added again in 2028; C new in 2027.
  std::vector<std::pair<unsigned, std::vector<std::string>>> years = {
      {2026, {"A000", "B000"}}, {2027, {"A000", "C000"}}, {2028, {"A000", "B000", "C000"}}};
  std::vector<x12::code_row> rows = x12::icd10cm_years(years);
  REQUIRE(rows.size() == 4);
  CHECK((rows[0].code == "A000" && rows[0].effective.empty() && rows[0].termination.empty()));
  CHECK((rows[1].code == "B000" && rows[1].effective == "2025-10-01" &&
         rows[1].termination == "2026-09-30"));
  CHECK((rows[2].code == "B000" && rows[2].effective == "2027-10-01" &&
         rows[2].termination == "2028-09-30"));
  CHECK((rows[3].code == "C000" && rows[3].effective == "2026-10-01" &&
         rows[3].termination == "2028-09-30"));
  x12::code_table_source source = x12::icd10cm_fiscal_years(2026, 2028);
  CHECK(source.vintage == "FY2026-FY2028");
  CHECK((source.effective == "2025-10-01" && source.termination == "2028-09-30"));
  // Years must follow one another, once each.
  CHECK_THROWS_WITH(x12::icd10cm_years({{2026, {"A000"}}, {2028, {"A000"}}}),
                    doctest::Contains("fiscal years 2026 and 2028 do not follow one another"));
  CHECK_THROWS_WITH(x12::icd10cm_years({{2026, {"A000"}}, {2026, {"A000"}}}),
                    doctest::Contains("fiscal year 2026 is given twice"));
}
