#include <doctest/doctest.h>

#include <string>

#include "x12/input_format.h"

using x12::input_format_of;

TEST_CASE("input_format_of: an ISA, after a BOM or blank lines, is X12") {
  CHECK(input_format_of("ISA*00*          *00*") == "x12");
  CHECK(input_format_of("\xEF\xBB\xBF\r\n  ISA*00*") == "x12");
}

TEST_CASE("input_format_of: a JSON object is told apart by its first key") {
  CHECK(input_format_of(R"({"interchanges":[)") == "json");
  CHECK(input_format_of("{\n  \"guide\": \"837P\",\n") == "claims-json");
  CHECK(input_format_of(R"( { "subscribers": [)") == "claims-json");
  CHECK(input_format_of(R"({"patients": [)").empty());
  CHECK(input_format_of("{").empty());
  CHECK(input_format_of(R"({"gui)").empty()); // cut short inside the key
}

TEST_CASE("input_format_of: a CSV header naming member_id is a roster") {
  CHECK(input_format_of("member_id,last_name,first_name\nW1,DOE,JANE\n") == "roster-csv");
  CHECK(input_format_of("\"last_name\",\"member_id\"\r\n") == "roster-csv");
  CHECK(input_format_of("last_name,first_name\nmember_id\n").empty()); // only the header counts
  CHECK(input_format_of("").empty());
}

TEST_CASE("input_format_of: peeking a buffer leaves every byte for the reader") {
  const std::string bytes = "member_id,last_name\nW1,DOE\n";
  x12::input_buffer in = x12::input_buffer::from_memory(bytes);
  CHECK(input_format_of(in) == "roster-csv");
  CHECK(in.bytes() == bytes);
}
