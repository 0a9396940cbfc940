#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "x12/unit.h"
#include "x12_test_support.h"

using namespace x12;

namespace {

const std::string examples = std::string(X12_SOURCE_SCHEMAS_DIR) + "/../examples/";

struct units {
  std::vector<claim_unit> all;
  unit_summary summary;
};

units read(const std::string &bytes, const schema_set &schemas) {
  units out;
  input_buffer in = input_buffer::from_memory(bytes, "test.x12");
  out.summary = read_claim_units(in, schemas, [&](const claim_unit &u) { out.all.push_back(u); });
  return out;
}

std::string without_newlines(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), '\n'), s.end());
  return s;
}

std::string text(const std::optional<decimal> &d) { return d ? d->to_string() : "-"; }

} // namespace

TEST_CASE("claim units: the six claims of the 837P example, with their context "
          "and lines") {
  const schema_set schemas = schema_set::load(X12_SOURCE_SCHEMAS_DIR);
  const std::string bytes = test::slurp(examples + "837p-claims.x12");
  units u = read(bytes, schemas);
  CHECK(u.summary.transactions == 1);
  CHECK(u.summary.claims == 6);
  REQUIRE(u.all.size() == 6);

  std::vector<std::string> ids;
  for (const claim_unit &c : u.all)
    ids.push_back(c.claim_id);
  CHECK(ids == std::vector<std::string>{"MSF-1001", "MSF-1002", "MSF-1003", "LMG-2001", "LMG-2002",
                                        "LMG-2003"});

  for (std::size_t i = 0; i < u.all.size(); ++i) {
    const claim_unit &c = u.all[i];
    CHECK(c.index == i + 1);
    CHECK(c.envelope.interchange_control_number == "000000101");
    CHECK(c.envelope.group_control_number == "101");
    CHECK(c.envelope.transaction_control_number == "0001");
    CHECK(c.envelope.guide == "005010X222A1");
    CHECK(c.envelope.transaction_ordinal == 1);
    // The unit's bytes are the input's, from its CLM to its last segment.
    CHECK(bytes.compare(c.offset, 4 + c.claim_id.size(), "CLM*" + c.claim_id) == 0);
    CHECK(without_newlines(bytes.substr(c.offset, c.end - c.offset)) ==
          without_newlines(c.claim.text));
    CHECK(c.claim.segments.front().offset == c.offset);
  }

  // The root's header, 2000A and 2000B; MSF-1002 and -1003 also have 2000C,
  // shared between them rather than copied.
  CHECK(u.all[0].context.size() == 3);
  CHECK(u.all[1].context.size() == 4);
  CHECK(u.all[1].context[3] == u.all[2].context[3]);
  CHECK(u.all[1].context[3]->loop->id == "2000C");
  CHECK(u.all[0].context[0]->view(u.all[0].context[0]->segments.front()).is("BHT"));
  CHECK(u.all[3].context[1] != u.all[0].context[1]); // a second billing provider (HL 5)

  billed_claim first = read_billed_claim(u.all[0]);
  CHECK(first.claim_id == "MSF-1001");
  CHECK(text(first.charge) == "125");
  CHECK(first.facility_code == "11");
  CHECK(first.frequency == "1");
  CHECK(first.billing_provider.npi() == "1234567893");
  CHECK(first.billing_tax_id == "371234567");
  CHECK(first.subscriber.id == "XJD100200300");
  CHECK(first.payer.id == "CHP00001");
  CHECK(first.patient.last_or_organization == "DOE"); // no 2000C: the subscriber
  CHECK(first.rendering_provider_npi == "1456782303");
  REQUIRE(first.diagnoses.size() == 2);
  CHECK(first.diagnoses[0].qualifier == "ABK");
  CHECK(first.diagnoses[1].code == "R509");
  REQUIRE(first.lines.size() == 2);
  CHECK(first.lines[0].procedure_code == "99213");
  CHECK(text(first.lines[0].charge) == "100");
  CHECK(text(first.lines[0].units) == "1");
  CHECK(first.lines[0].diagnosis_pointers == std::vector<unsigned>{1, 2});
  CHECK(first.lines[0].service_date_from == "2026-01-05");
  CHECK(first.lines[1].procedure_code == "87880");
  CHECK(first.service_date_from == "2026-01-05"); // from the lines: no claim DTP*472
  // The lines' charges add up to the claim's, exactly.
  decimal sum = decimal::zero();
  for (const billed_line &l : first.lines)
    CHECK(sum.add(*l.charge));
  CHECK(sum == *first.charge);

  billed_claim dependent = read_billed_claim(u.all[1]);
  CHECK(dependent.patient.first == "EMMA");
  CHECK(dependent.subscriber.first == "ROBERT");

  billed_claim physical = read_billed_claim(u.all[4]);
  CHECK(physical.lines.at(0).modifiers == std::vector<std::string>{"GP"});
  CHECK(read_billed_claim(u.all[5]).frequency == "7");
  CHECK(read_billed_claim(u.all[3]).billing_tax_id == "372345678");
}

TEST_CASE("claim units: one per CLP of an 835, none for a transaction without "
          "claim loops") {
  const schema_set schemas = schema_set::load(X12_SOURCE_SCHEMAS_DIR);
  units remit = read(test::slurp(examples + "835-remit.x12"), schemas);
  CHECK(remit.summary.claims == 3);
  REQUIRE(remit.all.size() == 3);
  for (const claim_unit &c : remit.all) {
    CHECK(c.claim.view(c.claim.segments.front()).is("CLP"));
    CHECK(c.claim_id == std::string(c.claim.view(c.claim.segments.front())[1]));
    CHECK(c.envelope.transaction_id == "835");
  }
  units inquiry = read(test::slurp(examples + "270-inquiry.x12"), schemas);
  CHECK(inquiry.summary.transactions == 2); // two ST*270 in the example
  CHECK(inquiry.all.empty());
}

TEST_CASE("claim units: another payer's subscriber (2330A) is not the claim's") {
  const schema_set schemas = schema_set::load(X12_SOURCE_SCHEMAS_DIR);
  std::string bytes = test::slurp(examples + "837p-claims.x12");
  // Before the first claim's first line: a 2320 other-subscriber loop whose
  // 2330A NM1*IL names someone else.
  const std::string prv = "PRV*PE*PXC*207Q00000X~";
  const std::size_t at = bytes.find(prv);
  REQUIRE(at != std::string::npos);
  bytes.insert(at + prv.size(), "\nSBR*S*18*******CI~\nOIG*Y~\nOI***Y*P**Y~\n"
                                "NM1*IL*1*OTHER*PERSON****MI*OTHER999~\n"
                                "NM1*PR*2*OTHER PLAN*****PI*OTHERPLAN~");
  units u = read(bytes, schemas);
  REQUIRE(u.all.size() == 6);
  billed_claim c = read_billed_claim(u.all[0]);
  CHECK(c.subscriber.id == "XJD100200300");
  CHECK(c.payer.id == "CHP00001");
}

TEST_CASE("a finding inside a claim carries the key its claim unit has") {
  const schema_set schemas = schema_set::load(X12_SOURCE_SCHEMAS_DIR);
  std::string bytes = test::slurp(examples + "837p-claims.x12");
  // LMG-2002 (the fifth claim) and MSF-1001 (the first) share nothing but a
  // fault each: a charge that is not a number.
  for (auto [good, bad] : {std::pair{"SV1*HC:97110:GP*75*", "SV1*HC:97110:GP*7X*"},
                           std::pair{"SV1*HC:99213*100*", "SV1*HC:99213*1X0*"}}) {
    const std::size_t at = bytes.find(good);
    REQUIRE(at != std::string::npos);
    bytes.replace(at, std::string_view(good).size(), bad);
  }
  units u = read(bytes, schemas);
  REQUIRE(u.all.size() == 6);

  struct collect : validation_observer {
    std::vector<finding> findings;
    void on_finding(const finding &f) override { findings.push_back(f); }
  } c;
  validator v(schemas, {}, c);
  input_buffer in = input_buffer::from_memory(bytes, "test.x12");
  v.run(in);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> keys;
  for (const finding &f : c.findings)
    if (f.code == "invalid-decimal") {
      keys.emplace_back(f.claim_index, f.claim_offset);
      CHECK(f.claim == u.all[f.claim_index - 1].claim_id);
    }
  CHECK(keys == std::vector<std::pair<std::uint64_t, std::uint64_t>>{{1, u.all[0].offset},
                                                                     {5, u.all[4].offset}});
  // Outside a claim there is no key: an envelope finding.
  bytes.replace(bytes.find("GE*1*101"), 8, "GE*1*102");
  collect e;
  validator v2(schemas, {}, e);
  input_buffer in2 = input_buffer::from_memory(bytes, "test.x12");
  v2.run(in2);
  bool saw_envelope = false;
  for (const finding &f : e.findings)
    if (f.code == "ge-control-number") {
      saw_envelope = true;
      CHECK(f.claim_index == 0);
    }
  CHECK(saw_envelope);
}
