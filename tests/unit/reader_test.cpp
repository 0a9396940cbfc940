#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "x12/reader.h"

namespace {

const std::string isa =
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       "
    "*260101*1200*^*00501*000000001*0*P*:~";

struct read_all {
  std::vector<x12::segment> segments;
  std::vector<x12::finding> findings;
  explicit read_all(const std::string &bytes) {
    x12::input_buffer in = x12::input_buffer::from_memory(bytes, "t.x12");
    x12::reader r(in, [this](x12::finding &&f) { findings.push_back(std::move(f)); });
    while (auto s = r.next())
      segments.push_back(*s);
  }
};

} // namespace

TEST_CASE("segments carry their offset and number") {
  std::string bytes = isa + "\nGS*HC*A*B*20260101*1200*1*X*005010X222A1~\nIEA*1*000000001~\n";
  read_all r(bytes);
  REQUIRE(r.segments.size() == 3);
  CHECK(r.segments[0].view.id() == "ISA");
  CHECK(r.segments[0].offset == 0);
  CHECK(r.segments[1].view.id() == "GS");
  CHECK(r.segments[1].offset == 107);
  CHECK(r.segments[1].number == 2);
  CHECK(r.segments[2].view[2] == "000000001");
  CHECK(r.findings.empty());
}
