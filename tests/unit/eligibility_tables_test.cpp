#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "x12/eligibility_tables.h"
#include "x12/eligibility_tables_csv.h"
#include "x12_test_support.h"

using namespace x12;

namespace {

// One 271 around `body`, with '>' as the component separator and '!' as
// the repetition separator, so ':' and ';' in the output are the reader's.
std::string response(const std::string &body, const std::string &set = "271",
                     char repetition = '!') {
  return test::isa('*', '>', repetition) + "GS*HB*S*R*20260101*1200*1*X*005010X279A1~ST*" +
         set + "*0001*005010X279A1~BHT*0022*11*R1*20260101*1200~" + body +
         "SE*2*0001~GE*1*1~IEA*1*000000001~";
}

struct collected {
  std::vector<benefit_row> rows;
  eligibility_summary summary;
};

collected read(const std::string &bytes) {
  collected c;
  eligibility_callbacks cb;
  cb.benefit = [&](const benefit_row &b) { c.rows.push_back(b); };
  input_buffer in = input_buffer::from_memory(bytes, "e.x12");
  c.summary = read_eligibility(in, cb);
  return c;
}

const std::string source_and_receiver = "HL*1**20*1~NM1*PR*2*PLAN*****PI*P1~"
                                        "HL*2*1*21*1~NM1*1P*2*CLINIC*****XX*1234567893~";

// Who a row is about and its rejections, for short checks.
std::string who(const benefit_row &b) {
  return b.member_level + " " + b.member_last_name + " " + b.member_id + " [" +
         b.eligibility_or_benefit + "] " + b.rejection_reasons;
}

} // namespace

TEST_CASE("a 271 reads as one row per EB with its payer, provider and member") {
  std::string body =
      source_and_receiver +
      "HL*3*2*22*0~TRN*2*T1*9877281234~NM1*IL*1*DOE*JANE****MI*M100~DMG*D8*19800101*F~"
      "DTP*346*D8*20250101~"
      "EB*1*IND*30!1!35*HM*GOLD HMO~DTP*291*RD8*20260101-20261231~MSG*FIRST~MSG*SECOND~"
      "EB*B*IND*98***27*25*0.1*VS*2*N*Y*HC>99213>>25~AAA*Y**AA*N~DTP*348*D8*20260101~"
      "EB*L~LS*2120~NM1*P3*1*GREEN*OLIVER****XX*5551234565~MSG*NOT THE MEMBER'S~LE*2120~"
      "MSG*AFTER THE ENTITY~";
  collected c = read(response(body));
  CHECK(c.summary.transactions == 1);
  CHECK(c.summary.rows == 3);
  REQUIRE(c.rows.size() == 3);

  const benefit_row &a = c.rows[0];
  CHECK(a.file == "e.x12");
  CHECK(a.transaction_control_number == "0001");
  CHECK(a.payer_name == "PLAN");
  CHECK(a.payer_id == "P1");
  CHECK(a.provider_name == "CLINIC");
  CHECK(a.provider_npi == "1234567893");
  CHECK(a.member_level == "subscriber");
  CHECK(a.member_last_name == "DOE");
  CHECK(a.member_first_name == "JANE");
  CHECK(a.member_id == "M100");
  CHECK(a.eligibility_or_benefit == "1");
  CHECK(a.coverage_level == "IND");
  CHECK(a.service_types == "30;1;35");
  CHECK(a.insurance_type == "HM");
  CHECK(a.plan_description == "GOLD HMO");
  CHECK(a.messages == "FIRST | SECOND");
  CHECK(a.plan_dates == "291=2026-01-01/2026-12-31");
  CHECK(a.rejection_reasons == "");
  CHECK(a.trace_number == "T1"); // the member's TRN*2, on every row of the member
  CHECK(a.member_dates == "346=2025-01-01");
  std::string bytes = response(body);
  CHECK(bytes.substr(a.eb_offset, 8) == "EB*1*IND");

  const benefit_row &b = c.rows[1];
  CHECK(b.time_period == "27");
  CHECK(b.amount == "25");
  CHECK(b.percent == "0.1");
  CHECK(b.quantity_qualifier == "VS");
  CHECK(b.quantity == "2");
  CHECK(b.authorization_required == "N");
  CHECK(b.in_network == "Y");
  CHECK(b.procedure == "HC:99213::25"); // positions kept: the third component is empty
  CHECK(b.rejection_reasons == "AA/N");
  CHECK(b.plan_dates == "348=2026-01-01");
  CHECK(b.messages == "");

  // The related entity (LS..LE) is not the member, and its MSG is not the
  // benefit's; the loop's own MSG after LE is.
  const benefit_row &l = c.rows[2];
  CHECK(l.eligibility_or_benefit == "L");
  CHECK(l.member_last_name == "DOE");
  CHECK(l.messages == "AFTER THE ENTITY");
  CHECK(l.service_types == "");
  CHECK(l.trace_number == "T1");
}

TEST_CASE("a dependent has the subscriber's ID when its own NM1 carries none") {
  std::string body = source_and_receiver +
                     "HL*3*2*22*1~NM1*IL*1*DOE*JOHN****MI*M200~"
                     "HL*4*3*23*0~NM1*03*1*DOE*EMMA~EB*1*DEP*30~"
                     "HL*5*2*22*1~NM1*IL*1*ROE*RAY****MI*M300~"
                     "HL*6*5*23*0~NM1*03*1*ROE*KIM****MI*D301~EB*6*DEP*30~";
  collected c = read(response(body));
  REQUIRE(c.rows.size() == 2);
  CHECK(who(c.rows[0]) == "dependent DOE M200 [1] ");
  CHECK(c.rows[0].member_first_name == "EMMA");
  CHECK(who(c.rows[1]) == "dependent ROE D301 [6] ");
}

TEST_CASE("rejections are never lost: a level no row carried gets a row of its own") {
  SUBCASE("a member not found") {
    collected c = read(response(source_and_receiver +
                                "HL*3*2*22*0~NM1*IL*1*DOE*JANE****MI*M100~AAA*Y**72*C~"
                                "AAA*Y**73*C~DMG*D8*19800101*F~"));
    REQUIRE(c.rows.size() == 1);
    CHECK(who(c.rows[0]) == "subscriber DOE M100 [] 72/C;73/C");
    CHECK(c.rows[0].eb_offset == 0);
    CHECK(c.rows[0].provider_npi == "1234567893");
    CHECK(c.summary.rows == 1);
  }
  SUBCASE("a payer that cannot answer, without a receiver loop") {
    collected c = read(response("HL*1**20*0~NM1*PR*2*PLAN*****PI*P1~AAA*Y**42*R~"));
    REQUIRE(c.rows.size() == 1);
    CHECK(who(c.rows[0]) == "   [] 42/R");
    CHECK(c.rows[0].payer_name == "PLAN");
    CHECK(c.rows[0].provider_name == "");
  }
  SUBCASE("a receiver rejected, with the payer's own rejection carried on its row") {
    collected c = read(response("HL*1**20*1~AAA*Y**04*N~NM1*PR*2*PLAN*****PI*P1~"
                                "HL*2*1*21*0~NM1*1P*2*CLINIC*****XX*1234567893~AAA*N**43*N~"));
    REQUIRE(c.rows.size() == 1);
    CHECK(who(c.rows[0]) == "   [] 04/N;43/N");
    CHECK(c.rows[0].provider_name == "CLINIC");
  }
  SUBCASE("the rejections of the levels above ride on the benefit rows, once each level") {
    collected c = read(response("HL*1**20*1~NM1*PR*2*PLAN*****PI*P1~AAA*Y**42*Y~"
                                "HL*2*1*21*1~NM1*1P*2*CLINIC*****XX*1234567893~"
                                "HL*3*2*22*0~NM1*IL*1*DOE*JANE****MI*M100~EB*1*IND*30~"
                                "EB*6*IND*88~AAA*N**AE*C~"));
    REQUIRE(c.rows.size() == 2);
    CHECK(who(c.rows[0]) == "subscriber DOE M100 [1] 42/Y");
    CHECK(who(c.rows[1]) == "subscriber DOE M100 [6] 42/Y;AE/C");
  }
  SUBCASE("a subscriber's rejection is its own row, not the dependent's") {
    collected c = read(response(source_and_receiver +
                                "HL*3*2*22*1~NM1*IL*1*DOE*JOHN****MI*M200~AAA*Y**75*C~"
                                "HL*4*3*23*0~NM1*03*1*DOE*EMMA~EB*1*DEP*30~"));
    REQUIRE(c.rows.size() == 2);
    CHECK(who(c.rows[0]) == "subscriber DOE M200 [] 75/C");
    CHECK(who(c.rows[1]) == "dependent DOE M200 [1] ");
  }
}

TEST_CASE("EB03 is one service type when the interchange has no repetition separator") {
  collected c = read(response(source_and_receiver +
                                  "HL*3*2*22*0~NM1*IL*1*DOE*JANE****MI*M1~EB*1*IND*30~",
                              "271", '\0'));
  REQUIRE(c.rows.size() == 1);
  CHECK(c.rows[0].service_types == "30");
}

TEST_CASE("transaction sets other than the 271 are skipped and counted") {
  collected c = read(response(source_and_receiver, "270"));
  CHECK(c.rows.empty());
  CHECK(c.summary.transactions == 0);
  CHECK(c.summary.skipped.count == 1);
  CHECK(c.summary.skipped.first.id == "270");
}

TEST_CASE("the 271 test files give their benefits and rejections") {
  input_buffer in = input_buffer::open(test::data_path("271/multi-member.x12"));
  std::vector<std::string> rows;
  eligibility_callbacks cb;
  cb.benefit = [&](const benefit_row &b) { rows.push_back(b.transaction_control_number + " " + who(b)); };
  eligibility_summary s = read_eligibility(in, cb);
  CHECK(s.transactions == 2);
  CHECK(rows == std::vector<std::string>{
                    "0001 subscriber PARKER NW1000001 [1] ",
                    "0001 subscriber PARKER NW1000001 [C] ",
                    "0001 subscriber PARKER NW1000001 [A] ",
                    "0001 subscriber PARKER NW1000001 [B] ",
                    "0001 subscriber PARKER NW1000001 [F] AA/N",
                    "0001 dependent NGUYEN NW1000002 [1] ",
                    "0001 dependent NGUYEN NW1000002 [6] ",
                    "0001 subscriber OKAFOR NW1000003 [] 72/C",
                    "0002    [] 42/R",
                });
}

TEST_CASE("the benefits table has stable columns and leaves eb_offset empty on a rejection") {
  CHECK(eligibility_table_named("benefits") == eligibility_table::benefits);
  CHECK_FALSE(eligibility_table_named("claims"));
  auto columns = eligibility_columns(eligibility_table::benefits);
  CHECK(columns.size() == 29);
  CHECK(columns[2] == "eb_offset");
  CHECK(columns[26] == "rejection_reasons");
  CHECK(columns[27] == "trace_number");
  CHECK(columns[28] == "member_dates");

  test::temp_dir dir;
  std::string path = dir / "benefits.csv";
  {
    output_file out(path);
    eligibility_csv csv({.benefits = &out});
    std::string bytes = response("HL*1**20*0~NM1*PR*2*PLAN, INC*****PI*P1~AAA*Y**42*R~");
    input_buffer in = input_buffer::from_memory(bytes, "e.x12");
    read_eligibility(in, csv.callbacks());
    out.commit();
  }
  std::string text = test::slurp(path);
  CHECK(text.substr(text.find("\r\n") + 2) ==
        "e.x12,0001,,\"PLAN, INC\",P1,,,,,,,,,,,,,,,,,,,,,,42/R,,\r\n");
}
