#include <doctest/doctest.h>

#include <string>

#include "x12/csv.h"
#include "x12_test_support.h"

using x12::append_csv_field;

static std::string csv_quoted(std::string_view field) {
  std::string out;
  append_csv_field(out, field);
  return out;
}

TEST_CASE("fields are quoted only when RFC 4180 requires it") {
  CHECK(csv_quoted("") == "");
  CHECK(csv_quoted("PLAIN TEXT; 'single' ok") == "PLAIN TEXT; 'single' ok");
  CHECK(csv_quoted("ACME, INC.") == "\"ACME, INC.\"");
  CHECK(csv_quoted("O\"NEIL") == "\"O\"\"NEIL\"");
  CHECK(csv_quoted("\"") == "\"\"\"\"");
  CHECK(csv_quoted("a\rb") == "\"a\rb\"");
  CHECK(csv_quoted("a\nb") == "\"a\nb\"");
}

TEST_CASE("a special byte is found at any position of a long field") {
  // Fields are scanned eight bytes at a time: try every position, and
  // bytes next to the special ones (+ and -, the neighbours of ',').
  for (char special : {',', '"', '\r', '\n'}) {
    for (std::size_t at = 0; at < 19; ++at) {
      std::string field(19, '+');
      field[(at + 1) % 19] = '-';
      field[at] = special;
      std::string expected = "\"" + field + "\"";
      if (special == '"')
        expected.insert(at + 1, 1, '"');
      CHECK(csv_quoted(field) == expected);
    }
  }
  CHECK(csv_quoted("PRAIRIE STAR HEALTH PLAN-+*~:^") == "PRAIRIE STAR HEALTH PLAN-+*~:^");
}

TEST_CASE("a table is a header row then rows, each ended by CRLF") {
  x12::test::temp_dir dir;
  std::string path = dir / "t.csv";
  {
    x12::output_file out(path);
    x12::csv_writer csv(out, {"name", "amount"});
    csv.row({"SMITH, \"DOC\"", "12.50"});
    csv.row({"", ""});
    CHECK(csv.rows() == 2);
    out.commit();
  }
  CHECK(x12::test::slurp(path) == "name,amount\r\n\"SMITH, \"\"DOC\"\"\",12.50\r\n,\r\n");
}
