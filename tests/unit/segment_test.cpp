#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "x12/segment.h"

using x12::delimiters;
using x12::segment_view;
using x12::split_view;

namespace {

std::vector<std::string> fields(split_view v) {
  std::vector<std::string> out;
  for (std::string_view f : v)
    out.emplace_back(f);
  return out;
}

} // namespace

TEST_CASE("split_view counts and indexes fields, empty ones included") {
  split_view v("a*bb**c*", '*');
  CHECK(v.count() == 5);
  CHECK(v.field(0) == "a");
  CHECK(v.field(1) == "bb");
  CHECK(v.field(2) == "");
  CHECK(v.field(3) == "c");
  CHECK(v.field(4) == "");
  CHECK(v.field(5) == "");
  CHECK(v.field(99) == "");
  CHECK(fields(v) == std::vector<std::string>{"a", "bb", "", "c", ""});
  CHECK(split_view("", '*').count() == 1);
  CHECK(fields(split_view("", '*')) == std::vector<std::string>{""});
  CHECK(fields(split_view("abc", '*')) == std::vector<std::string>{"abc"});
}

TEST_CASE("split_view::whole never splits") {
  std::string text("a\0b^c", 5);
  split_view v = split_view::whole(text);
  CHECK(v.count() == 1);
  CHECK(v.field(0) == text);
  CHECK(v.field(1) == "");
  CHECK(fields(v) == std::vector<std::string>{text});
}

TEST_CASE("segment_view gives the ID and 1-based elements") {
  delimiters d;
  segment_view s("NM1*85*2*ACME CLINIC*****XX*1234567893", d);
  CHECK(s.id() == "NM1");
  CHECK(s.is("NM1"));
  CHECK_FALSE(s.is("NM"));
  CHECK(s.element_count() == 9);
  CHECK(s[0] == "NM1");
  CHECK(s[1] == "85");
  CHECK(s.element(3).text() == "ACME CLINIC");
  CHECK(s.element(4).empty());
  CHECK(s[8] == "XX");
  CHECK(s[9] == "1234567893");
  CHECK(s[10] == "");
  CHECK(s.element(10).empty());
  CHECK(fields(s.fields()).size() == 10);
}

TEST_CASE("a segment with no elements") {
  segment_view s("LE", delimiters{});
  CHECK(s.id() == "LE");
  CHECK(s.element_count() == 0);
  CHECK(s[1] == "");
  segment_view empty("", delimiters{});
  CHECK(empty.id() == "");
  CHECK(empty.element_count() == 0);
}

TEST_CASE("trailing empty elements count") {
  segment_view s("REF*EA*123**", delimiters{});
  CHECK(s.element_count() == 4);
  CHECK(s[4] == "");
}

TEST_CASE("composite access is 1-based") {
  delimiters d{'*', ':', '^', '~'};
  segment_view s("CLM*A37YH556*500***11:B:1*Y*A*Y*I", d);
  x12::element_view clm05 = s.element(5);
  CHECK(clm05.text() == "11:B:1");
  CHECK(clm05.component_count() == 3);
  CHECK(clm05.component(1) == "11");
  CHECK(clm05.component(2) == "B");
  CHECK(clm05.component(3) == "1");
  CHECK(clm05.component(4) == "");
  CHECK(clm05.component(0) == "");
  CHECK(fields(clm05.components()) == std::vector<std::string>{"11", "B", "1"});
  // A simple element is its own first component.
  CHECK(s.element(2).component(1) == "500");
  CHECK(s.element(2).component_count() == 1);
}

TEST_CASE("repetitions split on the repetition separator") {
  delimiters d{'*', ':', '^', '~'};
  segment_view s("HI*ABK:J449^ABF:E119^ABF:I10", d);
  x12::element_view hi01 = s.element(1);
  CHECK(hi01.repetitions().count() == 3);
  std::vector<std::string> codes;
  for (std::string_view rep : hi01.repetitions())
    codes.emplace_back(x12::element_view(rep, d).component(2));
  CHECK(codes == std::vector<std::string>{"J449", "E119", "I10"});
}

TEST_CASE("without a repetition separator an element is one repetition") {
  delimiters d{'*', ':', '\0', '~'};
  std::string text("EB*1*IND**30^33", 15);
  text += std::string("\0x", 2); // a NUL in data is not a separator
  segment_view s(text, d);
  CHECK(s.element(4).repetitions().count() == 1);
  CHECK(s.element(4).repetitions().field(0) == s[4]);
  CHECK(fields(s.element(4).repetitions()) == std::vector<std::string>{std::string(s[4])});
}

TEST_CASE("other separators split the same way") {
  delimiters d{'|', '>', '!', '\n'};
  segment_view s("SV1|HC>99213>25|100|UN|1||||1>2!3", d);
  CHECK(s.id() == "SV1");
  CHECK(s.element(1).component(2) == "99213");
  CHECK(s.element(1).component(3) == "25");
  CHECK(s[3] == "UN");
  CHECK(s.element(8).repetitions().count() == 2);
  CHECK(s.element(8).repetitions().field(1) == "3");
}

TEST_CASE("printable escapes and shortens untrusted text") {
  CHECK(x12::printable("NM1") == "NM1");
  CHECK(x12::printable(std::string_view("A\0\xff", 3)) == "A\\x00\\xff");
  CHECK(x12::printable("abcdef", 3) == "abc...");
  CHECK(x12::printable("abc", 3) == "abc");
  CHECK(x12::printable("") == "");
}
