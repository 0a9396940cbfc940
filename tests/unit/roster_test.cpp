#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "generated_x12.h"
#include "x12/roster.h"
#include "x12_test_support.h"

namespace {

using strings = std::vector<std::string>;
using x12::test::segments;
using x12::test::with_prefix;

constexpr std::time_t jan_1_2026 = 1767225600;

const std::string header = "member_id,last_name,first_name,birth_date,gender,payer_name,"
                           "payer_id,provider_name,provider_npi,service_types\r\n";

// Rows interleave two payers and two providers.
const std::string roster_csv =
    header + "W1,DOE,JANE,1980-02-14,F,ACME HEALTH,ACME01,MAPLE CLINIC,1234567893,30\r\n"
             "C1,SMITH,ROBERT,1976-11-30,M,CONTOSO PLAN,CHP01,MAPLE CLINIC,1234567893,30;88\r\n"
             "W2,\"O'NEIL\",\"PAT, JR\",1951-04-02,,ACME HEALTH,ACME01,\"RIVERSIDE PT, LLC\","
             "1456782303, PT ; AE \r\n"
             "W3,DOE,JOHN,1978-09-30,M,ACME HEALTH,ACME01,MAPLE CLINIC,1234567893,30\r\n";

std::string written(const std::string &csv, const x12::roster_options &options = {}) {
  x12::result<x12::roster> r = x12::read_roster(csv);
  std::string why = r ? std::string() : r.error().message();
  INFO(why);
  REQUIRE(r);
  x12::test::temp_dir dir;
  x12::output_file out(dir / "out.270");
  x12::envelope_settings settings{jan_1_2026, 7};
  x12::write_roster_270(*r, options, out, settings);
  out.commit();
  return x12::test::slurp(dir / "out.270");
}

std::string problems(const std::string &csv) {
  x12::result<x12::roster> r = x12::read_roster(csv);
  REQUIRE_FALSE(r);
  return r.error().message();
}

} // namespace

TEST_CASE("roster rows are grouped under payer and provider in the order they appear") {
  std::string x12 = written(roster_csv);
  strings segs = segments(x12);
  CHECK(strings(segs.begin() + 2, segs.end()) ==
        strings{"ST*270*0001*005010X279A1",
                "BHT*0022*13*000000007*20260101*0000",
                "HL*1**20*1",
                "NM1*PR*2*ACME HEALTH*****PI*ACME01",
                "HL*2*1*21*1",
                "NM1*1P*2*MAPLE CLINIC*****XX*1234567893",
                "HL*3*2*22*0",
                "TRN*1*000000007-1*9SUBMITTER",
                "NM1*IL*1*DOE*JANE****MI*W1",
                "DMG*D8*19800214*F",
                "EQ*30",
                "HL*4*2*22*0",
                "TRN*1*000000007-4*9SUBMITTER",
                "NM1*IL*1*DOE*JOHN****MI*W3",
                "DMG*D8*19780930*M",
                "EQ*30",
                "HL*5*1*21*1",
                "NM1*1P*2*RIVERSIDE PT, LLC*****XX*1456782303",
                "HL*6*5*22*0",
                "TRN*1*000000007-3*9SUBMITTER",
                "NM1*IL*1*O'NEIL*PAT, JR****MI*W2",
                "DMG*D8*19510402",
                "EQ*PT^AE",
                "HL*7**20*1",
                "NM1*PR*2*CONTOSO PLAN*****PI*CHP01",
                "HL*8*7*21*1",
                "NM1*1P*2*MAPLE CLINIC*****XX*1234567893",
                "HL*9*8*22*0",
                "TRN*1*000000007-2*9SUBMITTER",
                "NM1*IL*1*SMITH*ROBERT****MI*C1",
                "DMG*D8*19761130*M",
                "EQ*30^88",
                "SE*33*0001",
                "GE*1*7",
                "IEA*1*000000007"});
  CHECK(x12::test::validation_findings(x12) == strings{});
}

TEST_CASE("optional columns fill REF and DTP; columns may come in any order") {
  std::string csv = "service_types,group_number,date_of_service,provider_npi,provider_name,"
                    "payer_id,payer_name,birth_date,first_name,last_name,member_id\n"
                    "30,GRP9,2026-01-05,1234567893,MAPLE CLINIC,ACME01,ACME HEALTH,"
                    "1980-02-14,JANE,DOE,W1\n";
  std::string x12 = written(csv);
  strings segs = segments(x12);
  auto nm1 = std::find(segs.begin(), segs.end(), "NM1*IL*1*DOE*JANE****MI*W1");
  REQUIRE(nm1 != segs.end());
  CHECK(strings(nm1, nm1 + 5) == strings{"NM1*IL*1*DOE*JANE****MI*W1", "REF*6P*GRP9",
                                         "DMG*D8*19800214", "DTP*291*D8*20260105", "EQ*30"});
  CHECK(x12::test::validation_findings(x12) == strings{});
}

TEST_CASE("the envelope takes the sender, receiver and originator given") {
  x12::roster_options o;
  o.sender = "CLEARHOUSE";
  o.receiver = "ACME01";
  o.originator = "1371234567";
  strings segs = segments(written(roster_csv, o));
  CHECK(segs[0].substr(0, 70) ==
        "ISA*00*          *00*          *ZZ*CLEARHOUSE     *ZZ*ACME01         *");
  CHECK(segs[1] == "GS*HS*CLEARHOUSE*ACME01*20260101*0000*7*X*005010X279A1");
  std::set<std::string> traces;
  for (const std::string &trn : with_prefix(segs, "TRN*")) {
    CHECK(trn.substr(trn.size() - 11) == "*1371234567");
    traces.insert(trn);
  }
  CHECK(traces.size() == 4);
  // Without an originator: 9 and the sender ID, cut or padded to nine.
  o.originator.clear();
  CHECK(with_prefix(segments(written(roster_csv, o)), "TRN*")[0] == "TRN*1*000000007-1*9CLEARHOUS");
  o.sender = "AB";
  CHECK(with_prefix(segments(written(roster_csv, o)), "TRN*")[0] == "TRN*1*000000007-1*9AB0000000");
}

TEST_CASE("roster options are checked") {
  x12::roster_options o;
  CHECK(x12::roster_options_problem(o).empty());
  o.sender = "A";
  CHECK(x12::roster_options_problem(o) ==
        "the sender ID must be 2 to 15 printable characters, none of * : ^ ~");
  o.sender = "OK";
  o.receiver = "BAD*ID";
  CHECK(x12::roster_options_problem(o) ==
        "the receiver ID must be 2 to 15 printable characters, none of * : ^ ~");
  o.receiver = "OK";
  o.originator = "12345";
  CHECK(x12::roster_options_problem(o).rfind("the originator (TRN03) must be 10", 0) == 0);
  x12::result<x12::roster> r = x12::read_roster(roster_csv);
  REQUIRE(r);
  x12::test::temp_dir dir;
  x12::output_file out(dir / "out.270");
  x12::envelope_settings settings{jan_1_2026};
  CHECK_THROWS_AS(x12::write_roster_270(*r, o, out, settings), x12::error);
}

TEST_CASE("roster problems name the line and the column, never the value") {
  CHECK(problems(header + "W1,DOE,JANE,1980-13-14,F,ACME,ACME01,CLINIC,1234567893,30\n"
                          "W2,DOE,JOHN,1978-09-30,X,ACME,ACME01,CLINIC,1234567890,30;;88\n"
                          "W3,DOE\n"
                          ",SMITH,ROBERT,1978-09-30,M,ACME,ACME01,CLINIC,1234567893,30\n") ==
        "line 2, birth_date: expected a date YYYY-MM-DD\n"
        "line 3, gender: expected F, M or nothing\n"
        "line 3, provider_npi: the NPI has a wrong check digit\n"
        "line 3, service_types: expected service type codes separated by ';', e.g. 30;88\n"
        "line 4: 2 fields; the header has 10\n"
        "line 5, member_id: required");
  // A quoted field may span lines: the next row's line number says so.
  CHECK(problems(header + "W1,\"DOE\nSMITH\",JANE,1980-01-01,F,ACME,ACME01,CLINIC,1234567893,30\n"
                          "W2,DOE,JOHN,1978-09-30,M,ACME,ACME01,CLINIC,1234567893,3*0\n") ==
        "line 2, last_name: holds a character X12 cannot carry (printable ASCII only)\n"
        "line 4, service_types: holds one of * : ^ ~, which separate X12 data");
}

TEST_CASE("the header must name the columns once, and the roster must have rows") {
  CHECK(problems("") == "the roster is empty: expected a header row (member_id, last_name, "
                        "first_name, birth_date, gender, payer_name, payer_id, provider_name, "
                        "provider_npi, service_types, date_of_service, group_number)");
  CHECK(problems(header) == "the roster has a header but no members");
  std::string twice = "member_id,member_id,last_nam\n";
  CHECK(problems(twice).rfind("line 1, column 2: member_id is named twice\n"
                              "line 1, column 3: unknown column 'last_nam' (expected member_id, ",
                              0) == 0);
  CHECK(problems(twice).find("line 1: the header has no service_types column") !=
        std::string::npos);
  CHECK(problems(header + "\"W1,DOE") == "line 2: a quoted field is not closed");
}

TEST_CASE("a long roster reports its first problems and counts the rest") {
  std::string csv = header;
  for (int i = 0; i < 30; ++i)
    csv += "W1,DOE,JANE,1980-02-30,F,ACME,ACME01,CLINIC,1234567893,30\n";
  std::string found = problems(csv);
  CHECK(std::count(found.begin(), found.end(), '\n') == 25);
  CHECK(found.substr(found.rfind('\n') + 1) == "... and 5 more problems");
}
