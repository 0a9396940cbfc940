#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <string>

#include "x12/finding_codes.h"

namespace {

// The codes of a shipped code table (one "code" column after its header).
std::set<std::string> shipped_codes(const std::string &table) {
  std::ifstream in(std::string(X12_SOURCE_SCHEMAS_DIR) + "/codes/" + table + ".csv");
  REQUIRE(in);
  std::set<std::string> codes;
  std::string line;
  std::getline(in, line); // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    codes.insert(line.substr(0, line.find(',')));
  }
  return codes;
}

bool kebab_case(std::string_view code) {
  if (code.empty() || code.front() == '-' || code.back() == '-')
    return false;
  for (char c : code)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return false;
  return true;
}

} // namespace

TEST_CASE("finding codes are unique, in order, and found by their code") {
  std::set<std::string_view> seen;
  std::string_view previous;
  for (const x12::finding_code &c : x12::finding_codes()) {
    CAPTURE(c.code);
    CHECK(kebab_case(c.code));
    CHECK(seen.insert(c.code).second);
    CHECK(previous < c.code);
    previous = c.code;
    CHECK(x12::find_finding_code(c.code) == &c);
  }
  CHECK(seen.size() >= 90);
  CHECK(x12::find_finding_code("clm-charge-balance") == nullptr); // a rule's id
  CHECK(x12::find_finding_code("") == nullptr);
  CHECK(x12::find_finding_code("zzz") == nullptr);
}

TEST_CASE("every entry has a level, a severity, a meaning and well-formed acknowledgment codes") {
  for (const x12::finding_code &c : x12::finding_codes()) {
    CAPTURE(c.code);
    CHECK(c.snip >= 1);
    CHECK(c.snip <= 7);
    CHECK_FALSE(c.meaning.empty());
    // An IK4 goes under an IK3 whose IK304 is 8, "segment has data element errors".
    if (!c.element_code.empty())
      CHECK(c.segment_code == "8");
    if (!c.ta1_note.empty())
      CHECK(c.ta1_note.size() == 3);
    // A warning rejects nothing.
    if (c.level != x12::severity::error) {
      CHECK(c.segment_code.empty());
      CHECK(c.transaction_code.empty());
      CHECK(c.group_code.empty());
      CHECK(c.ta1_note.empty());
      CHECK(c.claim_status.empty());
    }
  }
}

TEST_CASE("277CA mappings use the published category, status and entity codes") {
  const std::set<std::string> statuses = shipped_codes("claim_status");
  const std::set<std::string> categories = shipped_codes("claim_status_category");
  const std::set<std::string> entities = shipped_codes("entity_identifier");
  int mapped = 0;
  for (const x12::finding_code &c : x12::finding_codes()) {
    CAPTURE(c.code);
    const x12::claim_status_mapping &m = c.claim_status;
    if (m.empty()) {
      CHECK(m.status.empty());
      CHECK(m.entity.empty());
      CHECK_FALSE(m.entity_from_segment);
      continue;
    }
    ++mapped;
    CHECK((m.category == "A6" || m.category == "A7" || m.category == "A8"));
    CHECK(categories.count(std::string(m.category)));
    CHECK(statuses.count(std::string(m.status)));
    if (!m.entity.empty())
      CHECK(entities.count(std::string(m.entity)));
    CHECK_FALSE((m.entity_from_segment && !m.entity.empty()));
  }
  CHECK(mapped >= 30);
  // The NPI of whichever provider the NM1 names: 85 billing, 82 rendering.
  const x12::finding_code *npi = x12::find_finding_code("npi-check-digit");
  REQUIRE(npi);
  CHECK(npi->claim_status.status == "562");
  CHECK(npi->claim_status.entity_from_segment);
}

TEST_CASE("a finding made from an entry carries its code, level and acknowledgment codes") {
  const x12::finding_code *code = x12::find_finding_code("element-too-long");
  REQUIRE(code);
  x12::finding f = x12::finding_from(*code);
  CHECK(f.code == "element-too-long");
  CHECK(f.level == x12::severity::error);
  CHECK(f.snip == 2);
  CHECK(f.segment_code == "8");
  CHECK(f.element_code == "5");
  CHECK(f.ta1_note.empty());
  x12::finding isa = x12::finding_from(*x12::find_finding_code("isa-date"));
  CHECK(isa.ta1_note == "014");
  CHECK(isa.segment_code.empty());
}
