#include <doctest/doctest.h>

#include "x12/decimal.h"

using x12::decimal;

static decimal d(const char *text) {
  auto v = decimal::parse(text);
  REQUIRE(v);
  return *v;
}

TEST_CASE("amounts parse as X12 type R writes them") {
  CHECK(d("12.50").to_string() == "12.50");
  CHECK(d("-12.5").to_string() == "-12.5");
  CHECK(d("+3").to_string() == "3");
  CHECK(d(".5").to_string() == "0.5");
  CHECK(d("7.").to_string() == "7");
  CHECK(d("-0.05").units() == -5);
  CHECK(d("-0.05").scale() == 2);
  for (const char *bad : {"", "-", ".", "1.2.3", "1e3", " 1", "1,000", "12.1234567",
                          "1234567890123456789"})
    CHECK_MESSAGE(!decimal::parse(bad), bad);
}

TEST_CASE("sums are exact where a double is not") {
  decimal total = decimal::zero(2);
  for (int i = 0; i < 10; ++i)
    REQUIRE(total.add(d("0.10")));
  CHECK(total.to_string() == "1.00");
  CHECK(total == d("1"));
  REQUIRE(total.add(d("0.2")));
  REQUIRE(total.add(d("-1.205")));
  CHECK(total.to_string() == "-0.005");
}

TEST_CASE("the sum keeps the larger scale") {
  decimal total = decimal::zero(2);
  REQUIRE(total.add(d("100")));
  REQUIRE(total.add(d("1.2")));
  CHECK(total.to_string() == "101.20");
  CHECK(decimal::zero().to_string() == "0");
  CHECK(decimal::zero(2).to_string() == "0.00");
}

TEST_CASE("overflow is refused and leaves the value alone") {
  decimal big = d("999999999999999999");
  CHECK_FALSE(big.add(d("1")));
  CHECK(big.to_string() == "999999999999999999");
  decimal wide = d("99999999999999");
  CHECK_FALSE(wide.add(d("0.000001"))); // would need 20 digits
  CHECK(wide.to_string() == "99999999999999");
}
