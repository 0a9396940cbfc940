#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "x12/codes.h"
#include "x12/status_tables.h"
#include "x12/status_tables_csv.h"
#include "x12_test_support.h"

using namespace x12;

namespace {

// One 277 of `guide` around `body`, with '>' as the component separator.
std::string statuses_file(const std::string &body, const std::string &guide = "005010X214",
                          const std::string &set = "277") {
  return test::isa('*', '>') + "GS*HN*S*R*20260101*1200*1*X*" + guide + "~ST*" + set +
         "*0009*" + guide + "~BHT*0085*08*A1*20260101*1200*TH~" + body +
         "SE*2*0009~GE*1*1~IEA*1*000000001~";
}

struct collected {
  std::vector<status_row> rows;
  status_summary summary;
};

collected read(const std::string &bytes) {
  collected c;
  status_callbacks cb;
  cb.status = [&](const status_row &s) { c.rows.push_back(s); };
  input_buffer in = input_buffer::from_memory(bytes, "s.x12");
  c.summary = read_statuses(in, cb);
  return c;
}

// Level, claim and code of a row, for short checks.
std::string brief(const status_row &s) {
  return std::string(name_of(s.level)) + " " + s.claim_id + " " + s.status.category + ":" +
         s.status.code;
}

const std::string ack_top =
    "HL*1**20*1~NM1*PR*2*PLAN*****PI*P1~TRN*1*B1~DTP*050*D8*20260105~DTP*009*D8*20260106~"
    "HL*2*1*21*1~NM1*41*2*BILLER*****46*S1~TRN*2*SUB1~STC*A1>19>PR*20260106*WQ*450.00~"
    "QTY*90*1~AMT*YU*450.00~"
    "HL*3*2*19*1~NM1*85*2*CLINIC*****XX*1234567893~TRN*1*0~STC*A1>19>85**WQ*450.00~";

} // namespace

TEST_CASE("a 277CA reads as one row per STC, at every level, with its context") {
  std::string body =
      ack_top +
      "HL*4*3*PT~NM1*QC*1*DOE*JANE****MI*M100~TRN*2*PCN1~"
      "STC*A7>562>85*20260106*U*450.00*0*******NPI NOT ON FILE~"
      "STC*A7>21*20260106*U*450.00******A7>164>QC*A7>453~"
      "REF*1K*PAYER1~REF*D9*CH1~DTP*472*RD8*20260102-20260104~"
      "SVC*HC>99214>25*300.00*****1~STC*A7>454*20260106*U~REF*FJ*L1~DTP*472*D8*20260103~"
      "SVC*HC>J3490*150.00*****1~STC*A7>145*20260106*U~REF*FJ*L2~";
  std::string bytes = statuses_file(body);
  collected c = read(bytes);
  CHECK(c.summary.transactions == 1);
  CHECK(c.summary.statuses == 6);
  REQUIRE(c.rows.size() == 6);
  std::vector<std::string> got;
  for (const status_row &s : c.rows)
    got.push_back(brief(s));
  CHECK(got == std::vector<std::string>{"receiver  A1:19", "provider  A1:19",
                                        "claim PCN1 A7:562", "claim PCN1 A7:21",
                                        "line PCN1 A7:454", "line PCN1 A7:145"});

  const status_row &receiver = c.rows[0];
  CHECK(receiver.payer_name == "PLAN");
  CHECK(receiver.provider_name == "");
  CHECK(receiver.status.entity == "PR");
  CHECK(receiver.effective_date == "2026-01-06");
  CHECK(receiver.action_code == "WQ");
  CHECK(receiver.charge_amount == "450.00");
  CHECK(bytes.substr(receiver.stc_offset, 10) == "STC*A1>19>");

  const status_row &provider = c.rows[1];
  CHECK(provider.provider_name == "CLINIC");
  CHECK(provider.provider_npi == "1234567893");
  CHECK(provider.patient_last_name == "");
  CHECK(provider.effective_date == "");

  // The REF and DTP after the STC are on the claim's rows.
  const status_row &claim = c.rows[0 + 2];
  CHECK(claim.patient_last_name == "DOE");
  CHECK(claim.patient_first_name == "JANE");
  CHECK(claim.patient_member_id == "M100");
  CHECK(claim.payer_claim_control_number == "PAYER1");
  CHECK(claim.status.entity == "85");
  CHECK(claim.paid_amount == "0");
  CHECK(claim.message == "NPI NOT ON FILE");
  CHECK(claim.service_date_start == "2026-01-02");
  CHECK(claim.service_date_end == "2026-01-04");
  CHECK(claim.line_procedure == "");
  const status_row &second = c.rows[3];
  CHECK(second.status_2.category == "A7");
  CHECK(second.status_2.code == "164");
  CHECK(second.status_2.entity == "QC");
  CHECK(second.status_3.code == "453");
  CHECK(second.status_3.entity == "");

  const status_row &line = c.rows[4];
  CHECK(line.line_procedure == "99214");
  CHECK(line.line_charge == "300.00");
  CHECK(line.line_control_number == "L1");
  CHECK(line.service_date_start == "2026-01-03");
  CHECK(line.service_date_end == "2026-01-03");
  CHECK(line.payer_claim_control_number == "PAYER1");
  CHECK(line.charge_amount == "");
  // A line without its own date has the claim's.
  CHECK(c.rows[5].line_control_number == "L2");
  CHECK(c.rows[5].service_date_start == "2026-01-02");
  CHECK(c.rows[5].service_date_end == "2026-01-04");
}

TEST_CASE("a 277 dependent is the patient, with the subscriber's ID when it has none") {
  std::string body =
      "HL*1**20*1~NM1*PR*2*PLAN*****XV*1234567890~HL*2*1*21*1~NM1*41*2*BILLER*****46*S1~"
      "HL*3*2*19*1~NM1*1P*2*CLINIC*****XX*1234567893~"
      "HL*4*3*22*0~NM1*IL*1*DOE*JANE****MI*M100~TRN*2*C1~STC*F1>65*20260105**100*80~"
      "TRN*2*C2~STC*P1>0*20260105~REF*1K*X2~"
      "HL*5*3*22*1~NM1*IL*1*ROE*RAY****MI*M200~"
      "HL*6*5*23~NM1*QC*1*ROE*KIM~TRN*2*C3~STC*F2>21>>RX*20260105~";
  collected c = read(statuses_file(body, "005010X212"));
  REQUIRE(c.rows.size() == 3);
  CHECK(brief(c.rows[0]) == "claim C1 F1:65");
  CHECK(c.rows[0].patient_last_name == "DOE");
  CHECK(c.rows[0].patient_member_id == "M100");
  CHECK(c.rows[0].paid_amount == "80");
  CHECK(c.rows[0].payer_claim_control_number == ""); // C2's REF*1K is not C1's
  CHECK(brief(c.rows[1]) == "claim C2 P1:0");
  CHECK(c.rows[1].payer_claim_control_number == "X2");
  CHECK(brief(c.rows[2]) == "claim C3 F2:21");
  CHECK(c.rows[2].patient_first_name == "KIM");
  CHECK(c.rows[2].patient_member_id == "M200");
  CHECK(c.rows[2].status.code_list == "RX");
  CHECK(c.rows[2].provider_name == "CLINIC");
}

TEST_CASE("an STC under a patient before any TRN is at the patient level") {
  collected c = read(statuses_file(ack_top + "HL*4*3*PT~NM1*QC*1*DOE*JANE****MI*M1~"
                                             "STC*A1>19*20260106~"));
  REQUIRE(c.rows.size() == 3);
  CHECK(brief(c.rows[2]) == "patient  A1:19");
  CHECK(c.rows[2].patient_member_id == "M1");
}

TEST_CASE("transaction sets other than the 277 are skipped and counted") {
  collected c = read(statuses_file(ack_top, "005010X212", "276"));
  CHECK(c.rows.empty());
  CHECK(c.summary.skipped.count == 1);
  CHECK(c.summary.skipped.first.id == "276");
}

TEST_CASE("the 277CA test file gives claim and line statuses") {
  input_buffer in = input_buffer::open(test::data_path("277/277ca-multi-claim.x12"));
  std::vector<std::string> rows;
  status_callbacks cb;
  cb.status = [&](const status_row &s) {
    rows.push_back(brief(s) + " " + s.patient_last_name + " " + s.line_control_number);
  };
  status_summary s = read_statuses(in, cb);
  CHECK(s.statuses == 8);
  CHECK(rows == std::vector<std::string>{
                    "receiver  A1:19  ", "provider  A1:19  ", "claim PCN7001 A2:20 PARKER ",
                    "claim PCN7002 A2:20 NGUYEN ", "claim PCN7003 A7:562 OKAFOR ",
                    "claim PCN7003 A7:21 OKAFOR ", "line PCN7003 A7:454 OKAFOR LN70031",
                    "line PCN7003 A7:145 OKAFOR LN70032"});
}

TEST_CASE("the statuses table fills its descriptions from code tables that have them") {
  CHECK(status_table_named("statuses") == status_table::statuses);
  CHECK_FALSE(status_table_named("benefits"));
  auto columns = status_columns(status_table::statuses);
  CHECK(columns.size() == 33);
  CHECK(columns[3] == "level");
  CHECK(columns[31] == "category_description");
  CHECK(columns[32] == "status_description");

  test::temp_dir dir;
  std::filesystem::create_directory(dir.path / "codes");
  std::ofstream(dir / "codes/claim_status_category.csv") << "code,description\nA7,Rejected\n";
  std::ofstream(dir / "codes/claim_status.csv") << "code,description\n21,Missing\n562,NPI\n";
  code_set codes;
  codes.add_directory(dir / "codes");
  std::string path = dir / "statuses.csv";
  {
    output_file out(path);
    status_tables_csv csv({.statuses = &out}, &codes);
    std::string bytes = statuses_file("HL*1**20*1~NM1*PR*2*PLAN~HL*2*1*19*1~NM1*85*2*C~"
                                      "HL*3*2*PT~NM1*QC*1*DOE~TRN*2*P1~STC*A7>562*20260106~"
                                      "STC*A7>21>>RX~STC*A8>21~");
    input_buffer in = input_buffer::from_memory(bytes, "s.x12");
    read_statuses(in, csv.callbacks());
    out.commit();
  }
  std::string text = test::slurp(path);
  std::vector<std::string> descriptions;
  for (std::size_t at = text.find("\r\n") + 2; at < text.size();) {
    std::size_t end = text.find("\r\n", at);
    std::string line = text.substr(at, end - at);
    std::size_t second_last = line.rfind(',', line.rfind(',') - 1);
    descriptions.push_back(line.substr(second_last + 1));
    at = end + 2;
  }
  // An NCPDP code (RX) is not a claim status code; A8 is not in the table.
  CHECK(descriptions == std::vector<std::string>{"Rejected,NPI", "Rejected,", ",Missing"});
}
