// The readable view against a small guide of our own, so each part of the
// layout (envelope names, loop headers, composites, repetitions, not-used
// elements, unplaced segments, code descriptions, escaping) is seen exactly.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <unistd.h>

#include "x12/codes.h"
#include "x12/view.h"
#include "x12_test_support.h"

namespace {

using x12::test::isa;

const char *schema_yaml = R"(
guide: VIEW01
transaction: "837"
functional_group: HC
claim: { loop: "B", id: HL01 }
structure:
  - segment: ST
    name: Transaction Set Header
    usage: R
    elements:
      - { pos: 1, ele: "143", usage: R }
      - { pos: 2, ele: "329", usage: R }
      - { pos: 3, ele: "1705", usage: S }
  - loop: A
    name: Party
    usage: R
    children:
      - segment: NM1
        name: Party Name
        usage: R
        elements:
          - { pos: 1, ele: "98", usage: R }
          - { pos: 3, ele: "1035", name: Party Last Name, usage: R }
  - loop: B
    name: Level
    usage: S
    repeat: unbounded
    children:
      - segment: HL
        name: Hierarchical Level
        usage: R
        elements:
          - { pos: 1, ele: "628", usage: R }
          - { pos: 3, ele: "735", usage: R }
      - segment: SV1
        name: Service
        usage: R
        elements:
          - pos: 1
            ele: C003
            usage: R
            components:
              - { pos: 1, ele: "235", usage: R }
              - { pos: 2, ele: "234", usage: R }
          - { pos: 2, ele: "782", usage: R }
          - { pos: 3, ele: "1331", name: Place, usage: S, repeat: 2, code_list: place }
  - segment: SE
    name: Transaction Set Trailer
    usage: R
    elements:
      - { pos: 1, ele: "96", usage: R }
      - { pos: 2, ele: "329", usage: R }
)";

struct fixture {
  x12::test::temp_dir dir;
  x12::schema_set schemas;
  x12::code_set codes;
  fixture() {
    std::filesystem::create_directories(dir.path / "schemas");
    std::filesystem::copy_file(X12_SOURCE_SCHEMAS_DIR "/elements.yaml",
                               dir.path / "schemas" / "elements.yaml");
    std::ofstream(dir.path / "schemas" / "VIEW01-837.yaml") << schema_yaml;
    schemas = x12::schema_set::load((dir.path / "schemas").string());
    std::filesystem::create_directories(dir.path / "codes");
    std::ofstream(dir.path / "codes" / "place.csv") << "code,description\n11,Office\n";
    codes.add_directory((dir.path / "codes").string());
  }

  std::string view(const std::string &text, x12::view_options options = {},
                   x12::view_counts *counts = nullptr) {
    options.codes = &codes;
    std::string path = dir / "out.txt";
    {
      x12::output_file out(path);
      x12::viewer v(schemas, out, options);
      x12::input_buffer in = x12::input_buffer::from_memory(text, "t.x12");
      v.add(in);
      v.finish();
      out.commit();
      if (counts)
        *counts = v.counts();
    }
    return x12::test::slurp(path);
  }
};

std::string interchange(const std::string &body, std::size_t segments) {
  return isa() + "GS*HC*S*R*20260101*1200*1*X*VIEW01~ST*837*0001*VIEW01~" + body + "SE*" +
         std::to_string(segments) + "*0001~GE*1*1~IEA*1*000000001~";
}

const std::string body = "NM1*85**ACME*X~HL*1**22~SV1*HC:99213*100*11^22~";

} // namespace

TEST_CASE("the text view: envelopes named, loops as headers, elements under their segment") {
  fixture f;
  x12::view_counts counts;
  std::string out = f.view(interchange(body, 5), {}, &counts);
  CHECK(out ==
        "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260101*1200*^*00501*"
        "000000001*0*P*:~  Interchange Control Header\n"
        "    ISA01  Authorization Information Qualifier  00\n"
        "    ISA02  Authorization Information                      \n"
        "    ISA03  Security Information Qualifier       00\n"
        "    ISA04  Security Information                           \n"
        "    ISA05  Interchange ID Qualifier             ZZ\n"
        "    ISA06  Interchange Sender ID                SENDER         \n"
        "    ISA07  Interchange ID Qualifier             ZZ\n"
        "    ISA08  Interchange Receiver ID              RECEIVER       \n"
        "    ISA09  Interchange Date                     260101\n"
        "    ISA10  Interchange Time                     1200\n"
        "    ISA11  Repetition Separator                 ^\n"
        "    ISA12  Interchange Control Version Number   00501\n"
        "    ISA13  Interchange Control Number           000000001\n"
        "    ISA14  Acknowledgment Requested             0\n"
        "    ISA15  Interchange Usage Indicator          P\n"
        "    ISA16  Component Element Separator          :\n"
        "  GS*HC*S*R*20260101*1200*1*X*VIEW01~                   Functional Group Header\n"
        "      GS01  Functional Identifier Code                    HC\n"
        "      GS02  Application Sender's Code                     S\n"
        "      GS03  Application Receiver's Code                   R\n"
        "      GS04  Date                                          20260101\n"
        "      GS05  Time                                          1200\n"
        "      GS06  Group Control Number                          1\n"
        "      GS07  Responsible Agency Code                       X\n"
        "      GS08  Version / Release / Industry Identifier Code  VIEW01\n"
        "    ST*837*0001*VIEW01~                                 Transaction Set Header\n"
        "        ST01  Transaction Set Identifier Code      837\n"
        "        ST02  Transaction Set Control Number       0001\n"
        "        ST03  Implementation Convention Reference  VIEW01\n"
        "\n"
        "    A  Party\n"
        "      NM1*85**ACME*X~                                   Party Name\n"
        "          NM101  Entity Identifier Code   85\n"
        "          NM103  Party Last Name          ACME\n"
        "          NM104  (not used by the guide)  X\n"
        "\n"
        "    B  Level\n"
        "      HL*1**22~                                         Hierarchical Level\n"
        "          HL01  Hierarchical ID Number   1\n"
        "          HL03  Hierarchical Level Code  22\n"
        "      SV1*HC:99213*100*11^22~                           Service\n"
        "          SV101-1   Product/Service ID Qualifier  HC\n"
        "          SV101-2   Product/Service ID            99213\n"
        "          SV102     Monetary Amount               100\n"
        "          SV103[1]  Place                         11  (Office)\n"
        "          SV103[2]  Place                         22\n"
        "\n"
        "    SE*5*0001~                                          Transaction Set Trailer\n"
        "        SE01  Number of Included Segments     5\n"
        "        SE02  Transaction Set Control Number  0001\n"
        "\n"
        "  GE*1*1~                                               Functional Group Trailer\n"
        "      GE01  Number of Transaction Sets Included  1\n"
        "      GE02  Group Control Number                 1\n"
        "\n"
        "IEA*1*000000001~                                        Interchange Control Trailer\n"
        "    IEA01  Number of Included Functional Groups  1\n"
        "    IEA02  Interchange Control Number            000000001\n");
  CHECK(counts.segments == 9);
  CHECK(counts.unplaced == 0);
  CHECK(counts.errors == 0);
}

// The lines of `out` from the first that starts with `from` to the one
// before the first that starts with `to`.
std::string lines_between(const std::string &out, const std::string &from, const std::string &to) {
  std::size_t begin = out.find("\n" + from);
  std::size_t end = out.find("\n" + to, begin + 1);
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  return out.substr(begin + 1, end - begin);
}

TEST_CASE("a segment the guide does not place is flagged, its finding under it") {
  fixture f;
  x12::view_counts counts;
  std::string out = f.view(interchange("NM1*85**ACME~HL*1**22~ZZZ*A:B~SV1*HC:1*5~", 6), {}, &counts);
  CHECK(lines_between(out, "      ZZZ", "      SV1") ==
        "      ZZZ*A:B~                                          ! not placed by the guide\n"
        "          ZZZ01  A:B\n"
        "          ! error: ZZZ is not a segment of VIEW01 [segment-not-in-guide]\n");
  CHECK(counts.unplaced == 1);
  CHECK(counts.errors == 1);
}

TEST_CASE("a finding waits for the segment it concerns, or comes at once when that one is shown") {
  fixture f;
  // The wrong count is found as SE is read, before it is shown: it waits.
  // The missing loop A is found as the transaction closes, after SE: at once.
  std::string out = f.view(interchange("HL*1**22~SV1*HC:1*5~", 9));
  CHECK(lines_between(out, "    SE*", "  GE*") ==
        "    SE*9*0001~                                          Transaction Set Trailer\n"
        "        SE01  Number of Included Segments     9\n"
        "        SE02  Transaction Set Control Number  0001\n"
        "        ! error: SE01 is '9'; the transaction set has 4 segments [se-count]\n"
        "        ! error: required loop A (Party) is missing [loop-missing]\n"
        "\n");
}

TEST_CASE("a transaction without a schema: ST and SE named, the rest shown unnamed and unflagged") {
  fixture f;
  std::string text = isa() + "GS*HP*S*R*20260101*1200*1*X*OTHER~ST*835*0001~BPR*C*10~SE*3*0001~"
                             "GE*1*1~IEA*1*000000001~";
  x12::view_counts counts;
  std::string out = f.view(text, {}, &counts);
  CHECK(lines_between(out, "    ST*", "  GE*") ==
        "    ST*835*0001~                                        Transaction Set Header\n"
        "        ST01  Transaction Set Identifier Code  835\n"
        "        ST02  Transaction Set Control Number   0001\n"
        "        ! error: no schema for transaction set 835 with guide 'OTHER'; its content was "
        "not checked (use --guide to choose one) [guide-not-supported]\n"
        "    BPR*C*10~\n"
        "        BPR01  C\n"
        "        BPR02  10\n"
        "    SE*3*0001~                                          Transaction Set Trailer\n"
        "        SE01  Number of Included Segments     3\n"
        "        SE02  Transaction Set Control Number  0001\n"
        "\n");
  CHECK(counts.unplaced == 0);
}

TEST_CASE("bytes outside printable ASCII are shown escaped, never sent to the terminal") {
  fixture f;
  std::string out = f.view(interchange("NM1*85**AC\x1b[2JME\xc3\xa9~", 3));
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find("NM103  Party Last Name         AC\\x1b[2JME\\xc3\\xa9\n") != std::string::npos);
}

TEST_CASE("colours: loop IDs, segment IDs and values painted, the layout unchanged") {
  fixture f;
  std::string plain = f.view(interchange(body, 5));
  std::string colored = f.view(interchange(body, 5), {.color = true});
  CHECK(colored.find("\x1b[1;35mB\x1b[0m  \x1b[35mLevel\x1b[0m\n") != std::string::npos);
  CHECK(colored.find("\x1b[1;33mHL\x1b[0m*1**22~") != std::string::npos);
  CHECK(colored.find("\x1b[1;32m99213\x1b[0m") != std::string::npos);
  CHECK(std::regex_replace(colored, std::regex("\x1b\\[[0-9;]*m"), "") == plain);
}

TEST_CASE("several inputs get a heading each") {
  fixture f;
  std::string path = f.dir / "out.txt";
  std::string text = interchange(body, 5);
  {
    x12::output_file out(path);
    x12::viewer v(f.schemas, out, {.several_inputs = true});
    x12::input_buffer one = x12::input_buffer::from_memory(text, "one.x12");
    x12::input_buffer two = x12::input_buffer::from_memory(text, "two.x12");
    v.add(one);
    v.add(two);
    v.finish();
    out.commit();
    CHECK(v.counts().segments == 18);
  }
  std::string out = x12::test::slurp(path);
  CHECK(out.rfind("==> one.x12 <==\nISA*", 0) == 0);
  CHECK(out.find("\n\n==> two.x12 <==\nISA*") != std::string::npos);
}

TEST_CASE("the HTML page: self-contained, loops fold, values escaped") {
  fixture f;
  std::string out = f.view(interchange("NM1*85**A&B <C> \"D\"~HL*1**22~SV1*HC:1*5~", 5),
                           {.format = x12::view_format::html});
  CHECK(out.rfind("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n", 0) == 0);
  CHECK(out.ends_with("</section>\n</body>\n</html>\n"));
  CHECK(out.find("<title>t.x12</title>") != std::string::npos);
  CHECK(out.find("<td class=\"value\">A&amp;B &lt;C&gt; &quot;D&quot;</td>") != std::string::npos);
  CHECK(out.find("<details open=\"\" class=\"loop\"><summary><span class=\"id\">B</span> "
                 "Level</summary>") != std::string::npos);
  auto count = [&](const std::string &what) {
    std::size_t n = 0;
    for (std::size_t at = out.find(what); at != std::string::npos; at = out.find(what, at + 1))
      ++n;
    return n;
  };
  // Interchange, group, transaction and the two loops.
  CHECK(count("<details ") == 5);
  CHECK(count("</details>") == 5);
  CHECK(count("<script") == 0);
  CHECK(count("://") == 0);
  CHECK(count("<td>Place</td><td class=\"value\">") == 0);
}

TEST_CASE("an HTML page with no input that could be read is still a whole page") {
  fixture f;
  std::string path = f.dir / "out.html";
  x12::output_file out(path);
  x12::viewer v(f.schemas, out, {.format = x12::view_format::html});
  v.finish();
  out.commit();
  std::string page = x12::test::slurp(path);
  CHECK(page.find("<title>X12 view</title>") != std::string::npos);
  CHECK(page.ends_with("<body>\n</body>\n</html>\n"));
}
