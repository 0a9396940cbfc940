#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "x12/remittance.h"
#include "x12/remittance_csv.h"
#include "x12_test_support.h"

using namespace x12;

namespace {

std::string remit(const std::string &body, const std::string &set = "835") {
  return test::isa() + "GS*HP*S*R*20260101*1200*1*X*005010X221A1~ST*" + set + "*0001~" + body +
         "SE*2*0001~GE*1*1~IEA*1*000000001~";
}

struct collected {
  std::vector<payment_row> payments;
  std::vector<claim_row> claims;
  std::vector<line_row> lines;
  std::vector<std::string> events; // the order rows arrive in
  std::vector<std::string> adjustments;
  remittance_summary summary;
};

collected read(const std::string &bytes) {
  collected c;
  remittance_callbacks cb;
  cb.payment = [&](const payment_row &p) {
    c.payments.push_back(p);
    c.events.push_back("payment");
  };
  cb.claim = [&](const claim_row &r) {
    c.claims.push_back(r);
    c.events.push_back("claim " + r.claim_id);
  };
  cb.line = [&](const line_row &l) {
    c.lines.push_back(l);
    c.events.push_back("line " + std::to_string(l.line_number));
  };
  cb.adjustment = [&](const adjustment_row &a) {
    std::string s = std::string(a.claim_id) + "/" + std::to_string(a.line_number) + " " +
                    (a.kind == adjustment_kind::remark ? "remark " : "") +
                    std::string(a.group_code) + "-" + std::string(a.reason_code) + " " +
                    std::string(a.amount) + " " + std::string(a.quantity);
    c.adjustments.push_back(s);
    c.events.push_back("adjustment");
  };
  input_buffer in = input_buffer::from_memory(bytes);
  c.summary = read_remittances(in, cb);
  return c;
}

const std::string body =
    "BPR*C*150.00*C*ACH************20260110~TRN*1*TR1*1~"
    "N1*PR*PLAN*XV*P1~N1*PE*CLINIC*XX*1234567893~LX*1~"
    "CLP*A1*1*200.00*100.00*50.00*12*X1*11*1~CAS*CO*45*50.00~"
    "NM1*QC*1*DOE*JO****MI*M1~MOA***MA01*N1~DTM*232*20251201~DTM*233*20251202~"
    "SVC*HC:99213:25:59*200.00*100.00**1~DTM*472*20251201~CAS*PR*1*30*1*2*20~"
    "REF*6R*R1~AMT*B6*150~LQ*HE*N130~"
    "CLP*A1*22*-80*-80*0*12*X0*11*1~CAS*CR*45*0~NM1*QC*1*DOE*JO~NM1*IL*1*DOE*AL****MI*S9~"
    "PLB*1234567893*20261231*WO:1*10.00*L6:2*-0.01~";

} // namespace

TEST_CASE("an 835 reads as payments, claims, lines and adjustments") {
  collected c = read(remit(body));
  REQUIRE(c.payments.size() == 1);
  const payment_row &p = c.payments[0];
  CHECK(p.payment_amount == "150.00");
  CHECK(p.payment_method == "ACH");
  CHECK(p.payment_date == "2026-01-10");
  CHECK(p.trace_number == "TR1");
  CHECK(p.payer_name == "PLAN");
  CHECK(p.payer_id == "P1");
  CHECK(p.payee_npi == "1234567893");
  CHECK(p.claim_count == 2);
  CHECK(p.provider_adjustment_total == "9.99");

  REQUIRE(c.claims.size() == 2);
  const claim_row &a = c.claims[0];
  CHECK(a.claim_id == "A1");
  CHECK(a.trace_number == "TR1");
  CHECK(a.patient_last_name == "DOE");
  CHECK(a.patient_member_id == "M1");
  CHECK(a.service_date_start == "2025-12-01");
  CHECK(a.service_date_end == "2025-12-02");
  // Claim and line CAS together: 50 + 30 + 20.
  CHECK(a.adjustment_total == "100.00");
  const claim_row &r = c.claims[1];
  CHECK(r.claim_status == "22");
  CHECK(r.paid_amount == "-80");
  CHECK(r.patient_member_id == "S9"); // no patient ID: the subscriber's
  CHECK(r.adjustment_total == "0.00");
  CHECK(r.clp_offset > a.clp_offset);

  REQUIRE(c.lines.size() == 1);
  const line_row &l = c.lines[0];
  CHECK(l.procedure_code == "99213");
  CHECK(l.modifiers == "25:59");
  CHECK(l.service_date == "2025-12-01");
  CHECK(l.allowed_amount == "150");
  CHECK(l.line_control_number == "R1");
  CHECK(l.adjustment_total == "50.00");
  CHECK(l.clp_offset == a.clp_offset);

  CHECK(c.adjustments == std::vector<std::string>{
                             "A1/0 CO-45 50.00 ", "A1/0 remark -MA01  ", "A1/0 remark -N1  ",
                             "A1/1 PR-1 30 1", "A1/1 PR-2 20 ", "A1/1 remark -N130  ",
                             "A1/0 CR-45 0 "});
}

TEST_CASE("rows stream: a line when it ends, a claim when it ends, the payment at SE") {
  collected c = read(remit(body));
  CHECK(c.events == std::vector<std::string>{"adjustment", "adjustment", "adjustment",
                                             "adjustment", "adjustment", "adjustment",
                                             "line 1", "claim A1", "adjustment", "claim A1",
                                             "payment"});
}

TEST_CASE("a total with an amount that is not a number is left empty") {
  collected c = read(remit("LX*1~CLP*B*1*10*5*0*12*X*11*1~CAS*CO*45*5,00~"));
  REQUIRE(c.claims.size() == 1);
  CHECK(c.claims[0].adjustment_total == "");
  CHECK(c.adjustments == std::vector<std::string>{"B/0 CO-45 5,00 "});
}

TEST_CASE("other transaction sets are skipped and counted") {
  collected c = read(remit("BHT*0019*00*1*20260101*1200*CH~", "837"));
  CHECK(c.payments.empty());
  CHECK(c.summary.payments == 0);
  CHECK(c.summary.skipped.count == 1);
  CHECK(c.summary.skipped.first.id == "837");
  CHECK(c.summary.skipped.first.control_number == "0001");
}

TEST_CASE("a transaction cut short still gives its rows") {
  std::string bytes = test::isa() + "GS*HP*S*R*20260101*1200*1*X*005010X221A1~ST*835*0001~"
                                    "BPR*C*1*C*ACH~LX*1~CLP*C*1*1*1*0*12*X*11*1~";
  collected c = read(bytes);
  CHECK(c.claims.size() == 1);
  CHECK(c.payments.size() == 1);
  CHECK(c.summary.payments == 1);
}

TEST_CASE("dates and group names") {
  CHECK(iso_date("20260131") == "2026-01-31");
  CHECK(iso_date("2026013") == "2026013");
  CHECK(iso_date("2026013X") == "2026013X");
  CHECK(iso_date("") == "");
  CHECK(adjustment_group_description("PR") == "Patient Responsibility");
  CHECK(adjustment_group_description("ZZ") == "");
}

TEST_CASE("tables are named and have stable columns") {
  CHECK(remittance_table_named("claims") == remittance_table::claims);
  CHECK_FALSE(remittance_table_named("all"));
  auto claims = remittance_columns(remittance_table::claims);
  CHECK(claims.size() == 21);
  CHECK(claims[2] == "clp_offset");
  CHECK(remittance_columns(remittance_table::adjustments)[5] == "kind");
}

TEST_CASE("remittance_csv writes only the tables it is given") {
  test::temp_dir dir;
  std::string path = dir / "lines.csv";
  {
    output_file out(path);
    remittance_csv csv({.lines = &out});
    std::string bytes = remit(body);
    input_buffer in = input_buffer::from_memory(bytes, "r.x12");
    read_remittances(in, csv.callbacks());
    out.commit();
  }
  CHECK(test::slurp(path) ==
        "file,transaction_control_number,clp_offset,claim_id,line_number,procedure_qualifier,"
        "procedure_code,modifiers,revenue_code,charge_amount,paid_amount,units,service_date,"
        "allowed_amount,line_control_number,adjustment_total\r\n"
        "r.x12,0001,259,A1,1,HC,99213,25:59,,200.00,100.00,1,2025-12-01,150,R1,50.00\r\n");
}

TEST_CASE("reason_description comes from carc and rarc tables that have descriptions") {
  test::temp_dir dir;
  std::filesystem::create_directory(dir.path / "codes");
  std::ofstream(dir / "codes/carc.csv") << "code,description\n45,Over the fee schedule\n";
  std::ofstream(dir / "codes/rarc.csv") << "code\nMA01\nN130\n"; // codes only
  code_set codes;
  codes.add_directory(dir / "codes");
  std::string path = dir / "adjustments.csv";
  {
    output_file out(path);
    remittance_csv csv({.adjustments = &out}, &codes);
    std::string bytes = remit(body);
    input_buffer in = input_buffer::from_memory(bytes, "r.x12");
    read_remittances(in, csv.callbacks());
    out.commit();
  }
  std::string text = test::slurp(path);
  CHECK(text.find("r.x12,0001,259,A1,,adjustment,CO,45,50.00,,Contractual Obligations,"
                  "Over the fee schedule\r\n") != std::string::npos);
  CHECK(text.find("r.x12,0001,259,A1,,remark,,MA01,,,,\r\n") != std::string::npos);
  CHECK(text.find("r.x12,0001,259,A1,1,adjustment,PR,1,30,1,Patient Responsibility,\r\n") !=
        std::string::npos);
}

TEST_CASE("SVC01 is split once: qualifier, code and up to four modifiers") {
  collected c = read(remit("LX*1~CLP*C*1*10*5*0*12*X*11*1~SVC*HC:A1:M1::M3:M4*10*5~"
                           "SVC*NU:0450*10*5~SVC*HC*10*5~"));
  REQUIRE(c.lines.size() == 3);
  CHECK(c.lines[0].procedure_qualifier == "HC");
  CHECK(c.lines[0].procedure_code == "A1");
  CHECK(c.lines[0].modifiers == "M1:M3:M4");
  CHECK(c.lines[1].revenue_code == "0450");
  CHECK(c.lines[1].modifiers == "");
  CHECK(c.lines[2].procedure_qualifier == "HC");
  CHECK(c.lines[2].procedure_code == "");
}

TEST_CASE("a date is eight digits, each tested: no other byte passes") {
  // The digits are tested eight bytes at once: every byte of every position.
  for (std::size_t at = 0; at < 8; ++at)
    for (int b = 0; b < 256; ++b) {
      std::string date = "20260131";
      date[at] = char(b);
      bool digit = b >= '0' && b <= '9';
      std::string iso = date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6);
      CHECK(iso_date(date) == (digit ? iso : date));
    }
}
