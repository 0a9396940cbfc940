#include <doctest/doctest.h>

#include <string>
#include <vector>

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

namespace {

// The bytes csv_writer writes for `rows` (no header).
std::string written(const std::vector<std::vector<std::string>> &rows) {
  x12::test::temp_dir dir;
  std::string path = dir / "t.csv";
  {
    x12::output_file out(path);
    x12::csv_writer csv(out, std::initializer_list<std::string_view>{});
    for (const auto &r : rows) {
      std::vector<std::string_view> views(r.begin(), r.end());
      csv.row(views);
    }
    out.commit();
  }
  std::string text = x12::test::slurp(path);
  return text.substr(2); // the empty header row
}

// What RFC 4180 wants for `fields`, field by field.
std::string expected_row(const std::vector<std::string> &fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0)
      line += ',';
    append_csv_field(line, fields[i]);
  }
  return line + "\r\n";
}

} // namespace

TEST_CASE("a row is checked as a whole: a special byte anywhere quotes its field only") {
  // Rows are copied whole and scanned 16 bytes at a time: put each special
  // byte at every position of a row of several fields, across blocks.
  for (char special : {',', '"', '\r', '\n'}) {
    for (std::size_t at = 0; at < 38; ++at) { // 38: the bytes of the fields
      std::vector<std::string> fields = {"ABCDEFGHIJ", "", "KLMNOPQRSTUVWXYZ", "0123456789ab"};
      std::size_t left = at;
      for (std::string &f : fields) {
        if (left < f.size()) {
          f[left] = special;
          break;
        }
        left -= f.size();
      }
      std::string row = written({fields});
      CHECK(row == expected_row(fields));
      CHECK(row.find('"') != std::string::npos);
    }
  }
}

TEST_CASE("fields of every length are copied exactly") {
  std::vector<std::string> fields;
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string f;
    for (std::size_t i = 0; i < n; ++i)
      f += char('a' + (n + i) % 26);
    fields.push_back(f);
  }
  CHECK(written({fields}) == expected_row(fields));
  CHECK(written({{"x"}, {""}, {"y", ""}}) == "x\r\n\r\ny,\r\n");
}

TEST_CASE("a comma is found in a row longer than 255 blocks of 16 bytes") {
  // 300 fields of 15 bytes put every separator at the same byte of a
  // 16-byte block: a byte-wide count of them would wrap at 256.
  std::vector<std::string> fields(300, std::string(15, 'x'));
  CHECK(written({fields}) == expected_row(fields));
  fields.push_back("a,b");
  std::string row = written({fields});
  CHECK(row == expected_row(fields));
  CHECK(row.substr(row.size() - 8) == ",\"a,b\"\r\n");
}

namespace {

// Every record of `text`, or the failure message with its line.
std::vector<std::vector<std::string>> records(std::string_view text, std::string *problem = nullptr) {
  x12::csv_reader csv(text);
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> fields;
  for (;;) {
    auto more = csv.next(fields);
    if (!more) {
      if (problem)
        *problem = std::to_string(csv.line()) + ": " + more.error().message();
      return out;
    }
    if (!*more)
      return out;
    out.push_back(fields);
  }
}

using rows = std::vector<std::vector<std::string>>;

} // namespace

TEST_CASE("csv_reader splits records at LF and CRLF, keeping empty fields") {
  CHECK(records("a,b,c\nd,,f\r\n,,\n") == rows{{"a", "b", "c"}, {"d", "", "f"}, {"", "", ""}});
  CHECK(records("last,no newline") == rows{{"last", "no newline"}});
  CHECK(records("") == rows{});
  CHECK(records("lone CR\rnext\r") == rows{{"lone CR"}, {"next"}});
}

TEST_CASE("csv_reader reads quoted fields with commas, quotes and line breaks") {
  CHECK(records("\"ACME, INC.\",\"O\"\"NEIL\",\"\"\n") ==
        rows{{"ACME, INC.", "O\"NEIL", ""}});
  CHECK(records("\"two\r\nlines\",x\r\ny\r\n") == rows{{"two\r\nlines", "x"}, {"y"}});
  // What the writer quotes, the reader gives back.
  std::string line;
  for (std::string_view f : {"a\"b", "c,d", "e\nf", "", "plain"}) {
    if (!line.empty() || f != "a\"b")
      line += ',';
    append_csv_field(line, f);
  }
  CHECK(records(line) == rows{{"a\"b", "c,d", "e\nf", "", "plain"}});
}

TEST_CASE("csv_reader skips a byte order mark and empty lines and counts lines") {
  x12::csv_reader csv("\xEF\xBB\xBFid,name\n\n\"multi\nline\",x\r\n\r\nlast,y\n");
  std::vector<std::string> fields;
  REQUIRE(*csv.next(fields));
  CHECK(fields == std::vector<std::string>{"id", "name"});
  CHECK(csv.line() == 1);
  REQUIRE(*csv.next(fields));
  CHECK(fields == std::vector<std::string>{"multi\nline", "x"});
  CHECK(csv.line() == 3);
  REQUIRE(*csv.next(fields));
  CHECK(fields == std::vector<std::string>{"last", "y"});
  CHECK(csv.line() == 6);
  auto end = csv.next(fields);
  REQUIRE(end);
  CHECK_FALSE(*end);
}

TEST_CASE("csv_reader fails on an open quote and on text after a closing quote") {
  std::string problem;
  CHECK(records("a,b\n\"open,\nstill open", &problem) == rows{{"a", "b"}});
  CHECK(problem == "2: a quoted field is not closed");
  problem.clear();
  CHECK(records("ok\n\"quoted\"tail,x\n", &problem) == rows{{"ok"}});
  CHECK(problem == "2: text after the closing quote of a field");
  // RFC 4180: a quote inside an unquoted field is an error, with its column.
  problem.clear();
  CHECK(records("ok\nx,5\" TALL\n", &problem) == rows{{"ok"}});
  CHECK(problem == "2: column 2: a quote inside a field that is not quoted (quote the field and double the quote)");
}

TEST_CASE("csv_reader says a UTF-16 file is UTF-16") {
  for (std::string text : {std::string("\xFF\xFE" "a\0,\0b\0", 8), std::string("\xFE\xFF\0" "a\0,", 6),
                           std::string("a\0,\0b\0\n\0", 7)}) {
    std::string problem;
    CHECK(records(text, &problem).empty());
    CHECK(problem == "1: file is UTF-16; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)");
  }
  CHECK(records("\xEF\xBB\xBF" "a,b\n") == rows{{"a", "b"}});
}

TEST_CASE("csv_reader says a binary file is not text, naming the first control byte") {
  std::string problem;
  CHECK(records(std::string("\x89PNG\r\n\x1a\n\0\0", 10), &problem).empty());
  CHECK(problem == "1: file is not text (byte 0x1A at offset 6): a table is UTF-8 CSV; if it is a "
                   "spreadsheet, save it as CSV");
  // A tab is text: a field holds it.
  CHECK(records("a\tb,c\n") == rows{{"a\tb", "c"}});
}
