#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "x12/claim_tables.h"
#include "x12/claim_tables_csv.h"
#include "x12/peek.h"
#include "x12/remittance.h"
#include "x12_test_support.h"

using namespace x12;

namespace {

// One 837 transaction of `guide` around `body`, with '>' as the component
// separator so that ':' in the output is the reader's own.
std::string claims_file(const std::string &body, const std::string &guide = "005010X222A1",
                        const std::string &set = "837") {
  return test::isa('*', '>') + "GS*HC*S*R*20260101*1200*1*X*" + guide + "~ST*" + set +
         "*0007*" + guide + "~BHT*0019*00*B1*20260101*1200*CH~" + body +
         "SE*2*0007~GE*1*1~IEA*1*000000001~";
}

struct collected {
  std::vector<billed_claim_row> claims;
  std::vector<billed_line_row> lines;
  std::vector<std::string> diagnoses;
  std::vector<std::string> events; // the order rows arrive in
  claim_summary summary;
};

collected read(const std::string &bytes) {
  collected c;
  claim_callbacks cb;
  cb.claim = [&](const billed_claim_row &r) {
    c.claims.push_back(r);
    c.events.push_back("claim " + r.claim_id);
  };
  cb.line = [&](const billed_line_row &l) {
    c.lines.push_back(l);
    c.events.push_back("line " + l.line_number);
  };
  cb.diagnosis = [&](const diagnosis_row &d) {
    c.diagnoses.push_back(std::string(d.claim_id) + " " + std::to_string(d.sequence) + " " +
                          std::string(d.qualifier) + " " + std::string(d.code) +
                          (d.principal ? " principal" : "") +
                          (d.present_on_admission.empty()
                               ? ""
                               : " poa=" + std::string(d.present_on_admission)));
    c.events.push_back("diagnosis");
  };
  input_buffer in = input_buffer::from_memory(bytes, "c.x12");
  c.summary = read_claims(in, cb);
  return c;
}

const std::string billing =
    "HL*1**20*1~NM1*85*2*CLINIC*****XX*1234567893~REF*EI*371234567~"
    "NM1*87*2~REF*EI*999999999~";
const std::string subscriber =
    "HL*2*1*22*1~SBR*P**G1******MC~NM1*IL*1*DOE*PAT****MI*M100~DMG*D8*19700101*M~"
    "NM1*PR*2*PLAN*****PI*P1~";

} // namespace

TEST_CASE("an 837P reads with its billing provider, subscriber, payer and patient") {
  std::string body = billing + subscriber +
                     "HL*3*2*23*0~PAT*19~NM1*QC*1*DOE*KID~DMG*D8*20150620*F~"
                     "CLM*C1*130***11>B>7*Y*A*Y*Y~REF*G1*AUTH1~REF*F8*ORIG9~"
                     "HI*ABK>J069*ABF>R509~NM1*DN*1*REF*ERRER****XX*2468135795~"
                     "NM1*82*1*REN*DER****XX*1456782303~REF*G2*NOT-A-CLAIM-REF~"
                     "NM1*77*2*LAB*****XX*5550001114~"
                     "SBR*S*01*OTHER******CI~NM1*IL*1*OTHER*SUB****MI*X9~NM1*PR*2*OTHERPLAN*****PI*O1~"
                     "LX*1~SV1*HC>99213>25>59*100*UN*1*22**1>2~DTP*472*D8*20260105~REF*6R*L1~"
                     "LIN**N4*00009047314~NM1*82*1*LINE*DOC****XX*9876543213~REF*6R*NOT-LINE~"
                     "LX*2~SV1*HC>87880*30*UN*2***1~DTP*472*RD8*20260103-20260107~"
                     "SVD*O1*10*HC>87880**1~DTP*472*D8*19990101~";
  collected c = read(claims_file(body));
  CHECK(c.summary.transactions == 1);
  CHECK(c.summary.claims == 1);
  REQUIRE(c.claims.size() == 1);
  const billed_claim_row &r = c.claims[0];
  CHECK(r.file == "c.x12");
  CHECK(r.transaction_control_number == "0007");
  CHECK(r.claim_type == "P");
  CHECK(r.claim_id == "C1");
  CHECK(r.total_charge == "130");
  CHECK(r.place_of_service == "11");
  CHECK(r.facility_type == "");
  CHECK(r.facility_code_qualifier == "B");
  CHECK(r.frequency == "7");
  CHECK(r.billing_provider_name == "CLINIC");
  CHECK(r.billing_provider_npi == "1234567893");
  CHECK(r.billing_provider_tax_id == "371234567"); // not the pay-to loop's REF
  CHECK(r.rendering_provider_npi == "1456782303");
  CHECK(r.referring_provider_npi == "2468135795");
  CHECK(r.service_facility_npi == "5550001114");
  CHECK(r.payer_name == "PLAN"); // not the other payer's (2330B)
  CHECK(r.payer_id == "P1");
  CHECK(r.subscriber_member_id == "M100");
  CHECK(r.subscriber_last_name == "DOE");
  CHECK(r.subscriber_first_name == "PAT");
  CHECK(r.patient_first_name == "KID");
  CHECK(r.patient_birth_date == "2015-06-20");
  CHECK(r.patient_gender == "F");
  CHECK(r.claim_filing_indicator == "MC");
  CHECK(r.prior_authorization == "AUTH1");
  CHECK(r.payer_claim_control_number == "ORIG9");
  // No claim period: the lines' earliest and latest dates (2430 DTP ignored).
  CHECK(r.service_date_start == "2026-01-03");
  CHECK(r.service_date_end == "2026-01-07");
  CHECK(r.line_count == 2);

  REQUIRE(c.lines.size() == 2);
  const billed_line_row &l = c.lines[0];
  CHECK(l.claim_id == "C1");
  CHECK(l.clm_offset == r.clm_offset);
  CHECK(l.line_number == "1");
  CHECK(l.procedure_qualifier == "HC");
  CHECK(l.procedure_code == "99213");
  CHECK(l.modifiers == "25:59");
  CHECK(l.charge_amount == "100");
  CHECK(l.units_qualifier == "UN");
  CHECK(l.units == "1");
  CHECK(l.place_of_service == "22");
  CHECK(l.diagnosis_pointers == "1:2");
  CHECK(l.service_date == "2026-01-05");
  CHECK(l.line_control_number == "L1");
  CHECK(l.ndc == "00009047314");
  CHECK(l.rendering_provider_npi == "9876543213");
  CHECK(c.lines[1].service_date == "2026-01-03/2026-01-07");
  CHECK(c.lines[1].rendering_provider_npi == "");

  CHECK(c.diagnoses == std::vector<std::string>{"C1 1 ABK J069 principal", "C1 2 ABF R509"});
  CHECK(c.events == std::vector<std::string>{"diagnosis", "diagnosis", "line 1", "line 2",
                                             "claim C1"});
}

TEST_CASE("the patient is the subscriber without a 2000C loop, and HL resets the context") {
  std::string body = billing + subscriber +
                     "CLM*C1*10***11>B>1~LX*1~SV1*HC>1*10*UN*1~"
                     "HL*3*2*23*0~PAT*19~NM1*QC*1*DOE*KID~DMG*D8*20150620*F~"
                     "CLM*C2*20***11>B>1~"
                     "HL*4*1*22*0~SBR*P*18*G2******CI~NM1*IL*1*ROE*RAY****MI*M200~"
                     "NM1*PR*2*PLAN2*****PI*P2~CLM*C3*30***11>B>1~"
                     "HL*5**20*1~NM1*85*2*OTHER CLINIC*****XX*1678903422~"
                     "HL*6*5*22*0~NM1*IL*1*LOE*LI****MI*M300~CLM*C4*40***11>B>1~";
  collected c = read(claims_file(body));
  REQUIRE(c.claims.size() == 4);
  CHECK(c.claims[0].patient_first_name == "PAT");
  CHECK(c.claims[0].patient_birth_date == "1970-01-01");
  CHECK(c.claims[0].line_count == 1);
  CHECK(c.claims[1].patient_first_name == "KID");
  CHECK(c.claims[1].subscriber_first_name == "PAT");
  CHECK(c.claims[1].line_count == 0);
  CHECK(c.claims[1].service_date_start == "");
  CHECK(c.claims[2].patient_first_name == "RAY");
  CHECK(c.claims[2].patient_birth_date == "");
  CHECK(c.claims[2].payer_id == "P2");
  CHECK(c.claims[2].claim_filing_indicator == "CI");
  CHECK(c.claims[2].billing_provider_npi == "1234567893");
  CHECK(c.claims[3].billing_provider_npi == "1678903422");
  CHECK(c.claims[3].billing_provider_tax_id == "");
  CHECK(c.claims[3].payer_id == "");
  CHECK(c.claims[3].subscriber_member_id == "M300");
}

TEST_CASE("an 837I gives its facility type, statement period, revenue codes and POA") {
  std::string body = billing + subscriber +
                     "CLM*I1*500.00***13>A>1**A*Y*Y~DTP*434*RD8*20251201-20251203~"
                     "HI*ABK>S82201A>>>>>>>Y~HI*ABJ>R51~HI*BBR>0QSG04Z>D8>20251201~"
                     "HI*ABF>R0902>>>>>>>N*ABF>Z9181~NM1*71*1*ATT*END****XX*1357924681~"
                     "LX*1~SV2*0360*HC>27750*400.00*UN*1~DTP*472*D8*20251201~"
                     "LX*2~SV2*0250**100.00*UN*4~";
  collected c = read(claims_file(body, "005010X223A2"));
  REQUIRE(c.claims.size() == 1);
  const billed_claim_row &r = c.claims[0];
  CHECK(r.claim_type == "I");
  CHECK(r.facility_type == "13");
  CHECK(r.place_of_service == "");
  CHECK(r.facility_code_qualifier == "A");
  CHECK(r.service_date_start == "2025-12-01");
  CHECK(r.service_date_end == "2025-12-03");
  CHECK(r.rendering_provider_npi == ""); // the attending (71) is not the rendering
  CHECK(c.diagnoses == std::vector<std::string>{"I1 1 ABK S82201A principal poa=Y",
                                                "I1 2 ABJ R51", "I1 3 ABF R0902 poa=N",
                                                "I1 4 ABF Z9181"});
  REQUIRE(c.lines.size() == 2);
  CHECK(c.lines[0].revenue_code == "0360");
  CHECK(c.lines[0].procedure_code == "27750");
  CHECK(c.lines[0].charge_amount == "400.00");
  CHECK(c.lines[1].revenue_code == "0250");
  CHECK(c.lines[1].procedure_qualifier == "");
  CHECK(c.lines[1].units == "4");
}

TEST_CASE("an 837D gives its teeth, place of service and pointers") {
  std::string body = billing + subscriber +
                     "CLM*D1*500***11>B>1*Y*A*Y*Y~DTP*472*D8*20251215~HI*ABK>K0262~"
                     "LX*1~SV3*AD>D2750*400*11***1*****1>2~TOO*JP*3*M>O~TOO*JP*4~"
                     "DTP*472*D8*20251216~LX*2~SV3*AD>D7140*100~";
  collected c = read(claims_file(body, "005010X224A2"));
  REQUIRE(c.claims.size() == 1);
  CHECK(c.claims[0].claim_type == "D");
  // The claim's own service date wins over the lines'.
  CHECK(c.claims[0].service_date_start == "2025-12-15");
  CHECK(c.claims[0].service_date_end == "2025-12-15");
  REQUIRE(c.lines.size() == 2);
  CHECK(c.lines[0].procedure_qualifier == "AD");
  CHECK(c.lines[0].procedure_code == "D2750");
  CHECK(c.lines[0].charge_amount == "400");
  CHECK(c.lines[0].place_of_service == "11");
  CHECK(c.lines[0].units == "1");
  CHECK(c.lines[0].units_qualifier == "");
  CHECK(c.lines[0].diagnosis_pointers == "1:2");
  CHECK(c.lines[0].tooth == "3:4");
  CHECK(c.lines[1].tooth == "");
}

TEST_CASE("other transaction sets are skipped and counted") {
  collected c = read(claims_file("BPR*C*1~", "005010X221A1", "835"));
  CHECK(c.summary.transactions == 0);
  CHECK(c.summary.skipped.count == 1);
  CHECK(c.summary.skipped.first.id == "835");
  CHECK(c.claims.empty());
}

TEST_CASE("claim types by guide") {
  CHECK(claim_type_of("005010X222A1") == "P");
  CHECK(claim_type_of("005010X223A3") == "I");
  CHECK(claim_type_of("005010X224A2") == "D");
  CHECK(claim_type_of("005010X221A1") == "");
}

TEST_CASE("the first transaction set is peeked without consuming the input") {
  std::string bytes = claims_file(billing);
  input_buffer in = input_buffer::from_memory(bytes);
  CHECK(first_transaction_set(in) == "837");
  claim_summary s = read_claims(in, {});
  CHECK(s.transactions == 1);
  // from_memory borrows the bytes: they must outlive the buffer.
  std::string empty_interchange = test::isa() + "IEA*0*000000001~";
  input_buffer none = input_buffer::from_memory(empty_interchange);
  CHECK(first_transaction_set(none) == "");
}

TEST_CASE("claim_tables_csv writes the tables it is given") {
  CHECK(claim_table_named("diagnoses") == claim_table::diagnoses);
  CHECK_FALSE(claim_table_named("payments"));
  CHECK(claim_columns(claim_table::claims).size() == 33);
  test::temp_dir dir;
  std::string path = dir / "diagnoses.csv";
  {
    output_file out(path);
    claim_tables_csv csv({.diagnoses = &out});
    std::string bytes = claims_file(billing + subscriber + "CLM*C,1*1~HI*ABK>J069*ABF>R50,9~");
    input_buffer in = input_buffer::from_memory(bytes, "c.x12");
    read_claims(in, csv.callbacks());
    out.commit();
  }
  std::string offset = std::to_string(claims_file(billing + subscriber).find("SE*"));
  CHECK(test::slurp(path) ==
        "file,interchange_control_number,group_control_number,transaction_control_number,"
        "clm_offset,claim_id,sequence,qualifier,code,principal,present_on_admission\r\n"
        "c.x12,000000001,1,0007," + offset + ",\"C,1\",1,ABK,J069,yes,\r\n"
        "c.x12,000000001,1,0007," + offset + ",\"C,1\",2,ABF,\"R50,9\",no,\r\n");
}
