#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "x12/envelope.h"
#include "x12_test_support.h"

using x12::envelope_event;
using x12::finding;
using x12::test::codes_of;
using x12::test::envelope_findings;
using x12::test::isa;
using strings = std::vector<std::string>;

namespace {

// Segments joined with "~\n" after a standard ISA.
std::string file(std::initializer_list<const char *> segments,
                 std::string header = isa()) {
  std::string out = header + "\n";
  for (const char *s : segments)
    out += std::string(s) + "~\n";
  return out;
}

const char *const gs = "GS*HC*SENDER*RECEIVER*20260101*1200*7*X*005010X222A1";

std::string clean_file() {
  return file({gs, "ST*837*0001*005010X222A1", "BHT*0019*00*1*20260101*1200*CH",
               "CLM*A1*100", "SE*4*0001", "ST*837*0002", "SE*2*0002", "GE*2*7",
               "IEA*1*000000001"});
}

// Segments fed straight to a checker, for sequences the reader would never
// produce (it skips everything between an IEA and the next ISA).
struct fed {
  std::vector<finding> findings;
  std::vector<envelope_event> events;
  x12::envelope_checker env{"f.x12", [this](finding &&f) { findings.push_back(std::move(f)); }};
  std::uint64_t number = 0;
  void operator()(std::string_view text) {
    x12::segment s{x12::segment_view(text, x12::delimiters{}), number * 10, ++number};
    events.push_back(env.on_segment(s));
  }
};

finding only(const std::vector<finding> &f, const char *code) {
  REQUIRE(codes_of(f) == strings{code});
  return f[0];
}

} // namespace

TEST_CASE("a well-formed interchange has no findings and fills the headers") {
  std::string bytes = clean_file();
  x12::input_buffer in = x12::input_buffer::from_memory(bytes, "t.x12");
  std::vector<finding> findings;
  x12::reader r(in);
  x12::envelope_checker env(in.name(), [&](finding &&f) { findings.push_back(f); });
  std::vector<envelope_event> events;
  std::vector<std::uint64_t> counts;
  while (auto s = r.next()) {
    events.push_back(env.on_segment(*s));
    if (events.back() == envelope_event::transaction_end)
      counts.push_back(env.transaction_segments());
    if (events.back() == envelope_event::transaction_start) {
      CHECK(env.interchange().sender_id == "SENDER");
      CHECK(env.interchange().receiver_id == "RECEIVER");
      CHECK(env.interchange().sender_qualifier == "ZZ");
      CHECK(env.interchange().control_number == "000000001");
      CHECK(env.interchange().date == "260101");
      CHECK(env.interchange().usage == "P");
      CHECK(env.interchange().segment == 1);
      CHECK(env.group().functional_id == "HC");
      CHECK(env.group().control_number == "7");
      CHECK(env.group().version == "005010X222A1");
      CHECK(env.group().segment == 2);
      CHECK(env.transaction().id == "837");
      // ST03 absent in the second transaction: the guide is GS08.
      CHECK(env.transaction().guide == "005010X222A1");
      CHECK(env.in_transaction());
    }
  }
  env.finish();
  CHECK(findings.empty());
  using e = envelope_event;
  CHECK(events == std::vector<e>{e::interchange_start, e::group_start, e::transaction_start,
                                 e::body, e::body, e::transaction_end, e::transaction_start,
                                 e::transaction_end, e::group_end, e::interchange_end});
  CHECK(counts == std::vector<std::uint64_t>{4, 2});
  CHECK(env.transactions_in_group() == 2);
  CHECK(env.groups_in_interchange() == 1);
}

TEST_CASE("ISA fields of the wrong width are reported one by one with TA1 notes") {
  std::string header = isa();
  header.replace(35, 15, "SENDER");      // ISA06 6 characters instead of 15
  header.replace(header.size() - 16, 9, "1234"); // ISA13 4 digits
  std::vector<finding> f = envelope_findings(file({"IEA*0*1234"}, header));
  REQUIRE(codes_of(f) == strings{"isa-length", "isa-field-length", "isa-field-length"});
  CHECK(f[1].where.element == 6);
  CHECK(f[1].ta1_note == "006");
  CHECK(f[1].message == "ISA06 interchange sender ID is 6 characters; it must be 15");
  CHECK(f[2].where.element == 13);
  CHECK(f[2].ta1_note == "018");
  CHECK(f[2].where.segment == 1);
  CHECK(f[2].where.segment_id == "ISA");
}

TEST_CASE("ISA values that are not dates, times or codes") {
  std::string header = isa();
  header.replace(70, 6, "261340"); // month 13
  header.replace(77, 4, "2460");
  header[header.size() - 6] = '2'; // ISA14
  header[header.size() - 4] = 'X'; // ISA15
  std::vector<finding> f = envelope_findings(file({"IEA*0*000000001"}, header));
  REQUIRE(codes_of(f) == strings{"isa-date", "isa-time", "isa-ack-requested", "isa-usage"});
  CHECK(f[0].message == "ISA09 interchange date '261340' is not a valid YYMMDD date");
  CHECK(f[1].ta1_note == "015");
  CHECK(f[2].message == "ISA14 acknowledgment requested is '2'; it must be 0 or 1");
  CHECK(f[3].message == "ISA15 usage indicator is 'X'; it must be P, T or I");
}

TEST_CASE("IEA02 must match ISA13, compared as numbers") {
  finding f = only(envelope_findings(file({"IEA*0*000000002"})), "iea-control-number");
  CHECK(f.message == "IEA02 '000000002' does not match ISA13 '000000001'");
  CHECK(f.where.segment == 2);
  CHECK(f.where.segment_id == "IEA");
  CHECK(f.where.element == 2);
  CHECK(f.where.offset == 107);
  CHECK(f.where.file == "t.x12");
  CHECK(f.ta1_note == "001");
  CHECK(envelope_findings(file({"IEA*0*1"})).empty());
}

TEST_CASE("IEA01 counts the groups") {
  finding f =
      only(envelope_findings(file({gs, "GE*0*7", "IEA*2*000000001"})), "iea-count");
  CHECK(f.message == "IEA01 is '2'; the interchange has 1 functional group");
  CHECK(f.ta1_note == "021");
  CHECK(f.where.element == 1);
  finding g = only(envelope_findings(file({"IEA*X*000000001"})), "iea-count");
  CHECK(g.message == "IEA01 is 'X'; the interchange has 0 functional groups");
}

TEST_CASE("GE02 must match GS06 and GE01 counts the transaction sets") {
  finding f =
      only(envelope_findings(file({gs, "GE*0*8", "IEA*1*000000001"})), "ge-control-number");
  CHECK(f.message == "GE02 '8' does not match GS06 '7'");
  CHECK(f.where.segment == 3);
  finding g = only(
      envelope_findings(file({gs, "ST*837*0001", "SE*2*0001", "GE*3*7", "IEA*1*000000001"})),
      "ge-count");
  CHECK(g.message == "GE01 is '3'; the group has 1 transaction set");
  CHECK(g.where.segment_id == "GE");
}

TEST_CASE("SE02 must match ST02 and SE01 counts the segments") {
  std::vector<finding> f = envelope_findings(
      file({gs, "ST*837*0001", "BHT*1", "SE*5*0009", "GE*1*7", "IEA*1*000000001"}));
  REQUIRE(codes_of(f) == strings{"se-control-number", "se-count"});
  CHECK(f[0].message == "SE02 '0009' does not match ST02 '0001'");
  CHECK(f[1].message == "SE01 is '5'; the transaction set has 3 segments");
  CHECK(f[1].where.segment == 5);
  CHECK(f[1].where.element == 1);
  CHECK(f[1].transaction == "0001");
  CHECK(f[1].guide == "005010X222A1");
}

TEST_CASE("ST03 must match GS08") {
  finding f = only(envelope_findings(file({gs, "ST*837*0001*005010X223A2", "SE*2*0001",
                                                  "GE*1*7", "IEA*1*000000001"})),
                          "st-guide-mismatch");
  CHECK(f.message == "ST03 '005010X223A2' does not match GS08 '005010X222A1'");
  CHECK(f.where.element == 3);
}

TEST_CASE("control numbers that are not numbers") {
  std::vector<finding> f = envelope_findings(file({"GS*HC*A*B*20260101*1200*7A*X*005010X222A1",
                                                   "ST*837*01", "SE*2*01", "GE*1*7A",
                                                   "IEA*1*000000001"}));
  REQUIRE(codes_of(f) == strings{"gs-control-number", "st-control-number"});
  CHECK(f[0].message == "GS06 group control number '7A' is not 1 to 9 digits");
  CHECK(f[1].message == "ST02 transaction set control number '01' is not 4 to 9 characters");
  // ST02 is alphanumeric: letters are fine.
  CHECK(envelope_findings(file({"GS*HC*A*B*20260101*1200*7*X*005010X222A1", "ST*837*AB12", "SE*2*AB12",
                                "GE*1*7", "IEA*1*000000001"})).empty());
}

TEST_CASE("duplicate control numbers") {
  SUBCASE("ISA13 within the input") {
    std::string one = file({"IEA*0*000000001"});
    finding f = only(envelope_findings(one + one), "isa-duplicate-control-number");
    CHECK(f.where.segment == 3);
    CHECK(f.ta1_note == "025");
    CHECK(f.message ==
          "ISA13 interchange control number '000000001' is used by an earlier interchange in "
          "this input");
  }
  SUBCASE("GS06 within an interchange, but not across interchanges") {
    finding f = only(envelope_findings(file({gs, "GE*0*7", gs, "GE*0*7",
                                                    "IEA*2*000000001"})),
                            "gs-duplicate-control-number");
    CHECK(f.where.segment == 4);
    std::string second = file({gs, "GE*0*7", "IEA*1*000000002"},
                              isa('*', ':', '^', '~', "000000002"));
    CHECK(envelope_findings(file({gs, "GE*0*7", "IEA*1*000000001"}) + second).empty());
  }
  SUBCASE("ST02 within a group, but not across groups") {
    finding f = only(envelope_findings(file({gs, "ST*837*0001", "SE*2*0001",
                                                    "ST*837*0001", "SE*2*0001", "GE*2*7",
                                                    "IEA*1*000000001"})),
                            "st-duplicate-control-number");
    CHECK(f.where.segment == 5);
    CHECK(envelope_findings(file({gs, "ST*837*0001", "SE*2*0001", "GE*1*7",
                                  "GS*HC*A*B*20260101*1200*8*X*005010X222A1", "ST*837*0001",
                                  "SE*2*0001", "GE*1*8", "IEA*2*000000001"}))
              .empty());
  }
}

TEST_CASE("an interchange cut short reports each open envelope") {
  std::string bytes = file({gs, "ST*837*0042*005010X222A1", "BHT*0019"});
  std::vector<finding> f = envelope_findings(bytes);
  REQUIRE(codes_of(f) == strings{"se-missing", "ge-missing", "iea-missing"});
  for (const finding &x : f) {
    CHECK(x.level == x12::severity::error);
    CHECK(x.where.segment == 4); // the last segment read
    CHECK(x.where.offset == bytes.size() - 10);
  }
  CHECK(f[0].message == "transaction set 837 '0042' (ST at segment 3) has no SE before the "
                        "end of input (interchange cut short)");
  CHECK(f[0].transaction == "0042");
  CHECK(f[1].message == "functional group '7' (GS at segment 2) has no GE before the end of "
                        "input (interchange cut short)");
  CHECK(f[2].message == "interchange '000000001' (ISA at segment 1) has no IEA before the end "
                        "of input (interchange cut short)");
  CHECK(f[2].ta1_note == "023");
}

TEST_CASE("a missing SE or GE is noticed at the next envelope segment") {
  std::vector<finding> f = envelope_findings(file({gs, "ST*837*0001", "ST*837*0002",
                                                   "SE*2*0002", "GE*2*7", "IEA*1*000000001"}));
  finding se = only(f, "se-missing");
  CHECK(se.where.segment == 4);
  CHECK(se.message.ends_with("has no SE before the next ST"));

  std::vector<finding> g = envelope_findings(
      file({gs, "GS*HC*A*B*20260101*1200*8*X*005010X222A1", "GE*0*8", "IEA*2*000000001"}));
  finding ge = only(g, "ge-missing");
  CHECK(ge.where.segment == 3);
  CHECK(ge.message == "functional group '7' (GS at segment 2) has no GE before the next GS");
}

TEST_CASE("an ISA before the IEA closes the open interchange") {
  std::string first = file({gs, "ST*837*0001"});
  std::string second = file({"IEA*0*000000002"}, isa('*', ':', '^', '~', "000000002"));
  std::vector<finding> f = envelope_findings(first + second);
  CHECK(codes_of(f) == strings{"se-missing", "ge-missing", "iea-missing"});
  CHECK(f[2].message.ends_with("has no IEA before the next ISA"));
  CHECK(f[2].where.segment == 4);
}

TEST_CASE("segments outside their envelopes are stray") {
  fed s;
  s("GS*HC*A*B*20260101*1200*1*X*005010X222A1");
  s("ST*837*0001");
  s("SE*1*0001");
  s("GE*0*1");
  s("IEA*0*1");
  s("TA1*1");
  s(isa().substr(0, 105));
  s("NM1*85*2");
  s("TA1*000000001*260101*1200*A*000");
  s("GS*HC*A*B*20260101*1200*1*X*005010X222A1");
  s("TA1*000000001*260101*1200*A*000");
  s("CLM*1*100");
  s.env.finish(); // the last stray run is reported when it ends
  using e = envelope_event;
  CHECK(s.events == std::vector<e>{e::stray, e::stray, e::stray, e::stray, e::stray, e::stray,
                                   e::interchange_start, e::stray, e::acknowledgment,
                                   e::group_start, e::stray, e::stray});
  CHECK(codes_of(s.findings) ==
        strings{"gs-outside-interchange", "st-outside-group", "se-unpaired", "ge-unpaired",
                "iea-unpaired", "ta1-misplaced", "segment-outside-transaction",
                "ta1-misplaced", "segment-outside-transaction", "ge-missing", "iea-missing"});
  CHECK(s.findings[6].message == "NM1 segment outside a transaction set");
  CHECK(s.findings[6].where.segment == 8);
  CHECK(s.findings[6].where.offset == 70);
  CHECK(s.findings[6].ta1_note == "024");
  CHECK(s.findings[8].message == "CLM segment outside a transaction set");
  CHECK(s.findings[8].ta1_note == "");
}

TEST_CASE("a run of stray segments with one ID is one finding with its count and bytes") {
  std::string bytes = isa() + "\n";
  const std::uint64_t first = bytes.size();
  bytes += std::string(1000, '~') + "NM1*85~NM1*85~N3*A~NM1*85~" + gs + "~";
  std::vector<finding> f = envelope_findings(bytes);
  REQUIRE(codes_of(f) == strings{"segment-outside-transaction", "segment-outside-transaction",
                                 "segment-outside-transaction", "segment-outside-transaction",
                                 "ge-missing", "iea-missing"});
  CHECK(f[0].count == 1000);
  CHECK(f[0].where.offset == first);
  CHECK(f[0].where.end_offset == first + 1000);
  CHECK(f[0].where.segment == 2);
  CHECK(f[0].ta1_note == "024");
  CHECK(f[0].message == "1000 empty segments outside a transaction set, between byte " +
                            std::to_string(first) + " and " + std::to_string(first + 1000));
  CHECK(f[1].count == 2);
  CHECK(f[1].message.starts_with("2 NM1 segments outside a transaction set, between byte "));
  CHECK(f[2].count == 1);
  CHECK(f[2].message == "N3 segment outside a transaction set");
  CHECK(f[2].where.end_offset == 0);
  CHECK(f[3].message == "NM1 segment outside a transaction set");
}

TEST_CASE("one empty segment outside a transaction says so") {
  std::vector<finding> f = envelope_findings(isa() + "\n~" + gs + "~");
  REQUIRE(codes_of(f).front() == "segment-outside-transaction");
  CHECK(f[0].message == "empty segment outside a transaction set");
}

TEST_CASE("values from the input are quoted and made printable in messages") {
  fed s;
  s(isa().substr(0, 105));
  s(std::string_view("IEA*0*\x01\x02 9", 10));
  finding f = only(s.findings, "iea-control-number");
  CHECK(f.message == "IEA02 '\\x01\\x02 9' does not match ISA13 '000000001'");
}
