#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>
#include <fstream>

#include "x12/error.h"
#include "x12/schema.h"

namespace {

std::string write_temp(const std::string &name, const std::string &text) {
  // One folder per process: ctest runs test cases in parallel processes.
  auto dir = std::filesystem::temp_directory_path() /
             ("x12-schema-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "elements.yaml")
      << "\"98\": {name: Entity Identifier Code, type: ID, min: 2, max: 3}\n"
         "\"143\": {name: Transaction Set Identifier Code, type: ID, min: 3, max: 3}\n";
  std::ofstream(dir / name) << text;
  return (dir / name).string();
}

} // namespace

TEST_CASE("every shipped schema loads and passes the lint") {
  x12::schema_set set = x12::schema_set::load(X12_SOURCE_SCHEMAS_DIR);
  REQUIRE(!set.all().empty());
  for (const auto &s : set.all()) {
    CAPTURE(s->file);
    CHECK(!s->guide.empty());
    CHECK(s->root.children.size() >= 2);
    for (const std::string &problem : x12::lint(*s))
      FAIL_CHECK(problem);
  }
}

TEST_CASE("a malformed schema is a load error naming file, line and column") {
  std::string path = write_temp("bad.yaml", "guide: X\ntransaction: \"999\"\nfunctional_group: FA\n"
                                            "structure:\n  - segment: ST\n    usage: Q\n");
  try {
    x12::load_schema(path);
    FAIL("no error");
  } catch (const x12::error &e) {
    CHECK(std::string(e.what()) == "usage must be R, S or N, not 'Q'");
    CHECK(e.position().file == path);
    CHECK(e.position().line == 6);
    CHECK(e.position().column == 12);
  }
}

TEST_CASE("an element number missing from the dictionary is a load error") {
  std::string path = write_temp("bad-ele.yaml",
                                "guide: X\ntransaction: \"999\"\nfunctional_group: FA\n"
                                "structure:\n  - segment: ST\n    usage: R\n    elements:\n"
                                "      - { pos: 1, ele: \"4242\", usage: R }\n");
  CHECK_THROWS_WITH_AS(x12::load_schema(path), "data element 4242 is not in elements.yaml",
                       x12::error);
}

TEST_CASE("lint finds siblings no qualifier tells apart") {
  std::string path = write_temp(
      "overlap.yaml", "guide: X\ntransaction: \"999\"\nfunctional_group: FA\nstructure:\n"
                      "  - segment: ST\n    usage: R\n    elements:\n      - {pos: 1, ele: \"143\", usage: R}\n"
                      "  - loop: A\n    usage: R\n    children:\n"
                      "      - {segment: NM1, usage: R, match: {NM101: [\"85\", \"87\"]}}\n"
                      "  - loop: B\n    usage: S\n    children:\n"
                      "      - {segment: NM1, usage: R, match: {NM101: [\"87\"]}}\n");
  x12::schema s = x12::load_schema(path);
  auto problems = x12::lint(s);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "X-999: in the header, loop A and loop B both begin with NM1 and no "
                       "qualifier tells them apart");
}
