#include <doctest/doctest.h>

#include <string>

#include "x12/delimiters.h"
#include "x12/error.h"
#include "x12_test_support.h"

using x12::delimiters;
using x12::detect_delimiters;
using x12::test::isa;

namespace {

delimiters detected(std::string_view bytes) {
  auto layout = detect_delimiters(bytes);
  REQUIRE_MESSAGE(layout, (layout ? "" : layout.error().message()));
  return layout->delims;
}

} // namespace

TEST_CASE("every separator layout of the public corpus is detected") {
  struct layout {
    char element, component, repetition, terminator;
  };
  // element, component, repetition ('\0' = ISA11 U), terminator
  const layout layouts[] = {
      {'*', ':', '^', '~'},  {'*', ':', '\0', '~'}, {'*', '\\', '^', '~'},
      {'*', ':', '!', '~'},  {'*', ':', '>', '~'},  {'*', ':', '`', '~'},
      {'*', '|', '^', '~'},  {'*', '>', '|', '~'},  {'~', '^', '\0', '_'},
      {'>', '+', '^', '\r'}, {'*', ':', '\0', '\x1d'}, {'*', ':', '>', '\n'},
      {'|', ':', '^', '!'},  {'|', '>', '^', '\n'}, {'*', ':', '^', '\x1c'},
  };
  for (const layout &l : layouts) {
    std::string header = isa(l.element, l.component, l.repetition, l.terminator);
    CAPTURE(header);
    REQUIRE(header.size() == x12::isa_length);
    auto result = detect_delimiters(header + "GS");
    REQUIRE(result);
    CHECK(result->delims == delimiters{l.element, l.component, l.repetition, l.terminator});
    CHECK(result->length == x12::isa_length);
    CHECK(result->fixed_width);
  }
}

TEST_CASE("ISA11 U and other letters mean no repetition separator") {
  CHECK_FALSE(detected(isa('*', ':', 'U', '~')).has_repetition());
  CHECK_FALSE(detected(isa('*', ':', 'X', '~')).has_repetition());
  CHECK(detected(isa('*', ':', '^', '~')).repetition == '^');
}

TEST_CASE("a repetition separator equal to the component separator is dropped") {
  delimiters d = detected(isa('*', '^', '^', '~'));
  CHECK(d.component == '^');
  CHECK_FALSE(d.has_repetition());
}

TEST_CASE("an ISA whose fields are not padded is read by counting separators") {
  std::string header = "ISA*00*ab*00*cd*ZZ*SENDER*ZZ*RECEIVER*260101*1200*^*00501*"
                       "42*0*P*>~GS*";
  auto layout = detect_delimiters(header);
  REQUIRE(layout);
  CHECK_FALSE(layout->fixed_width);
  CHECK(layout->delims == delimiters{'*', '>', '^', '~'});
  CHECK(layout->length == header.size() - 3);
}

TEST_CASE("an ISA padded to width but with a field one byte long still finds ISA16") {
  // ISA06 one byte longer and ISA08 one byte shorter: 106 bytes, but the
  // separators are not at their fixed places.
  std::string header = isa();
  header.replace(35, 15, "SENDER          ");
  header.replace(55, 15, "RECEIVER      ");
  REQUIRE(header.size() == 106);
  auto layout = detect_delimiters(header);
  REQUIRE(layout);
  CHECK_FALSE(layout->fixed_width);
  CHECK(layout->delims == delimiters{'*', ':', '^', '~'});
}

TEST_CASE("unreadable ISA headers fail with a reason") {
  CHECK(detect_delimiters("").error().message() == "not an ISA header");
  CHECK(detect_delimiters("GS*HC").error().message() == "not an ISA header");
  CHECK(detect_delimiters("ISA1").error().message() ==
        "ISA element separator is a letter, digit or space");
  CHECK(detect_delimiters("ISA 00").error().message() ==
        "ISA element separator is a letter, digit or space");
  CHECK(detect_delimiters("ISA*00*          *00*").error().message() ==
        "ISA header cut short: fewer than 16 elements");
  std::string full = isa();
  CHECK(detect_delimiters(full.substr(0, 105)).error().message() ==
        "ISA header cut short: no segment terminator after ISA16");
  // A terminator that is a letter, a space or the element separator.
  std::string bad = full;
  bad[105] = 'A';
  CHECK_FALSE(detect_delimiters(bad));
  bad[105] = ' ';
  CHECK_FALSE(detect_delimiters(bad));
  bad[105] = '*';
  CHECK_FALSE(detect_delimiters(bad));
  // A component separator equal to the element separator or the terminator.
  CHECK_FALSE(detect_delimiters(isa('*', '*', '^', '~')));
  CHECK_FALSE(detect_delimiters(isa('*', '~', '^', '~')));
  CHECK_FALSE(detect_delimiters(isa('*', ' ', '^', '~')));
}

TEST_CASE("a header is never read past the bytes given") {
  std::string full = isa();
  for (std::size_t n = 0; n < full.size(); ++n) {
    CAPTURE(n);
    CHECK_FALSE(detect_delimiters(std::string_view(full).substr(0, n)));
  }
}

TEST_CASE("parse_delimiters reads specs with escapes") {
  CHECK(x12::parse_delimiters("*:^~") == delimiters{'*', ':', '^', '~'});
  CHECK(x12::parse_delimiters("|>^\\n") == delimiters{'|', '>', '^', '\n'});
  CHECK(x12::parse_delimiters("*:^\\x1d") == delimiters{'*', ':', '^', '\x1d'});
  CHECK(x12::parse_delimiters("*:\\x00~") == delimiters{'*', ':', '\0', '~'});
  CHECK_THROWS_WITH_AS(x12::parse_delimiters("*:^"),
                       "delimiters must be four characters: element, component, "
                       "repetition, segment (for example '*:^~')",
                       x12::error);
  CHECK_THROWS_WITH_AS(x12::parse_delimiters("*:A~"),
                       "delimiters must not be letters, digits or spaces", x12::error);
  CHECK_THROWS_WITH_AS(x12::parse_delimiters("*:*~"), "the four delimiters must differ",
                       x12::error);
  // A bad hex escape is a usage error, not a crash in std::stoi.
  CHECK_THROWS_AS(x12::parse_delimiters("*:^\\xzz"), x12::error);
}

TEST_CASE("to_spec is the inverse of parse_delimiters") {
  for (const char *spec : {"*:^~", "|>^\\n", "~^\\x00_", ">+^\\r", "*:^\\x1d"}) {
    CAPTURE(spec);
    CHECK(x12::to_spec(x12::parse_delimiters(spec)) == spec);
  }
}
