// The rules language: the parser (every construct, every error with a
// caret), compile checks against a guide, evaluation semantics (scope,
// aggregates, unknown, dates, exact decimals) and the findings the
// validator makes of firing rules, on a small guide of our own.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "x12/ack.h"
#include "x12/rules.h"
#include "x12/validate.h"
#include "x12_test_support.h"

namespace {

namespace fs = std::filesystem;

std::string dump(const std::string &text) { return x12::rule_expression::parse(text).dump(); }

// The message of the error parsing `text` as rules[0].expr of f.yaml, line 7, column 11.
std::string parse_error(const std::string &text, unsigned *column = nullptr) {
  try {
    x12::rule_expression::parse(text, {"f.yaml", "rules[0].expr", 7, 11, true});
  } catch (const x12::error &e) {
    CHECK(e.position().file == "f.yaml");
    CHECK(e.position().line == 7);
    if (column)
      *column = e.position().column;
    return e.what();
  }
  FAIL("no error for: " << text);
  return {};
}

// A guide of our own: header, a 2000A level with its 2010AA name, claims
// (2300) under it with lines (2400).
const char *guide_yaml = R"(
guide: TEST01
transaction: "837"
functional_group: HC
claim: { loop: "2300", id: CLM01 }
structure:
  - segment: ST
    usage: R
    elements:
      - { pos: 1, type: ID, min: 3, max: 3, usage: R }
      - { pos: 2, type: AN, min: 4, max: 9, usage: R }
      - { pos: 3, type: AN, min: 1, max: 35, usage: S }
  - segment: BHT
    usage: R
    elements:
      - { pos: 1, type: AN, min: 1, max: 4, usage: R }
      - { pos: 2, type: AN, min: 1, max: 2, usage: R }
      - { pos: 3, type: AN, min: 1, max: 30, usage: R }
      - { pos: 4, type: DT, min: 8, max: 8, usage: R }
  - loop: "2000A"
    usage: R
    repeat: unbounded
    children:
      - segment: HL
        usage: R
        match: { HL03: ["20"] }
        elements:
          - { pos: 1, type: AN, min: 1, max: 12, usage: R }
          - { pos: 2, type: AN, min: 1, max: 12, usage: S }
          - { pos: 3, type: ID, min: 1, max: 2, usage: R }
          - { pos: 4, type: ID, min: 1, max: 1, usage: S }
      - loop: "2010AA"
        usage: R
        children:
          - segment: NM1
            usage: R
            match: { NM101: ["85"] }
            elements:
              - { pos: 1, type: ID, min: 2, max: 3, usage: R }
              - { pos: 2, type: ID, min: 1, max: 1, usage: R }
              - { pos: 3, type: AN, min: 1, max: 60, usage: R }
              - { pos: 8, type: ID, min: 1, max: 2, usage: S }
              - { pos: 9, type: AN, min: 2, max: 80, usage: S }
      - loop: "2300"
        usage: S
        repeat: unbounded
        children:
          - segment: CLM
            usage: R
            elements:
              - { pos: 1, type: AN, min: 1, max: 38, usage: R }
              - { pos: 2, type: R, min: 1, max: 18, usage: R }
              - { pos: 3, type: N2, min: 1, max: 10, usage: S }
              - pos: 5
                usage: R
                components:
                  - { pos: 1, type: AN, min: 1, max: 2, usage: R }
                  - { pos: 2, type: ID, min: 1, max: 2, usage: R }
                  - { pos: 3, type: ID, min: 1, max: 1, usage: R }
          - segment: DTP
            usage: S
            max: 3
            elements:
              - { pos: 1, type: ID, min: 3, max: 3, usage: R }
              - { pos: 2, type: ID, min: 2, max: 3, usage: R }
              - { pos: 3, type: AN, min: 1, max: 35, usage: R }
          - segment: REF
            usage: S
            max: 3
            elements:
              - { pos: 1, type: ID, min: 2, max: 3, usage: R }
              - { pos: 2, type: AN, min: 1, max: 50, usage: R }
          - loop: "2400"
            usage: S
            repeat: unbounded
            children:
              - segment: LX
                usage: R
                elements:
                  - { pos: 1, type: N, min: 1, max: 6, usage: R }
              - segment: SV1
                usage: R
                elements:
                  - pos: 1
                    usage: R
                    components:
                      - { pos: 1, type: ID, min: 2, max: 2, usage: R }
                      - { pos: 2, type: AN, min: 1, max: 48, usage: R }
                  - { pos: 2, type: R, min: 1, max: 18, usage: R }
                  - { pos: 3, type: ID, min: 2, max: 2, usage: S }
                  - { pos: 4, type: R, min: 1, max: 15, usage: S }
              - segment: DTP
                usage: S
                elements:
                  - { pos: 1, type: ID, min: 3, max: 3, usage: R }
                  - { pos: 2, type: ID, min: 2, max: 3, usage: R }
                  - { pos: 3, type: AN, min: 1, max: 35, usage: R }
  - segment: SE
    usage: R
    elements:
      - { pos: 1, type: N, min: 1, max: 10, usage: R }
      - { pos: 2, type: AN, min: 4, max: 9, usage: R }
)";

// A folder per process and case: ctest runs cases in parallel processes.
fs::path scratch(const std::string &name) {
  fs::path dir = fs::temp_directory_path() /
                 ("x12-rules-test-" + std::to_string(getpid())) / name;
  fs::create_directories(dir);
  std::ofstream(dir / "elements.yaml") << "{}\n";
  return dir;
}

// The guide with `rules` (YAML list items) appended, loaded.
x12::schema guide_with(const std::string &rules) {
  fs::path dir = scratch("guide");
  std::ofstream(dir / "TEST01-837.yaml") << guide_yaml << "rules:\n" << rules;
  return x12::load_schema((dir / "TEST01-837.yaml").string());
}

// The load error of the guide with `rules`.
std::string load_error(const std::string &rules, unsigned *line = nullptr,
                       unsigned *column = nullptr) {
  try {
    guide_with(rules);
  } catch (const x12::error &e) {
    if (line)
      *line = e.position().line;
    if (column)
      *column = e.position().column;
    return e.what();
  }
  FAIL("no error for: " << rules);
  return {};
}

// Lines of guide_yaml + "rules:\n": a rule's first line is this plus one.
unsigned rules_line() {
  std::string g = guide_yaml;
  return static_cast<unsigned>(std::count(g.begin(), g.end(), '\n')) + 1;
}

std::string rule(const std::string &expr, const std::string &in = "2300",
                 const std::string &extra = "") {
  return "  - id: r\n    snip: 4\n    in: \"" + in + "\"\n    expr: \"" + expr + "\"\n" +
         "    message: rule r\n" + extra;
}

struct collect : x12::validation_observer {
  std::vector<x12::finding> findings;
  void on_finding(const x12::finding &f) override {
    if (f.snip >= 3)
      findings.push_back(f);
  }
};

// The claims of one transaction: one 2000A level, then `body`.
const std::vector<std::string> claim_150 = {
    "CLM*C1*150.00***11:B:1", "DTP*434*RD8*20260101-20260105", "REF*F8*ABC",
    "LX*1",                    "SV1*HC:99213*100.00*UN*1",      "DTP*472*D8*20260102",
    "LX*2",                    "SV1*HC:99214*50.00*UN*1"};

std::string interchange(const std::vector<std::string> &body, const std::string &gs_date = "20260115") {
  std::string text = x12::test::isa() + "GS*HC*S*R*" + gs_date +
                     "*1200*1*X*TEST01~ST*837*0001*TEST01~BHT*0019*00*1*20260110~HL*1**20*0~"
                     "NM1*85*2*CLINIC*****XX*1234567893~";
  for (const std::string &s : body)
    text += s + "~";
  text += "SE*" + std::to_string(body.size() + 5) + "*0001~GE*1*1~IEA*1*000000001~";
  return text;
}

// The rule findings of validating `body` against the guide with `rules`.
std::vector<x12::finding> run(const std::string &rules, const std::vector<std::string> &body,
                              const std::string &gs_date = "20260115", bool show_phi = false) {
  fs::path dir = scratch("run");
  std::ofstream(dir / "TEST01-837.yaml") << guide_yaml << "rules:\n" << rules;
  x12::schema_set set = x12::schema_set::load(dir.string());
  collect c;
  x12::validation_options options;
  options.show_phi = show_phi;
  x12::validator v(set, options, c);
  std::string text = interchange(body, gs_date);
  x12::input_buffer in = x12::input_buffer::from_memory(text, "t.x12");
  v.run(in);
  return c.findings;
}

// Whether `expr` fires (in 2300) on the claim_150 transaction.
bool fires(const std::string &expr, const std::vector<std::string> &body = claim_150) {
  return !run(rule(expr), body).empty();
}

// Whether `expr` is true there, not merely not false: its negation fires.
bool holds(const std::string &expr) { return !fires(expr) && fires("not (" + expr + ")"); }

bool starts(const std::string &text, const std::string &prefix) {
  CAPTURE(text);
  return text.rfind(prefix, 0) == 0;
}

} // namespace

TEST_CASE("the parser reads every construct") {
  // Paths: loops, qualifiers (bare, quoted, listed, explicit element, any), components.
  CHECK(dump("2010AA/NM1[85]/NM109") == "2010AA/NM1[85]/NM109");
  CHECK(dump("2300/REF[F8]") == "2300/REF[F8]");
  CHECK(dump("NM1['85', \"87\"]/NM103") == "NM1[85,87]/NM103");
  CHECK(dump("HL[HL03=22]/HL01") == "HL[HL03=22]/HL01");
  CHECK(dump("HI[HI01-1=ABK]/HI01-2") == "HI[HI01-1=ABK]/HI01-2");
  CHECK(dump("NM1[*]/NM109") == "NM1[*]/NM109");
  CHECK(dump("CLM05-3") == "CLM05-3");
  CHECK(dump("ST/BHT04") == "ST/BHT04");
  // Literals.
  CHECK(dump("CLM01 == 'A B'") == "(== CLM01 'A B')");
  CHECK(dump("CLM02 == \"150.00\"") == "(== CLM02 '150.00')");
  CHECK(dump("150.00 == -5") == "(== 150.00 (- 5))");
  CHECK(dump("2026-01-31 < file_date()") == "(< #2026-01-31 (file_date))");
  // Precedence: or < and < not < comparison < + - < * < unary -.
  CHECK(dump("1 + 2 * 3 - -4 == 11") == "(== (- (+ 1 (* 2 3)) (- 4)) 11)");
  CHECK(dump("(1 + 2) * 3 == 9") == "(== (* (+ 1 2) 3) 9)");
  CHECK(dump("present(A1) or present(B1) and not present(C1)") ==
        "(or (present A1) (and (present B1) (not (present C1))))");
  CHECK(dump("not CLM02 > 5") == "(not (> CLM02 5))");
  CHECK(dump("CLM05-3 in ('7', '8')") == "(in CLM05-3 ('7' '8'))");
  CHECK(dump("CLM05-3 not in ('7', 8, -1, 2026-01-01)") ==
        "(not in CLM05-3 ('7' 8 (- 1) #2026-01-01))");
  for (const char *op : {"==", "!=", "<", "<=", ">", ">="})
    CHECK(dump(std::string("CLM02 ") + op + " 1") == std::string("(") + op + " CLM02 1)");
  // Functions, with paths, values and no arguments; spaces and new lines anywhere.
  CHECK(dump("sum(CAS03, CAS06)") == "(sum CAS03 CAS06)");
  CHECK(dump("count(2300/2400) >= 1") == "(>= (count 2300/2400) 1)");
  CHECK(dump("matches(NM109, '[0-9]{10}')") == "(matches NM109 '[0-9]{10}')");
  CHECK(dump("date_end(DTP03) - date(DTP03) <= 30") ==
        "(<= (- (date_end DTP03) (date DTP03)) 30)");
  CHECK(dump(" valid_npi( NM109 )\n and\tlength(CLM01) < 39 ") ==
        "(and (valid_npi NM109) (< (length CLM01) 39))");
  // A component goes right after its element; with spaces it is a subtraction.
  CHECK(dump("CLM02-3") == "CLM02-3");
  CHECK(dump("CLM02 - 3 == 0") == "(== (- CLM02 3) 0)");
}

TEST_CASE("a syntax error names file, line and column with a caret") {
  unsigned column = 0;
  CHECK(parse_error("CLM02 == sum(2400/SV102", &column) ==
        "rules[0].expr: expected ')'\n  CLM02 == sum(2400/SV102\n                         ^");
  CHECK(column == 11 + 23);
  CHECK(parse_error("CLM02 ==", &column) ==
        "rules[0].expr: expected a value\n  CLM02 ==\n          ^");
  CHECK(column == 11 + 8);
  CHECK(parse_error("CLM02 == 5)") ==
        "rules[0].expr: unexpected ')'\n  CLM02 == 5)\n            ^");
  CHECK(parse_error("NM1[85") == "rules[0].expr: expected ']'\n  NM1[85\n        ^");
  CHECK(parse_error("CLM01 == 'open") ==
        "rules[0].expr: expected '''\n  CLM01 == 'open\n                ^");
  CHECK(parse_error("") == "rules[0].expr: expected an expression\n  \n  ^");
  // On a later line of a multi-line text the caret is under that line; a
  // text that is not written as it reads names the scalar and the character.
  try {
    x12::rule_expression::parse("CLM02 ==\n  sum(SV102) +", {"f.yaml", "rules[1].expr", 4, 9, false});
    FAIL("no error");
  } catch (const x12::error &e) {
    CHECK(std::string(e.what()) == "rules[1].expr: expected a value (character 24 of the "
                                   "expression)\n    sum(SV102) +\n                ^");
    CHECK(e.position().line == 4);
    CHECK(e.position().column == 9);
  }
}

TEST_CASE("garbage never parses and never crashes") {
  const char *garbage[] = {
      "(",           ")",           "((CLM02)",      "CLM02 ==== 1",  "== 1",
      "CLM02 in 7",  "CLM02 in ()", "CLM02 not 7",   "not",           "and",
      "present(",    "sum(,)",      "sum(CLM02,)",   "f(x",           "CLM02 ! 1",
      "'",           "\"abc",       "CLM02 == 1 2",  "NM1[",          "NM1[]",
      "NM1[85,]",    "NM1[HL03=]",  "CLM02 + ",      "- ",            "CLM02 == 1 or",
      "1 < 2 < 3",   "CLM02 ; 1",   "\x01\x02\xff",  "present(2300/)", "[85]",
      "CLM02 in ('7'", "a"};
  for (const char *g : garbage) {
    CAPTURE(g);
    std::string message = parse_error(g);
    CHECK(message.rfind("rules[0].expr: ", 0) == 0);
    CHECK(message.find("\n  ") != std::string::npos);
    CHECK(message.back() == '^');
  }
}

TEST_CASE("compiling against the guide rejects what it does not have") {
  unsigned line = 0, column = 0;
  CHECK(load_error(rule("present(2300/REF[F8]) and present(2310A)"), &line, &column) ==
        "rules[0].expr: loop 2310A is not a loop of TEST01\n"
        "  present(2300/REF[F8]) and present(2310A)\n"
        "                                    ^");
  CHECK(line == rules_line() + 4);
  CHECK(column == 12 + 34);
  CHECK(starts(load_error(rule("present(XYZ)")),
               "rules[0].expr: segment XYZ does not occur in loop 2300 of TEST01"));
  CHECK(starts(load_error(rule("present(2400/CLM)")),
               "rules[0].expr: segment CLM does not occur in loop 2400"));
  // A qualifier that no segment there can have: HL is placed by HL03 20.
  CHECK(load_error(rule("present(2000A/HL[1])")) ==
        "rules[0].expr: no HL in loop 2000A of TEST01 has the qualifier 1\n"
        "  present(2000A/HL[1])\n"
        "                  ^");
  CHECK(starts(load_error(rule("CLM07 == 'Y'")), "rules[0].expr: CLM has no element 07 in TEST01"));
  CHECK(starts(load_error(rule("CLM02-1 == 'Y'")), "rules[0].expr: CLM02 has no components"));
  CHECK(starts(load_error(rule("CLM05-4 == 'Y'")), "rules[0].expr: CLM05-4 is not a component"));
  CHECK(starts(load_error(rule("NM1[85]/N302 == 'Y'", "2000A")),
               "rules[0].expr: N302 is not an element of segment NM1"));
  CHECK(starts(load_error(rule("2010ZZ/NM109 == 'Y'")), "rules[0].expr: loop 2010ZZ is not a loop"));
  CHECK(starts(load_error(rule("present(2400/2010AA)")),
               "rules[0].expr: loop 2010AA is not inside loop 2400"));
  CHECK(starts(load_error(rule("frob(CLM02)")), "rules[0].expr: unknown function 'frob'"));
  CHECK(starts(load_error(rule("present(CLM, REF)")),
               "rules[0].expr: present() takes 1 argument, not 2"));
  CHECK(starts(load_error(rule("sum() == 0")),
               "rules[0].expr: sum() takes at least 1 arguments, not 0"));
  CHECK(starts(load_error(rule("sum(CLM) == 0")), "rules[0].expr: sum() adds elements"));
  CHECK(starts(load_error(rule("present(CLM02 + 1)")), "rules[0].expr: present() takes a path"));
  CHECK(starts(load_error(rule("matches(CLM01, CLM01)")),
               "rules[0].expr: matches() takes the pattern"));
  CHECK(starts(load_error(rule("matches(CLM01, '[')")), "rules[0].expr: bad pattern"));
  CHECK(starts(load_error(rule("CLM02")), "rules[0].expr: expected a condition"));
  CHECK(starts(load_error(rule("CLM02 + present(REF) == 1")),
               "rules[0].expr: expected a value, not a condition"));
  CHECK(starts(load_error(rule("CLM == 1")), "rules[0].expr: a segment has no value"));
  CHECK(starts(load_error(rule("CLM02 == 2026-02-30")),
               "rules[0].expr: 2026-02-30 is not a real date"));
  CHECK(starts(load_error(rule("CLM02 == 0.30000000000000004")),
               "rules[0].expr: number 0.30000000000000004 has more than 18 digits or 6 decimals"));
  CHECK(starts(load_error(rule("CLM02 in (CLM01)")), "rules[0].expr: a list after in holds"));
  CHECK(starts(load_error(rule("present(CLM)", "2999")),
               "rules[0].in: loop 2999 is not a loop of TEST01"));
  CHECK(starts(load_error(rule("present(CLM)", "2300", "    at: NM1\n")),
               "rules[0].at: at: segment NM1 does not occur in loop 2300"));
  CHECK(starts(load_error(rule("present(CLM)") + rule("present(REF)")),
               "rules[1].id: rule id 'r' is used twice"));
  CHECK(load_error(rule("present(CLM)", "2300", "    then: x\n"), &line) ==
        "rules[0]: unknown key 'then' (id, snip, in, when, expr, message, severity, at)");
  CHECK(line == rules_line() + 6);
  CHECK(load_error("  - id: r\n    snip: 5\n    expr: present(CLM)\n") ==
        "rules[0].snip must be 3 or 4 in a guide schema, not '5'");
  CHECK(starts(load_error("  - id: r\n    snip: 3\n"), "rules[0]: missing 'expr'"));
  CHECK(starts(load_error(rule("present(CLM)", "2300", "    severity: fatal\n")),
               "rules[0].severity must be error or warning"));
  CHECK(starts(load_error(rule("present(CLM)", "2300", "    when: \"CLM02 >\"\n")),
               "rules[0].when: expected a value"));
}

TEST_CASE("the loader points at the column inside a quoted or plain expression") {
  unsigned line = 0, column = 0;
  // `    expr: "` is 11 characters: the expression starts in column 12.
  load_error(rule("CLM02 == sum(2400/SV102"), &line, &column);
  CHECK(line == rules_line() + 4);
  CHECK(column == 12 + 23);
  load_error("  - id: r\n    snip: 3\n    expr: CLM02 == SV102 +\n", &line, &column);
  CHECK(line == rules_line() + 3);
  CHECK(column == 11 + 16);
}

TEST_CASE("balancing: exact sums; the message has both amounts and the difference") {
  const std::string balance = "  - id: clm-charge-balance\n    snip: 3\n    in: \"2300\"\n"
                              "    expr: \"CLM02 == sum(2400/SV102)\"\n"
                              "    message: claim total is not the sum of its lines\n";
  CHECK(run(balance, claim_150).empty());
  auto body = claim_150;
  body[0] = "CLM*C1*150.10***11:B:1";
  auto f = run(balance, body);
  REQUIRE(f.size() == 1);
  CHECK(f[0].code == "clm-charge-balance");
  CHECK(f[0].snip == 3);
  CHECK(f[0].level == x12::severity::error);
  CHECK(f[0].message == "claim total is not the sum of its lines (CLM02 150.10, sum(2400/SV102) "
                        "150.00, difference 0.10)");
  CHECK(f[0].claim == "C1");
  CHECK(f[0].transaction == "0001");
  CHECK(f[0].guide == "TEST01");
  CHECK(f[0].where.file == "t.x12");
  // Located at the anchor's entry segment: ISA GS ST BHT HL NM1 CLM.
  CHECK(f[0].where.segment_id == "CLM");
  CHECK(f[0].where.loop == "2300");
  CHECK(f[0].where.segment == 7);
  CHECK(f[0].position_in_transaction == 5);
  // The 999: IK304 8, IK403 I12 on the first element the rule names in CLM.
  CHECK(f[0].segment_code == "8");
  CHECK(f[0].element_code == "I12");
  CHECK(f[0].where.element == 2);
  CHECK(f[0].bad_value == "150.10");
  // Decimal, never binary floating point.
  CHECK(holds("0.1 + 0.2 == 0.3"));
  CHECK(holds("0.10 + 0.20 == 0.3"));
  CHECK(holds("1.5 * 1.5 == 2.25"));
  CHECK(holds("100.00 - 0.01 == 99.99"));
  CHECK(holds("-CLM02 == -150"));
  CHECK(fires("0.1 + 0.2 > 0.3"));
  CHECK(holds("CLM02 * 2 == 300"));
}

TEST_CASE("scope: the anchor instance, loops inside it, and the loops around it") {
  // Two claims: each 2300 instance sees only its own lines.
  auto two = claim_150;
  two.insert(two.end(), {"CLM*C2*20***11:B:1", "LX*1", "SV1*HC:99213*20*UN*1"});
  CHECK(run(rule("CLM02 == sum(2400/SV102)"), two).empty());
  CHECK(holds("count(2400) == 2"));
  CHECK(holds("count(2300/2400) == 2"));
  CHECK(holds("count(SV1) == 2"));
  CHECK(holds("count(2400/SV102) == 2"));
  // A loop's own segment: 2300 has a DTP, so DTP is the claim's, not its lines'.
  CHECK(holds("count(DTP) == 1"));
  CHECK(holds("count(2300/DTP) == 1"));
  CHECK(holds("count(2400/DTP) == 1"));
  CHECK(holds("count(DTP, 2400/DTP) == 2"));
  CHECK(run(rule("count(2300/DTP) == 1 and count(2400/DTP) == 1", "ST"), claim_150).empty());
  CHECK(holds("count(2400/SV102, DTP[434], REF) == 4")); // several paths: their counts added
  // A single value is the first non-empty occurrence.
  CHECK(holds("DTP01 == '434'"));
  CHECK(holds("2400/DTP01 == '472'"));
  CHECK(holds("SV102 == 100"));
  // Qualifiers: element 01, a list, an explicit element, any.
  CHECK(holds("present(REF[F8]) and not present(REF[G1])"));
  CHECK(holds("REF['G1', 'F8']/REF02 == 'ABC'"));
  CHECK(holds("count(DTP[DTP02=RD8]) == 1"));
  CHECK(holds("count(DTP[*]) == 1"));
  // A short qualifier is matched against the segment's match key (HL03 for
  // this guide's HL, NM101 for its NM1), element 01 where it has none.
  CHECK(holds("present(2000A/HL[20]) and 2000A/HL[HL01=1]/HL03 == '20'"));
  CHECK(holds("2010AA/NM1['85']/NM103 == 'CLINIC'"));
  // Ancestors: the current instance of the loop around the anchor.
  CHECK(holds("2010AA/NM1[85]/NM109 == '1234567893'"));
  CHECK(holds("2000A/HL03 == '20'"));
  CHECK(holds("ST/BHT04 == '20260110'"));
  CHECK(holds("present(2000A) and present(2000A/HL)"));
  // A loop without the segment of its own reaches into the loops under it:
  // 2000A/REF is the claim's REF, SV1 from 2300 its lines'.
  CHECK(holds("present(2000A/REF[F8])"));
  CHECK(holds("count(SV1) == 2 and count(2000A/SV1) == 2"));
  // From a line: the claim it is in.
  CHECK(run(rule("2300/CLM01 == 'C1'", "2400"), claim_150).empty());
  CHECK(run(rule("2300/CLM01 == 'C2'", "2400"), two).size() == 2);
  // Anchored at the transaction: every claim.
  CHECK(run(rule("count(2300) == 2 and sum(CLM02) == 170", "ST"), two).empty());
  CHECK(run(rule("count(2400) == 3", ""), two).empty());
}

TEST_CASE("a value from a loop that opened again is not the old one") {
  // The second 2000A level has no 2010AA: its claims see no NM109.
  std::vector<std::string> body = claim_150;
  body.insert(body.end(), {"HL*2**20*0", "CLM*C2*20***11:B:1", "LX*1", "SV1*HC:99213*20*UN*1"});
  auto f = run(rule("present(2010AA/NM109)"), body);
  REQUIRE(f.size() == 1);
  CHECK(f[0].claim == "C2");
}

TEST_CASE("unknown: missing and non-numeric operands decide nothing") {
  // A missing element: comparisons and arithmetic with it are unknown; not unknown is unknown.
  CHECK(!fires("REF[G1]/REF02 == 'X'"));
  CHECK(!fires("REF[G1]/REF02 != 'X'"));
  CHECK(!fires("not (REF[G1]/REF02 == 'X')"));
  CHECK(!fires("number(REF[G1]/REF02) + 1 > 0"));
  CHECK(!fires("REF[G1]/REF02 in ('X')"));
  CHECK(!fires("REF[G1]/REF02 not in ('X')"));
  // Text read as a number when it is not one: unknown.
  CHECK(!fires("number(CLM01) == 5"));
  CHECK(!fires("number(CLM01) > 5"));
  // unknown and false is false; unknown or true is true.
  CHECK(fires("REF[G1]/REF02 == 'X' and CLM02 == 1"));
  CHECK(holds("REF[G1]/REF02 == 'X' or CLM02 == 150"));
  CHECK(!fires("REF[G1]/REF02 == 'X' or CLM02 == 1"));
  // present, count and sum are never unknown: sum of nothing is 0, text is skipped.
  CHECK(fires("present(REF[G1])"));
  CHECK(holds("count(REF[G1]) == 0"));
  CHECK(holds("sum(REF[G1]/REF02) == 0"));
  CHECK(holds("sum(REF02, SV102) == 150"));
  // Strings compare exactly; a number on one side compares as decimals.
  CHECK(holds("CLM05-3 == '1'"));
  CHECK(holds("CLM02 == 150"));
  // An element of type R or Nn is a number: it compares as a decimal with
  // text and with another element (50.00 < 150.00, though not as text).
  CHECK(holds("CLM02 == '150'"));
  CHECK(run(rule("SV102 < 2300/CLM02 and 2300/CLM02 > SV102", "2400"), claim_150).empty());
  CHECK(holds("CLM05-1 == '11'"));
  CHECK(fires("CLM05-1 == '11.0'")); // text: compared as written
  // Nn carries implied decimals: an N2 of 12345 is 123.45.
  auto n2 = claim_150;
  n2[0] = "CLM*C1*150.00*12345**11:B:1";
  CHECK(run(rule("CLM03 == 123.45 and CLM03 * 2 == 246.9"), n2).empty());
  CHECK(holds("number(CLM05-1) == 11 and number(CLM05-1) in (11, 12)"));
  CHECK(holds("number(CLM05-1) == 11.0 and number(CLM02) == 150 and number('7') == 7"));
  // A when that is not true means the rule does not apply.
  CHECK(run(rule("present(REF[G1])", "2300", "    when: \"CLM05-3 in ('7', '8')\"\n"), claim_150).empty());
  CHECK(run(rule("present(REF[G1])", "2300", "    when: \"REF[G1]/REF02 == 'X'\"\n"), claim_150).empty());
  CHECK(run(rule("present(REF[G1])", "2300", "    when: \"CLM05-3 == '1'\"\n"), claim_150).size() == 1);
}

TEST_CASE("types: a comparison that cannot hold as written is a load error with a caret") {
  // The issue's two rules that loaded and never fired.
  unsigned line = 0, column = 0;
  CHECK(load_error(rule("CLM01 < 5"), &line, &column) ==
        "rules[0].expr: rule r: CLM01 is text (AN in the dictionary), compared here with the "
        "number 5: read it as one with number(CLM01), compare it with text ('5'), or count its "
        "characters with length(CLM01)\n"
        "  CLM01 < 5\n"
        "  ^");
  CHECK(line == rules_line() + 4);
  CHECK(column == 12);
  CHECK(load_error(rule("date(DTP[434]/DTP03) > date('2030-01-01')"), &line, &column) ==
        "rules[0].expr: rule r: date('2030-01-01') is never a date: date() reads CCYYMMDD; write "
        "the date itself (2030-01-01)\n"
        "  date(DTP[434]/DTP03) > date('2030-01-01')\n"
        "                         ^");
  CHECK(column == 12 + 23);
  // Text in arithmetic, on either side, inside a list, in a when.
  CHECK(starts(load_error(rule("1 + REF02 > 0")), "rules[0].expr: rule r: REF02 is text (AN in the "
                                                  "dictionary), in arithmetic here with the number 1"));
  CHECK(starts(load_error(rule("CLM05-1 in ('11', 12)")),
               "rules[0].expr: rule r: CLM05-1 is text (AN in the dictionary), compared here with "
               "the number 12"));
  CHECK(starts(load_error(rule("present(REF)", "2300", "    when: \"length(CLM01) > CLM01\"\n")),
               "rules[0].when: rule r: CLM01 is text"));
  CHECK(starts(load_error(rule("CLM02 == REF02")), "rules[0].expr: rule r: REF02 is text"));
  CHECK(starts(load_error(rule("BHT04 > 20260101", "ST")),
               "rules[0].expr: rule r: BHT04 is a date (DT), compared here with the number 20260101: "
               "use date(BHT04) and a date (2030-01-01)"));
  // What is never a number, never a date, or never compares with one.
  CHECK(starts(load_error(rule("CLM02 > 'abc'")),
               "rules[0].expr: rule r: 'abc' is not a number, and CLM02 is one: it never compares"));
  CHECK(starts(load_error(rule("date(DTP03) == 20260101")),
               "rules[0].expr: rule r: date(DTP03) is a date and 20260101 a number: they never "
               "compare"));
  CHECK(starts(load_error(rule("date(DTP03) == '2026-01-01'")),
               "rules[0].expr: rule r: '2026-01-01' is not a CCYYMMDD date, and date(DTP03) is a date"));
  CHECK(starts(load_error(rule("date(CLM02) > 2026-01-01")),
               "rules[0].expr: rule r: date(CLM02) is never a date: CLM02 is a number (R)"));
  CHECK(starts(load_error(rule("date(5) > 2026-01-01")),
               "rules[0].expr: rule r: date(5) is never a date: 5 is a number"));
  CHECK(starts(load_error(rule("date('20260101-2026') > 2026-01-01")),
               "rules[0].expr: rule r: date('20260101-2026') is never a date"));
  CHECK(starts(load_error(rule("date(HL03) > 2026-01-01", "2000A")),
               "rules[0].expr: rule r: date(HL03) is never a date: HL03 is a code (ID)"));
  // What can hold loads: numbers with numbers and with numeric text, ID
  // codes (their list is outside the schema here) with numbers, text with
  // text, dates with CCYYMMDD text, days between dates.
  CHECK(holds("CLM02 == '150' and CLM02 - 50 == 100 and CLM05-3 == 1 and CLM05-1 == '11'"));
  CHECK(holds("date(DTP[434]/DTP03) == '20260101' and date(DTP[434]/DTP03) < 2026-01-10"));
  CHECK(run(rule("BHT04 == 2026-01-10 and BHT04 < '20260111'", "ST"), claim_150).empty());
  CHECK(run(rule("not (BHT04 == 2026-01-10 and BHT04 < '20260111')", "ST"), claim_150).size() == 1);
  CHECK(holds("date_end(DTP[434]/DTP03) - date(DTP[434]/DTP03) == 4 and length(CLM01) + 1 == 3"));
  CHECK(holds("date('20260101-20260105') + 4 == date_end('20260101-20260105')"));
}

TEST_CASE("types: an ID element whose codes are all words is never a number") {
  // The guide's own code list decides it: HL03 given the codes 20 and PT
  // compares with 20, and SV103 given UN and MJ with none.
  std::string guide = guide_yaml;
  auto replace = [&](const std::string &from, const std::string &to) {
    std::size_t at = guide.find(from);
    REQUIRE(at != std::string::npos);
    guide.replace(at, from.size(), to);
  };
  replace("- { pos: 3, type: ID, min: 1, max: 2, usage: R }",
          "- { pos: 3, type: ID, min: 1, max: 2, usage: R, codes: ['20', PT] }");
  replace("- { pos: 3, type: ID, min: 2, max: 2, usage: S }",
          "- { pos: 3, type: ID, min: 2, max: 2, usage: S, codes: [UN, MJ] }");
  fs::path dir = scratch("codes");
  auto load = [&](const std::string &expr, const std::string &anchor) {
    std::ofstream(dir / "TEST01-837.yaml") << guide << "rules:\n" << rule(expr, anchor);
    return x12::load_schema((dir / "TEST01-837.yaml").string());
  };
  CHECK_NOTHROW(load("HL03 == 20", "2000A"));
  CHECK_THROWS_WITH(load("SV103 == 1", "2400"),
                    doctest::Contains("rule r: SV103 is a code (ID) and none of its codes is a "
                                      "number, so this never holds"));
}

TEST_CASE("dates: literals, element values, ranges, arithmetic and the file date") {
  CHECK(holds("date(2400/DTP03) == 2026-01-02"));
  CHECK(holds("date(DTP[434]/DTP03) == 2026-01-01"));
  CHECK(holds("date_end(DTP[434]/DTP03) == 2026-01-05"));
  CHECK(holds("date_end(DTP[434]/DTP03) - date(DTP[434]/DTP03) == 4"));
  CHECK(holds("date(2400/DTP03) + 30 == 2026-02-01"));
  CHECK(holds("2026-03-01 - 1 == 2026-02-28 and 2024-02-29 + 366 == 2025-03-01"));
  CHECK(holds("2400/DTP03 < file_date()"));   // an element compares as a date with a date
  CHECK(holds("file_date() == 2026-01-15"));
  CHECK(!fires("DTP[434]/DTP03 < file_date()")); // a range is no plain date: unknown
  CHECK(fires("date(DTP[434]/DTP03) > file_date()"));
  CHECK(!fires("date(CLM01) == 2026-01-01"));    // not a date: unknown
  CHECK(!run(rule("date_end(DTP[434]/DTP03) <= file_date()"), claim_150, "20260103").empty());
}

TEST_CASE("functions: matches, length, valid_npi, valid_icd10") {
  CHECK(holds("matches(CLM01, 'C[0-9]+')"));
  CHECK(fires("matches(CLM01, 'C')"));       // a full match
  CHECK(holds("length(CLM01) == 2"));
  CHECK(holds("valid_npi(2010AA/NM109)"));
  CHECK(fires("valid_npi(CLM01)"));
  CHECK(holds("valid_icd10('E119') and not valid_icd10('E11.9')"));
  CHECK(!fires("matches(REF[G1]/REF02, 'x')")); // missing: unknown
}

TEST_CASE("where a finding points and what the 999 says") {
  // present(segment): IK304 I6, named as the missing segment, at the anchor.
  auto f = run(rule("present(REF[G1])"), claim_150);
  REQUIRE(f.size() == 1);
  CHECK(f[0].segment_code == "I6");
  CHECK(f[0].element_code.empty());
  CHECK(f[0].where.segment_id == "REF");
  CHECK(f[0].position_in_transaction == 5);
  // not present(segment): IK304 I9 at the segment that is there.
  f = run(rule("not present(REF[F8])"), claim_150);
  REQUIRE(f.size() == 1);
  CHECK(f[0].segment_code == "I9");
  CHECK(f[0].where.segment_id == "REF");
  CHECK(f[0].position_in_transaction == 7);
  // present(element): IK304 8 and IK403 I9 on the element, at its segment.
  auto no_units = claim_150;
  no_units[7] = "SV1*HC:99214*50.00";
  f = run(rule("present(SV104)", "2400"), no_units);
  REQUIRE(f.size() == 1);
  CHECK(f[0].segment_code == "8");
  CHECK(f[0].element_code == "I9");
  CHECK(f[0].where.segment_id == "SV1");
  CHECK(f[0].where.element == 4);
  CHECK(f[0].where.loop == "2400");
  CHECK(f[0].position_in_transaction == 12);
  // Anything else: at the `at` segment, IK403 I12 on the first element named in it.
  f = run(rule("REF02 == 'X' or CLM02 == 1", "2300", "    at: REF\n    severity: warning\n"),
          claim_150);
  REQUIRE(f.size() == 1);
  CHECK(f[0].level == x12::severity::warning);
  CHECK(f[0].where.segment_id == "REF");
  CHECK(f[0].position_in_transaction == 7);
  CHECK(f[0].element_code == "I12");
  CHECK(f[0].where.element == 2);
  CHECK(f[0].message == "rule r");
  // No element of the at segment named: IK304 8 alone.
  f = run(rule("count(2400) == 3"), claim_150);
  REQUIRE(f.size() == 1);
  CHECK(f[0].segment_code == "8");
  CHECK(f[0].element_code.empty());
  CHECK(f[0].message == "rule r (count(2400) 2, 3, difference -1)");
}

TEST_CASE("values that are not amounts are quoted only with show_phi") {
  const std::string r = rule("CLM01 == 'X'");
  CHECK(run(r, claim_150)[0].message == "rule r");
  CHECK(run(r, claim_150, "20260115", true)[0].message == "rule r (CLM01 'C1', 'X' 'X')");
}

TEST_CASE("a 999 rejects a transaction for a rule error, not for a warning") {
  auto ack = [](const std::string &rules) {
    fs::path dir = scratch("ack");
    std::ofstream(dir / "TEST01-837.yaml") << guide_yaml << "rules:\n" << rules;
    x12::schema_set set = x12::schema_set::load(dir.string());
    x12::envelope_settings settings;
    settings.now = x12::envelope_settings::resolve_now(std::string("2026-01-31T13:45"));
    x12::output_file out((dir / "ack.x12").string());
    x12::writer w(out, x12::delimiters{}, "\n");
    x12::ack_999_builder builder(w, settings);
    x12::validator v(set, {}, builder);
    std::string text = interchange(claim_150);
    x12::input_buffer in = x12::input_buffer::from_memory(text, "t.x12");
    v.run(in);
    out.commit();
    std::ifstream f(dir / "ack.x12");
    return std::string(std::istreambuf_iterator<char>(f), {});
  };
  std::string rejected = ack(rule("CLM02 == 1"));
  CHECK(rejected.find("IK3*CLM*5**8~\nCTX*CLM01:C1~\nIK4*2**I12*150.00~\nIK5*R*I5~") !=
        std::string::npos);
  std::string warned = ack(rule("CLM02 == 1", "2300", "    severity: warning\n"));
  CHECK(warned.find("IK5*A~") != std::string::npos);
  CHECK(warned.find("IK3") == std::string::npos);
}

TEST_CASE("partner packs: snip 7, for the guides they name, errors at load") {
  fs::path dir = scratch("pack");
  std::ofstream(dir / "TEST01-837.yaml") << guide_yaml;
  x12::schema_set set = x12::schema_set::load(dir.string());
  auto pack = [&](const std::string &text) {
    std::ofstream(dir / "pack.yaml") << text;
    return x12::load_rule_pack((dir / "pack.yaml").string());
  };
  auto error_of = [&](const std::string &text) {
    try {
      x12::partner_rules p;
      p.add(pack(text), set);
    } catch (const x12::error &e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  // A pack without a guide: each rule goes where its loops exist.
  x12::rule_pack p = pack("rules:\n  - id: limit\n    in: \"2300\"\n    expr: \"CLM02 < 100\"\n"
                          "    message: claims of 100 or more go on paper\n");
  CHECK(p.guides.empty());
  REQUIRE(p.rules.size() == 1);
  CHECK(p.rules[0].snip == 7);
  x12::partner_rules partner;
  partner.add(p, set);
  const x12::schema *guide = set.find("TEST01", "837");
  REQUIRE(partner.for_schema(guide).size() == 1);
  collect c;
  x12::validation_options options;
  options.partner = &partner;
  x12::validator v(set, options, c);
  std::string text = interchange(claim_150);
  x12::input_buffer in = x12::input_buffer::from_memory(text, "t.x12");
  v.run(in);
  REQUIRE(c.findings.size() == 1);
  CHECK(c.findings[0].snip == 7);
  CHECK(c.findings[0].code == "limit");
  CHECK(c.findings[0].message == "claims of 100 or more go on paper (CLM02 150.00, 100, difference 50.00)");
  // Named guides must exist; a rule that fits no guide is an error; snip is 7 or absent.
  CHECK(error_of("guide: [TEST01, 005010X999]\nrules:\n  - {id: a, expr: \"CLM02 < 1\"}\n")
            .rfind("guide 005010X999 has no schema", 0) == 0);
  CHECK(error_of("rules:\n  - {id: a, in: \"2310A\", expr: \"present(NM1)\"}\n")
            .rfind("rules[0].in: loop 2310A is not a loop of TEST01", 0) == 0);
  CHECK(error_of("rules:\n  - {id: a, snip: 4, expr: \"CLM02 < 1\"}\n") ==
        "rules[0].snip: partner rules are SNIP 7; leave snip out");
  CHECK(error_of("guide: TEST01\nrule:\n  - {id: a, expr: \"CLM02 < 1\"}\n") ==
        "unknown key 'rule' (guide, payers, rules)");
  CHECK(error_of("guide: TEST01\npayers: {a: 1}\nrules:\n  - {id: a, expr: \"CLM02 < 1\"}\n") ==
        "payers must be a name or a list of them");
  CHECK(error_of("guide: TEST01\nrules:\n  - {id: a, expr: \"CLM02 <\"}\n")
            .rfind("rules[0].expr: expected a value\n", 0) == 0);
}
