#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
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

TEST_CASE("for_guide finds a guide's schemas by file name, and by alias") {
  x12::schema_set set = x12::schema_set::load(X12_SOURCE_SCHEMAS_DIR);
  std::vector<const x12::schema *> claims = set.for_guide("005010X222A1");
  REQUIRE(claims.size() == 1);
  CHECK(claims[0]->transaction == "837");
  std::vector<const x12::schema *> status = set.for_guide("005010X212");
  REQUIRE(status.size() == 2); // 276 and 277
  CHECK(status[0]->transaction != status[1]->transaction);
  std::vector<const x12::schema *> alias = set.for_guide("005010X222A2");
  REQUIRE(alias.size() == 1);
  CHECK(alias[0]->guide == "005010X222A1");
  CHECK(set.for_guide("005010X999").empty());
}

TEST_CASE("placing looks up a loop's children by segment ID") {
  x12::schema_set set = x12::schema_set::load(X12_SOURCE_SCHEMAS_DIR);
  const x12::schema *s = set.find("005010X222A1", "837");
  REQUIRE(s);
  // Every child is found under the key of the segment it begins with, once.
  std::function<void(const x12::loop_rule &)> check = [&](const x12::loop_rule &l) {
    CAPTURE(l.id);
    std::size_t listed = 0;
    for (std::size_t i = 0; i < l.children.size(); ++i) {
      const x12::loop_rule::child &c = l.children[i];
      const x12::segment_rule &first = c.is_loop ? l.loops[c.index].entry() : l.segments[c.index];
      const x12::loop_rule::key_run *run = l.children_with(first.key);
      REQUIRE(run);
      std::size_t found = 0;
      for (std::uint32_t k = run->begin; k < run->end; ++k)
        found += l.by_key[k].child == i;
      CHECK(found == 1);
      ++listed;
    }
    CHECK(l.by_key.size() == listed);
    CHECK_FALSE(l.children_with(x12::pack_code("ZZZ")));
    for (const x12::loop_rule &c : l.loops)
      check(c);
  };
  check(s->root);
}
