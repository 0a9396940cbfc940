// The validator against a small schema of our own, so each rule of loop
// recognition and element checking is seen in isolation.

#include <doctest/doctest.h>
#include <memory>

#include <filesystem>
#include <unistd.h>
#include <fstream>

#include "x12/validate.h"
#include "x12_test_support.h"

namespace {

using x12::test::isa;

// A made-up guide: a header segment, a repeating A loop (NM1*85 or *87 with
// same-position REFs), a B loop (HL level 22) with an LX loop, and
// composites, repetitions and syntax notes to check.
const char *schema_yaml = R"(
guide: TEST01
transaction: "837"
functional_group: HC
claim: { loop: "B", id: HL01 }
structure:
  - segment: ST
    usage: R
    elements:
      - { pos: 1, ele: "143", usage: R, codes: ["837"] }
      - { pos: 2, ele: "329", usage: R }
      - { pos: 3, ele: "1705", usage: S }
  - segment: BHT
    usage: R
    syntax: [P0203]
    elements:
      - { pos: 1, ele: "1005", usage: R, codes: ["0019"] }
      - { pos: 2, ele: "353", usage: S }
      - { pos: 3, ele: "127", usage: S }
      - { pos: 4, ele: "373", usage: R }
  - loop: A
    name: Party
    usage: R
    repeat: 2
    children:
      - segment: NM1
        name: Party Name
        usage: R
        match: { NM101: ["85", "87"] }
        elements:
          - { pos: 1, ele: "98", usage: R, codes: ["85", "87"] }
          - { pos: 2, ele: "1065", usage: R, codes: ["1", "2"] }
          - { pos: 3, ele: "1035", name: Party Last Name, usage: R }
      - segment: REF
        name: Tax ID
        usage: R
        match: { REF01: ["EI"] }
        elements:
          - { pos: 1, ele: "128", usage: R, codes: ["EI"] }
          - { pos: 2, ele: "127", usage: R }
      - segment: REF
        name: License
        usage: S
        match: { REF01: ["0B"] }
        elements:
          - { pos: 1, ele: "128", usage: R, codes: ["0B"] }
          - { pos: 2, ele: "127", usage: R }
      - segment: PER
        usage: S
        elements:
          - { pos: 1, ele: "366", usage: R, codes: ["IC"] }
  - loop: B
    name: Level
    usage: S
    repeat: unbounded
    children:
      - segment: HL
        usage: R
        match: { HL03: ["22"] }
        elements:
          - { pos: 1, ele: "628", usage: R }
          - { pos: 2, ele: "734", usage: S }
          - { pos: 3, ele: "735", usage: R, codes: ["22"] }
          - { pos: 4, ele: "736", usage: R, codes: ["0", "1"] }
      - segment: SV1
        usage: R
        elements:
          - pos: 1
            ele: C003
            usage: R
            components:
              - { pos: 1, ele: "235", usage: R, codes: ["HC"] }
              - { pos: 2, ele: "234", usage: R }
          - { pos: 2, ele: "782", usage: R }
          - { pos: 3, ele: "1331", usage: S, repeat: 2 }
      - loop: LXL
        usage: S
        repeat: unbounded
        children:
          - segment: LX
            usage: R
            elements:
              - { pos: 1, ele: "554", usage: R }
  - segment: SE
    usage: R
    elements:
      - { pos: 1, ele: "96", usage: R }
      - { pos: 2, ele: "329", usage: R }
)";

struct collect : x12::validation_observer {
  std::vector<x12::finding> findings;
  void on_finding(const x12::finding &f) override { findings.push_back(f); }
};

const x12::schema_set &schemas() {
  static const x12::schema_set set = [] {
    // One folder per process: ctest runs test cases in parallel processes.
    auto dir = std::filesystem::temp_directory_path() /
               ("x12-validate-test-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(X12_SOURCE_SCHEMAS_DIR "/elements.yaml", dir / "elements.yaml",
                               std::filesystem::copy_options::overwrite_existing);
    std::ofstream(dir / "TEST01-837.yaml") << schema_yaml;
    return x12::schema_set::load(dir.string());
  }();
  return set;
}

// A whole interchange around `body` (segments between ST and SE), with
// correct counts, so only the body's faults are found.
std::vector<x12::finding> validate(const std::vector<std::string> &body) {
  std::string text = isa() + "GS*HC*S*R*20260101*1200*1*X*TEST01~ST*837*0001*TEST01~";
  for (const std::string &s : body)
    text += s + "~";
  text += "SE*" + std::to_string(body.size() + 2) + "*0001~GE*1*1~IEA*1*000000001~";
  collect c;
  x12::validator v(schemas(), {}, c);
  x12::input_buffer in = x12::input_buffer::from_memory(text, "t.x12");
  v.run(in);
  return c.findings;
}

const std::vector<std::string> good = {"BHT*0019*00*X1*20260101", "NM1*85*2*ACME",
                                       "REF*EI*123456789",        "HL*1**22*0",
                                       "SV1*HC:99213*100",        "LX*1"};

std::vector<std::string> with(std::vector<std::string> body, std::size_t at, std::string seg) {
  body[at] = std::move(seg);
  return body;
}

} // namespace

TEST_CASE("a clean transaction has no findings") { CHECK(validate(good).empty()); }

TEST_CASE("siblings at one position may come in any order") {
  auto body = good;
  body.insert(body.begin() + 2, "REF*0B*LIC1"); // License before Tax ID
  CHECK(validate(body).empty());
}

TEST_CASE("required, not used and too long elements") {
  auto f = validate(with(good, 1, "NM1*85**ACME*X"));
  REQUIRE(x12::test::codes_of(f) == std::vector<std::string>{"element-missing", "element-count"});
  CHECK(f[0].where.element == 2);
  CHECK(f[0].element_code == "1");
  CHECK(f[0].where.loop == "A");
  CHECK(f[0].position_in_transaction == 3);
  CHECK(f[1].where.element == 4);
  CHECK(f[1].element_code == "3");
}

TEST_CASE("codes, dates and composites") {
  CHECK(x12::test::codes_of(validate(with(good, 0, "BHT*0019*00*X1*20260231"))) ==
        std::vector<std::string>{"invalid-date"});
  auto f = validate(with(good, 4, "SV1*ZZ:99213*100"));
  REQUIRE(f.size() == 1);
  CHECK(f[0].code == "code-invalid");
  CHECK(f[0].where.element == 1);
  CHECK(f[0].where.component == 1);
  CHECK(f[0].message == "'ZZ' is not a valid Product/Service ID Qualifier (allowed: HC)");
  CHECK(x12::test::codes_of(validate(with(good, 4, "SV1*HC*100"))) ==
        std::vector<std::string>{"component-missing"});
  auto extra = validate(with(good, 4, "SV1*HC:99213:X*100"));
  REQUIRE(x12::test::codes_of(extra) == std::vector<std::string>{"component-not-used"});
  CHECK(extra[0].element_code == "13"); // more components than the composite has
  CHECK(x12::test::codes_of(validate(with(good, 4, "SV1*HC:99213*100"))).empty());
  CHECK(x12::test::codes_of(validate(with(good, 4, "SV1*HC:99213*1O0"))) ==
        std::vector<std::string>{"invalid-decimal"});
}

TEST_CASE("repetitions are counted") {
  CHECK(validate(with(good, 4, "SV1*HC:99213*100*A^B")).empty());
  CHECK(x12::test::codes_of(validate(with(good, 4, "SV1*HC:99213*100*A^B^C"))) ==
        std::vector<std::string>{"element-repeat"});
}

TEST_CASE("syntax notes") {
  CHECK(x12::test::codes_of(validate(with(good, 0, "BHT*0019*00**20260101"))) ==
        std::vector<std::string>{"syntax-paired"});
}

TEST_CASE("loop recognition") {
  SUBCASE("a loop repeated past its limit") {
    auto body = good;
    body.insert(body.begin() + 3, {"NM1*87*2*B", "REF*EI*1", "NM1*87*2*C", "REF*EI*2"});
    auto f = validate(body);
    REQUIRE(x12::test::codes_of(f) == std::vector<std::string>{"loop-repeat"});
    CHECK(f[0].segment_code == "4");
  }
  SUBCASE("a missing required segment is named where the loop ends") {
    auto body = good;
    body.erase(body.begin() + 2);
    auto f = validate(body);
    REQUIRE(x12::test::codes_of(f) == std::vector<std::string>{"segment-missing"});
    CHECK(f[0].where.segment_id == "REF");
    CHECK(f[0].message == "required segment REF (Tax ID) is missing");
  }
  SUBCASE("a loop without its first segment is reported once") {
    auto body = good;
    body.erase(body.begin() + 1); // NM1 gone, REF left
    auto f = validate(body);
    REQUIRE(x12::test::codes_of(f) == std::vector<std::string>{"loop-entry-missing"});
    CHECK(f[0].message == "loop A (Party) has no NM1 segment to open it");
  }
  SUBCASE("out of order") {
    auto body = good;
    body.insert(body.begin() + 2, "PER*IC"); // before REF*EI
    auto f = validate(body);
    REQUIRE(x12::test::codes_of(f) == std::vector<std::string>{"segment-order"});
    CHECK(f[0].segment_code == "7");
  }
  SUBCASE("a segment the guide does not have") {
    CHECK(x12::test::codes_of(validate(with(good, 5, "ZZZ*1"))) ==
          std::vector<std::string>{"segment-not-in-guide"});
  }
}

TEST_CASE("HL numbering, parents and child codes") {
  auto body = good;
  body.insert(body.end(), {"HL*2*1*22*0", "SV1*HC:1*1"});
  CHECK(x12::test::codes_of(validate(body)) == std::vector<std::string>{"hl-child-code"});
  body[3] = "HL*1**22*1";
  CHECK(validate(body).empty());
  body[6] = "HL*3*1*22*0";
  CHECK(x12::test::codes_of(validate(body)) == std::vector<std::string>{"hl-sequence"});
  body[3] = "HL*1**22*0";
  body[6] = "HL*2*9*22*0";
  CHECK(x12::test::codes_of(validate(body)) == std::vector<std::string>{"hl-parent"});
}

TEST_CASE("findings inside the claim loop carry the claim ID") {
  auto f = validate(with(good, 4, "SV1*HC:99213"));
  REQUIRE(f.size() == 1);
  CHECK(f[0].claim == "1");
  CHECK(f[0].transaction == "0001");
  CHECK(f[0].guide == "TEST01");
}

TEST_CASE("a guide without a schema is one error") {
  std::string text = isa() + "GS*HC*S*R*20260101*1200*1*X*NOPE~ST*837*0001*NOPE~SE*2*0001~"
                             "GE*1*1~IEA*1*000000001~";
  collect c;
  x12::validator v(schemas(), {}, c);
  x12::input_buffer in = x12::input_buffer::from_memory(text, "t.x12");
  v.run(in);
  REQUIRE(x12::test::codes_of(c.findings) == std::vector<std::string>{"guide-not-supported"});
  // It is about the ST, not the segment read before it (the GS).
  CHECK(c.findings[0].where.segment_id == "ST");
}

TEST_CASE("a finding on the first ST of a later input names that ST, not the last input's segment") {
  // Each input in its own buffer, freed before the next is read: the ST's
  // findings once read the ID of the segment before, in memory already gone.
  collect c;
  x12::validator v(schemas(), {}, c);
  for (int i = 0; i < 2; ++i) {
    auto text = std::make_unique<std::string>(
        isa() + "GS*HC*S*R*20260101*1200*1*X*NOPE~ST*837*0001*NOPE~SE*2*0001~GE*1*1~"
                "IEA*1*000000001~");
    x12::input_buffer in = x12::input_buffer::from_memory(*text, "t.x12");
    v.run(in);
    text->assign(text->size(), 'Z'); // what a later run must not read
  }
  REQUIRE(c.findings.size() == 2);
  CHECK(c.findings[1].where.segment_id == "ST");
}

namespace {

// The loop tree as the observer sees it: "(A" opens loop A, ")" closes the
// innermost loop, and each segment is its ID, with "?" when no rule placed it.
struct tree_dump : x12::validation_observer {
  std::string text;
  void on_finding(const x12::finding &) override {}
  void on_interchange_start(const x12::interchange_header &) override { text += "{I "; }
  void on_interchange_end() override { text += "}I "; }
  void on_group_start(const x12::group_header &) override { text += "{G "; }
  void on_group_end() override { text += "}G "; }
  void on_transaction_start(const x12::transaction_header &) override { text += "{T "; }
  void on_transaction_end(const x12::transaction_header &, std::uint64_t) override {
    text += "}T ";
  }
  void on_loop_start(const x12::loop_rule &l) override { text += "(" + l.id + " "; }
  void on_loop_end(const x12::loop_rule &) override { text += ") "; }
  void on_segment(const x12::segment &s, const x12::segment_rule *rule) override {
    text += std::string(s.view.id()) + (rule ? " " : "? ");
  }
};

std::string tree_of(const std::string &text, x12::validation_options options = {}) {
  tree_dump d;
  x12::validator v(schemas(), std::move(options), d);
  x12::input_buffer in = x12::input_buffer::from_memory(text, "t.x12");
  v.run(in);
  return d.text;
}

} // namespace

TEST_CASE("structure events give the loop tree, envelopes and unplaced segments included") {
  std::string body = "NM1*85*2*CLINIC~REF*EI*123456789~NM1*87*2*PAYTO~REF*EI*987654321~"
                     "HL*1**22*0~SV1*HC:99213*10~LX*1~LX*2~ZZZ*1~";
  std::string text = isa() + "GS*HC*S*R*20260101*1200*1*X*TEST01~ST*837*0001*TEST01~" + body +
                     "SE*12*0001~GE*1*1~IEA*1*000000001~";
  CHECK(tree_of(text) == "{I ISA? {G GS? {T ( ST (A NM1 REF ) (A NM1 REF ) (B HL SV1 (LXL LX ) "
                         "(LXL LX ZZZ? ) ) SE ) }T GE? }G IEA? }I ");
  // Structure only: the same tree, none of the element checks.
  CHECK(tree_of(text, {.structure_only = true}) == tree_of(text));
}

TEST_CASE("an interchange cut off by the next ISA or the end of input is still closed") {
  std::string one = isa() + "GS*HC*S*R*20260101*1200*1*X*TEST01~ST*837*0001*TEST01~" +
                    "NM1*85*2*CLINIC~REF*EI*123456789~";
  CHECK(tree_of(one + one) == "{I ISA? {G GS? {T ( ST (A NM1 REF ) ) }T }G }I "
                              "{I ISA? {G GS? {T ( ST (A NM1 REF ) ) }T }G }I ");
}

TEST_CASE("structure_only skips element checks but still sees the structure") {
  x12::validation_options options;
  options.structure_only = true;
  collect c;
  x12::validator v(schemas(), options, c);
  std::string text = isa() + "GS*HC*S*R*20260101*1200*1*X*TEST01~ST*837*0001*TEST01~" +
                     "NM1*85*9*CLINIC~REF*EI*123456789~SE*4*0001~GE*1*1~IEA*1*000000001~";
  x12::input_buffer in = x12::input_buffer::from_memory(text, "t.x12");
  v.run(in);
  for (const x12::finding &f : c.findings)
    CHECK(f.where.element == 0);
  x12::validator full(schemas(), {}, c);
  x12::input_buffer again = x12::input_buffer::from_memory(text, "t.x12");
  c.findings.clear();
  full.run(again);
  CHECK(std::any_of(c.findings.begin(), c.findings.end(),
                    [](const x12::finding &f) { return f.snip == 2 && f.where.element == 2; }));
}
