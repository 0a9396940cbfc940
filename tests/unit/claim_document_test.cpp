#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "generated_x12.h"
#include "x12/claim_document.h"
#include "x12_test_support.h"

namespace {

using strings = std::vector<std::string>;
using x12::test::segments;
using x12::test::with_prefix;

constexpr std::time_t jan_1_2026 = 1767225600;

// The parts every document shares, around `guide` and `subscribers`.
std::string document(const std::string &guide, const std::string &subscribers) {
  return R"({"guide": ")" + guide + R"(",
    "sender": {"name": "NORTHWIND BILLING", "id": "NWB0001", "contact": {"phone": "5555550100"}},
    "receiver": {"name": "CONTOSO HEALTH PLAN", "id": "CHP00001"},
    "billing_provider": {"name": "MAPLE CLINIC", "npi": "1234567893", "tax_id": "371234567",
      "address": {"line1": "100 MAPLE ST", "city": "SPRINGFIELD", "state": "IL", "zip": "627010001"}},
    "subscribers": )" +
         subscribers + "}";
}

// A subscriber who is the patient of `claims` (a JSON array).
std::string self(const std::string &member, const std::string &claims) {
  return R"({"member_id": ")" + member + R"(", "last_name": "DOE", "first_name": "JANE",
    "birth_date": "1980-02-14", "gender": "F",
    "address": {"line1": "12 OAK AVE", "city": "SPRINGFIELD", "state": "IL", "zip": "62704"},
    "payer": {"name": "CONTOSO HEALTH PLAN", "id": "CHP00001"},
    "claims": )" +
         claims + "}";
}

const std::string visit = R"({"id": "C1", "place_of_service": "11", "diagnoses": ["J069", "R509"],
  "lines": [
    {"procedure": "99213", "modifiers": ["25"], "charge": "100.10", "date": "2025-12-15",
     "diagnosis_pointers": [1, 2]},
    {"procedure": "87880", "charge": "25.20", "units": "2", "date": "2025-12-15",
     "diagnosis_pointers": [2], "control_number": "L2"}]})";

// The X12 written for `json`, which must read.
std::string written(const std::string &json, std::uint64_t control_number = 1) {
  x12::result<x12::claim_document> doc = x12::read_claim_document(json);
  std::string why = doc ? std::string() : doc.error().message();
  INFO(why);
  REQUIRE(doc);
  x12::test::temp_dir dir;
  x12::output_file out(dir / "out.x12");
  x12::envelope_settings settings{jan_1_2026, control_number};
  x12::write_claim_document(*doc, out, settings);
  out.commit();
  return x12::test::slurp(dir / "out.x12");
}

// The problems reported for `json`, which must not read.
strings problems(const std::string &json) {
  x12::result<x12::claim_document> doc = x12::read_claim_document(json);
  REQUIRE_FALSE(doc);
  strings out = doc.error().problems;
  return out;
}

} // namespace

TEST_CASE("an 837P is written with its envelopes, hierarchy, line numbers and total") {
  std::string x12 = written(document("837P", "[" + self("M1", "[" + visit + "]") + "]"));
  CHECK(segments(x12) ==
        strings{"ISA*00*          *00*          *ZZ*NWB0001        *ZZ*CHP00001       *260101*"
                "0000*^*00501*000000001*0*P*:",
                "GS*HC*NWB0001*CHP00001*20260101*0000*1*X*005010X222A1",
                "ST*837*0001*005010X222A1",
                "BHT*0019*00*000000001*20260101*0000*CH",
                "NM1*41*2*NORTHWIND BILLING*****46*NWB0001",
                "PER*IC**TE*5555550100",
                "NM1*40*2*CONTOSO HEALTH PLAN*****46*CHP00001",
                "HL*1**20*1",
                "NM1*85*2*MAPLE CLINIC*****XX*1234567893",
                "N3*100 MAPLE ST",
                "N4*SPRINGFIELD*IL*627010001",
                "REF*EI*371234567",
                "HL*2*1*22*0",
                "SBR*P*18*******CI",
                "NM1*IL*1*DOE*JANE****MI*M1",
                "N3*12 OAK AVE",
                "N4*SPRINGFIELD*IL*62704",
                "DMG*D8*19800214*F",
                "NM1*PR*2*CONTOSO HEALTH PLAN*****PI*CHP00001",
                "CLM*C1*125.30***11:B:1*Y*A*Y*Y",
                "HI*ABK:J069*ABF:R509",
                "LX*1",
                "SV1*HC:99213:25*100.10*UN*1***1:2",
                "DTP*472*D8*20251215",
                "LX*2",
                "SV1*HC:87880*25.20*UN*2***2",
                "DTP*472*D8*20251215",
                "REF*6R*L2",
                "SE*27*0001",
                "GE*1*1",
                "IEA*1*000000001"});
  CHECK(x12::test::validation_findings(x12) == strings{});
}

TEST_CASE("a byte order mark before the document is skipped") {
  std::string json = document("837P", "[" + self("M1", "[" + visit + "]") + "]");
  CHECK(written("\xEF\xBB\xBF" + json) == written(json));
}

TEST_CASE("the control number and the document's reference and test flag reach the envelope") {
  std::string json = document("837P", "[" + self("M1", "[" + visit + "]") + "]");
  json.insert(1, R"("test": true, "reference": "BATCH-7",)");
  strings segs = segments(written(json, 42));
  CHECK(segs[0].substr(90) == "000000042*0*T*:");
  CHECK(segs[1] == "GS*HC*NWB0001*CHP00001*20260101*0000*42*X*005010X222A1");
  CHECK(segs[3] == "BHT*0019*00*BATCH-7*20260101*0000*CH");
  CHECK(segs.back() == "IEA*1*000000042");
}

TEST_CASE("a subscriber who is a patient and holds dependents' policy gets two levels") {
  std::string holder = self("M1", "[" + visit + "]");
  holder.insert(holder.size() - 1, R"(, "patients": [
    {"last_name": "DOE", "first_name": "EMMA", "birth_date": "2015-06-20", "gender": "F",
     "relationship": "19", "claims": [
       {"id": "C2", "place_of_service": "11", "diagnoses": ["J0300"],
        "lines": [{"procedure": "99214", "charge": "150", "date": "2025-12-17",
                   "diagnosis_pointers": [1]}]}]},
    {"last_name": "DOE", "first_name": "JOHN", "birth_date": "1979-01-02", "gender": "M",
     "relationship": "01",
     "address": {"line1": "9 ELSEWHERE RD", "city": "PEORIA", "state": "IL", "zip": "61602"},
     "claims": [
       {"id": "C3", "total": "80.00", "place_of_service": "11", "diagnoses": ["I10"],
        "lines": [{"procedure": "99212", "charge": "80", "date": "2025-12-18",
                   "diagnosis_pointers": [1]}]}]}])");
  std::string other = R"({"member_id": "M2", "last_name": "SMITH", "first_name": "ROBERT",
    "payer": {"name": "CONTOSO HEALTH PLAN", "id": "CHP00001"},
    "address": {"line1": "48 BIRCH LN", "city": "SPRINGFIELD", "state": "IL", "zip": "62702"},
    "patients": [{"last_name": "SMITH", "first_name": "EMMA", "birth_date": "2016-03-04",
      "gender": "F", "relationship": "19", "claims": [
       {"id": "C4", "place_of_service": "11", "diagnoses": ["Z0000"],
        "lines": [{"procedure": "99393", "charge": "95", "date": "2025-12-19",
                   "diagnosis_pointers": [1]}]}]}]})";
  std::string x12 = written(document("837P", "[" + holder + "," + other + "]"));
  strings segs = segments(x12);
  CHECK(with_prefix(segs, "HL*") == strings{"HL*1**20*1", "HL*2*1*22*0", "HL*3*1*22*1",
                                            "HL*4*3*23*0", "HL*5*3*23*0", "HL*6*1*22*1",
                                            "HL*7*6*23*0"});
  CHECK(with_prefix(segs, "SBR*") ==
        strings{"SBR*P*18*******CI", "SBR*P********CI", "SBR*P********CI"});
  CHECK(with_prefix(segs, "PAT*") == strings{"PAT*19", "PAT*01", "PAT*19"});
  // Demographics for patients only; a dependent without an address lives
  // at the subscriber's.
  CHECK(with_prefix(segs, "DMG*") == strings{"DMG*D8*19800214*F", "DMG*D8*20150620*F",
                                             "DMG*D8*19790102*M", "DMG*D8*20160304*F"});
  CHECK(with_prefix(segs, "N3*") == strings{"N3*100 MAPLE ST", "N3*12 OAK AVE", "N3*12 OAK AVE",
                                            "N3*12 OAK AVE", "N3*9 ELSEWHERE RD", "N3*48 BIRCH LN",
                                            "N3*48 BIRCH LN"});
  CHECK(with_prefix(segs, "CLM*") ==
        strings{"CLM*C1*125.30***11:B:1*Y*A*Y*Y", "CLM*C2*150.00***11:B:1*Y*A*Y*Y",
                "CLM*C3*80.00***11:B:1*Y*A*Y*Y", "CLM*C4*95.00***11:B:1*Y*A*Y*Y"});
  CHECK(with_prefix(segs, "LX*") == strings{"LX*1", "LX*2", "LX*1", "LX*1", "LX*1"});
  CHECK(segs[segs.size() - 3] == "SE*" + std::to_string(segs.size() - 4) + "*0001");
  CHECK(x12::test::validation_findings(x12) == strings{});
}

TEST_CASE("totals are exact decimal sums") {
  std::string claim = R"({"id": "C1", "place_of_service": "11", "diagnoses": ["I10"],
    "lines": [{"procedure": "99211", "charge": "0.10", "date": "2025-12-12", "diagnosis_pointers": [1]},
              {"procedure": "99211", "charge": "0.2", "date": "2025-12-12", "diagnosis_pointers": [1]},
              {"procedure": "99211", "charge": 3, "date": "2025-12-12", "diagnosis_pointers": [1]}]})";
  strings segs = segments(written(document("837P", "[" + self("M1", "[" + claim + "]") + "]")));
  CHECK(with_prefix(segs, "CLM*") == strings{"CLM*C1*3.30***11:B:1*Y*A*Y*Y"});
  CHECK(with_prefix(segs, "SV1*") == strings{"SV1*HC:99211*0.10*UN*1***1",
                                             "SV1*HC:99211*0.2*UN*1***1",
                                             "SV1*HC:99211*3*UN*1***1"});
}

TEST_CASE("an 837I carries statement dates, CL1, diagnoses by kind and revenue lines") {
  std::string claim = R"({"id": "H1", "facility_type": "11", "frequency": "1",
    "statement_from": "2025-12-01", "statement_to": "2025-12-03", "admission_date": "2025-12-01",
    "admission_type": "1", "admission_source": "7", "patient_status": "01",
    "diagnoses": ["S82201A", "W010XXA", "I10", "E119", "E785", "J069", "R509", "J0300", "Z0000",
                  "M5450", "K0262", "K0251", "Z01818", "N390"],
    "admitting_diagnosis": "S82201A", "prior_authorization": "AUTH1",
    "attending_provider": {"last_name": "ATTENDING", "first_name": "ALEX", "npi": "1357924681",
                           "taxonomy": "207P00000X"},
    "operating_provider": {"last_name": "SURGEON", "first_name": "SAM", "npi": "9876543213"},
    "lines": [{"revenue_code": "0120", "charge": "3000.00", "units": "2", "date": "2025-12-01"},
              {"revenue_code": "0360", "procedure": "27750", "modifiers": ["RT"], "charge": "1200"},
              {"revenue_code": "0250", "charge": "120.5"}]})";
  std::string x12 = written(document("837I", "[" + self("M1", "[" + claim + "]") + "]"));
  strings segs = segments(x12);
  auto clm = std::find(segs.begin(), segs.end(), "CLM*H1*4320.50***11:A:1**A*Y*Y");
  REQUIRE(clm != segs.end());
  CHECK(strings(clm, segs.end() - 3) ==
        strings{"CLM*H1*4320.50***11:A:1**A*Y*Y", "DTP*434*RD8*20251201-20251203",
                "DTP*435*D8*20251201", "CL1*1*7*01", "REF*G1*AUTH1", "HI*ABK:S82201A",
                "HI*ABJ:S82201A",
                "HI*ABF:W010XXA*ABF:I10*ABF:E119*ABF:E785*ABF:J069*ABF:R509*ABF:J0300*ABF:Z0000*"
                "ABF:M5450*ABF:K0262*ABF:K0251*ABF:Z01818",
                "HI*ABF:N390", "NM1*71*1*ATTENDING*ALEX****XX*1357924681", "PRV*AT*PXC*207P00000X",
                "NM1*72*1*SURGEON*SAM****XX*9876543213", "LX*1", "SV2*0120**3000.00*UN*2",
                "DTP*472*D8*20251201", "LX*2", "SV2*0360*HC:27750:RT*1200*UN*1", "LX*3",
                "SV2*0250**120.5*UN*1"});
  CHECK(segs[1].substr(segs[1].size() - 12) == "005010X223A2");
  CHECK(x12::test::validation_findings(x12) == strings{});
}

TEST_CASE("an 837D carries SV3 with its count and pointers, and teeth with surfaces") {
  std::string claim = R"({"id": "D1", "place_of_service": "11", "diagnoses": ["K0262", "K0251"],
    "rendering_provider": {"last_name": "SMILE", "first_name": "SANDRA", "npi": "9876543213"},
    "lines": [{"procedure": "D0120", "charge": "65.00", "date": "2025-12-15"},
              {"procedure": "D2391", "charge": "180.00", "date": "2025-12-15",
               "diagnosis_pointers": [2, 1],
               "teeth": [{"number": "3", "surfaces": ["M", "O", "D"]}, {"number": "A"}]}]})";
  std::string x12 = written(document("837D", "[" + self("M1", "[" + claim + "]") + "]"));
  strings segs = segments(x12);
  auto clm = std::find(segs.begin(), segs.end(), "CLM*D1*245.00***11:B:1*Y*A*Y*Y");
  REQUIRE(clm != segs.end());
  CHECK(strings(clm, segs.end() - 3) ==
        strings{"CLM*D1*245.00***11:B:1*Y*A*Y*Y", "HI*ABK:K0262*ABF:K0251",
                "NM1*82*1*SMILE*SANDRA****XX*9876543213", "LX*1", "SV3*AD:D0120*65.00****1",
                "DTP*472*D8*20251215", "LX*2", "SV3*AD:D2391*180.00****1*****2:1", "TOO*JP*3*M:O:D",
                "TOO*JP*A", "DTP*472*D8*20251215"});
  CHECK(x12::test::validation_findings(x12) == strings{});
}

TEST_CASE("problems are all reported, each by its JSON path, without values") {
  std::string claim = R"({"id": "C1", "total": "99.00", "place_of_service": "11",
    "diagnoses": ["J06.9", "R509"], "lines": [
      {"procedure": "99213", "charge": "100.00", "date": "2026-02-30", "diagnosis_pointers": [1]},
      {"procedure": "87880", "charge": "25.00", "date": "2025-12-15", "diagnosis_pointers": [3]}]})";
  std::string sub = self("M1", "[" + claim + "]");
  sub.replace(sub.find(R"("last_name": "DOE")"), 18, R"("last_name": "DOE*SECRET", "nick": 1)");
  CHECK(problems(document("837P", "[" + sub + "]")) ==
        strings{"subscribers[0].nick: unknown field (expected one of: member_id, last_name, "
                "first_name, middle_name, birth_date, gender, address, group_number, "
                "payer_responsibility, claim_filing_indicator, payer, claims, patients)",
                "subscribers[0].last_name: holds one of * : ^ ~, which separate X12 data",
                "subscribers[0].claims[0].diagnoses[0]: the code is written with a decimal "
                "point; X12 carries ICD-10-CM codes without it",
                "subscribers[0].claims[0].lines[0].date: expected a date YYYY-MM-DD",
                "subscribers[0].claims[0].lines[1].diagnosis_pointers[0]: expected a number "
                "from 1 to 2, a position in the claim's diagnoses",
                "subscribers[0].claims[0].total: 99.00 is not the sum of the line charges, "
                "125.00"});
}

TEST_CASE("amounts must be exact decimals") {
  auto charge_problem = [](const std::string &charge) {
    std::string claim = R"({"id": "C1", "place_of_service": "11", "diagnoses": ["I10"],
      "lines": [{"procedure": "99211", "charge": )" +
                        charge + R"(, "date": "2025-12-12", "diagnosis_pointers": [1]}]})";
    return problems(document("837P", "[" + self("M1", "[" + claim + "]") + "]"));
  };
  const std::string at = "subscribers[0].claims[0].lines[0].charge: ";
  CHECK(charge_problem("12.5") == strings{at + "expected a decimal amount as a string, e.g. "
                                               "\"12.50\": a JSON number with a fraction is "
                                               "not exact"});
  CHECK(charge_problem(R"("12.505")") ==
        strings{at + "expected a decimal amount with at most 2 decimal places"});
  CHECK(charge_problem(R"("1e3")") ==
        strings{at + "expected a decimal amount with at most 2 decimal places"});
  CHECK(charge_problem(R"("-5.00")") == strings{at + "must not be negative"});
  CHECK(charge_problem("true") ==
        strings{at + "expected a decimal amount with at most 2 decimal places"});
  CHECK(charge_problem("null") == strings{at + "required"});
}

TEST_CASE("document-level problems: syntax, guide, required parts, repeated claim IDs") {
  CHECK(problems("{\"guide\": \"837P\",\n  \"sender\": }") ==
        strings{"line 2, column 13: not valid JSON: syntax error"});
  CHECK(problems("[]") == strings{"expected a JSON object"});
  CHECK(problems(R"({"guide": "835"})") == strings{"guide: expected 837P, 837I or 837D"});
  CHECK(problems(R"({})") == strings{"guide: required"});
  CHECK(problems(R"({"guide": "837P"})") == strings{"sender: required", "receiver: required",
                                                    "billing_provider: required",
                                                    "subscribers: required"});
  std::string twice = self("M1", "[" + visit + "," + visit + "]");
  CHECK(problems(document("837P", "[" + twice + "]")) ==
        strings{"subscribers[0].claims[1].id: the same claim ID as subscribers[0].claims[0].id"});
  std::string idle = R"({"member_id": "M9", "last_name": "IDLE",
    "payer": {"name": "P", "id": "P1"}})";
  CHECK(problems(document("837P", "[" + idle + "]")) ==
        strings{"subscribers[0]: has no claims and no patients"});
}

TEST_CASE("fields that belong to another guide are not taken") {
  std::string claim = R"({"id": "C1", "facility_type": "11", "place_of_service": "11",
    "diagnoses": ["I10"],
    "lines": [{"procedure": "99211", "charge": "10", "date": "2025-12-12",
               "diagnosis_pointers": [1], "teeth": [{"number": "3"}]}]})";
  strings found = problems(document("837P", "[" + self("M1", "[" + claim + "]") + "]"));
  REQUIRE(found.size() == 2);
  CHECK(found[0].rfind("subscribers[0].claims[0].facility_type: unknown field", 0) == 0);
  CHECK(found[1].rfind("subscribers[0].claims[0].lines[0].teeth: unknown field", 0) == 0);
}

TEST_CASE("an 837I claim needs its institutional fields") {
  std::string claim = R"({"id": "H1", "diagnoses": ["I10"],
    "lines": [{"procedure": "99211", "charge": "10"}]})";
  CHECK(problems(document("837I", "[" + self("M1", "[" + claim + "]") + "]")) ==
        strings{"subscribers[0].claims[0].facility_type: required",
                "subscribers[0].claims[0].statement_from: required",
                "subscribers[0].claims[0].statement_to: required",
                "subscribers[0].claims[0].patient_status: required",
                "subscribers[0].claims[0].lines[0].revenue_code: required"});
}

TEST_CASE("an inpatient 837I needs its admission, and a surgical line its operating physician") {
  std::string claim = R"({"id": "H1", "facility_type": "11", "statement_from": "2025-12-01",
    "statement_to": "2025-12-03", "patient_status": "01", "diagnoses": ["S82201A"],
    "lines": [{"revenue_code": "0120", "charge": "300"},
              {"revenue_code": "0360", "procedure": "27750", "charge": "1200"}]})";
  CHECK(problems(document("837I", "[" + self("M1", "[" + claim + "]") + "]")) ==
        strings{"subscribers[0].claims[0].admission_date: required",
                "subscribers[0].claims[0].admission_type: required",
                "subscribers[0].claims[0].admitting_diagnosis: required on a hospital inpatient "
                "claim (facility_type 11)",
                "subscribers[0].claims[0].lines[1].procedure: a surgical code (10000-69999) needs "
                "the claim's operating_provider"});
}

TEST_CASE("codes are checked for their shape, NPIs for their check digit") {
  std::string claim = R"({"id": "C1", "place_of_service": "11", "diagnoses": ["I10"],
    "rendering_provider": {"last_name": "RIVERA", "npi": "1234567890"},
    "lines": [{"procedure": "9921", "modifiers": ["25", "x"], "charge": "10",
               "date": "2025-12-12", "diagnosis_pointers": [1]}]})";
  CHECK(problems(document("837P", "[" + self("M1", "[" + claim + "]") + "]")) ==
        strings{"subscribers[0].claims[0].rendering_provider.npi: the NPI has a wrong check "
                "digit",
                "subscribers[0].claims[0].lines[0].procedure: expected 5 characters",
                "subscribers[0].claims[0].lines[0].modifiers[1]: expected upper-case letters "
                "and digits only"});
}
