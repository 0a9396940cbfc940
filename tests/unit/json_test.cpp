#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "x12/json.h"
#include "x12_test_support.h"

using x12::test::isa;
using x12::test::slurp;
using x12::test::temp_dir;
namespace bj = boost::json;

namespace {

const x12::schema_set &schemas() {
  static const x12::schema_set set = x12::schema_set::load(X12_SOURCE_SCHEMAS_DIR);
  return set;
}

struct to_json {
  std::string text;
  std::vector<x12::finding> findings;
  x12::json_write_stats stats;
  explicit to_json(std::string_view x12, x12::json_shape shape = x12::json_shape::document) {
    temp_dir dir;
    x12::input_buffer in = x12::input_buffer::from_memory(x12, "t.x12");
    {
      x12::output_file out(dir / "out.json");
      stats = x12::x12_to_json(in, out, schemas(), shape,
                               [this](x12::finding &&f) { findings.push_back(std::move(f)); });
      out.commit();
    }
    text = slurp(dir / "out.json");
  }
  bj::value doc() const { return bj::parse(text); }
  std::vector<bj::value> lines() const {
    std::vector<bj::value> out;
    for (std::size_t at = 0; at < text.size();) {
      std::size_t end = text.find('\n', at);
      out.push_back(bj::parse(std::string_view(text).substr(at, end - at)));
      at = end + 1;
    }
    return out;
  }
};

struct to_x12 {
  std::string text;
  x12::result<x12::json_read_stats> r = x12::failure("not read yet");
  explicit to_x12(std::string_view json, x12::json_read_options options = {}) {
    temp_dir dir;
    x12::input_buffer in = x12::input_buffer::from_memory(json, "t.json");
    {
      x12::output_file out(dir / "out.x12");
      r = x12::json_to_x12(in, out, options);
      out.commit();
    }
    text = slurp(dir / "out.x12");
  }
  std::string error() const { return r ? std::string() : r.error().message(); }
};

std::string round_trip(std::string_view x12) { return to_x12(to_json(x12).text).text; }

// The items of a content array that are loops, by their IDs.
std::vector<std::string> loop_ids(const bj::array &content) {
  std::vector<std::string> out;
  for (const bj::value &item : content)
    if (const bj::value *id = item.as_object().if_contains("loop"))
      out.emplace_back(id->as_string());
  return out;
}

const bj::object &loop(const bj::array &content, std::string_view id) {
  for (const bj::value &item : content)
    if (const bj::value *l = item.as_object().if_contains("loop"); l && l->as_string() == id)
      return item.as_object();
  FAIL("no loop " << id);
  throw std::logic_error("unreachable");
}

const bj::object &segment(const bj::array &content, std::string_view id) {
  for (const bj::value &item : content)
    if (const bj::value *s = item.as_object().if_contains("segment"); s && s->as_string() == id)
      return item.as_object();
  FAIL("no segment " << id);
  throw std::logic_error("unreachable");
}

const bj::array &content_of(const bj::value &doc, std::size_t transaction = 0) {
  return doc.at("interchanges")
      .at(0)
      .at("groups")
      .at(0)
      .at("transactions")
      .at(transaction)
      .at("content")
      .as_array();
}

std::string envelope(std::string_view body, std::string_view set = "837",
                     std::string_view guide = "005010X222A1", std::string isa_text = isa()) {
  std::size_t segments = 2;
  for (char c : body)
    segments += c == '~';
  return isa_text + "GS*HC*S*R*20260101*1200*1*X*" + std::string(guide) + "~ST*" +
         std::string(set) + "*0001*" + std::string(guide) + "~" + std::string(body) + "SE*" +
         std::to_string(segments) + "*0001~GE*1*1~IEA*1*000000001~";
}

const std::string claim_body =
    "BHT*0019*00*X1*20260101*1200*CH~NM1*41*2*SUBMITTER*****46*S1~PER*IC*DESK*TE*5555550100~"
    "NM1*40*2*PAYER*****46*P1~HL*1**20*1~NM1*85*2*CLINIC*****XX*1234567893~N3*1 MAIN ST~"
    "N4*SPRINGFIELD*IL*627010001~REF*EI*371234567~HL*2*1*22*0~SBR*P*18*G1******CI~"
    "NM1*IL*1*DOE*JANE****MI*M1~NM1*PR*2*PAYER*****PI*P1~CLM*A1*100***11:B:1*Y*A*Y*Y~"
    "HI*ABK:J069~LX*1~SV1*HC:99213*100*UN*1***1~DTP*472*D8*20260105~";

} // namespace

TEST_CASE("the document is the loop tree, named by the schema, envelopes included") {
  to_json j(envelope(claim_body));
  CHECK(j.findings.empty());
  bj::value doc = j.doc();
  const bj::object &ic = doc.at("interchanges").at(0).as_object();
  CHECK(ic.at("separators") == bj::parse(R"({"element":"*","component":":","repetition":"^",)"
                                         R"("segment":"~"})"));
  CHECK(ic.at("line_break") == "");
  const bj::array &isa_elements = ic.at("isa").at("elements").as_array();
  REQUIRE(isa_elements.size() == 16);
  CHECK(isa_elements[5] == bj::parse(R"({"name":"Interchange Sender ID","value":"SENDER         "})"));
  CHECK(isa_elements[10].at("value") == "^");
  CHECK(isa_elements[15].at("value") == ":");
  CHECK(ic.at("iea").at("segment") == "IEA");
  const bj::object &group = ic.at("groups").at(0).as_object();
  CHECK(group.at("gs").at("elements").at(7).at("name") ==
        "Version / Release / Industry Identifier Code");
  CHECK(group.at("ge").at("elements").at(0).at("value") == "1");
  const bj::object &tx = group.at("transactions").at(0).as_object();
  CHECK(tx.at("set") == "837");
  CHECK(tx.at("control_number") == "0001");
  CHECK(tx.at("guide") == "005010X222A1");

  const bj::array &content = tx.at("content").as_array();
  CHECK(content.front().at("segment") == "ST");
  CHECK(content.front().at("name") == "Transaction Set Header");
  CHECK(content.back().at("segment") == "SE");
  CHECK(loop_ids(content) == std::vector<std::string>{"1000A", "1000B", "2000A"});
  const bj::object &billing = loop(content, "2000A");
  CHECK(billing.at("name") == "Billing Provider Hierarchical Level");
  const bj::array &in_2000a = billing.at("content").as_array();
  CHECK(loop_ids(in_2000a) == std::vector<std::string>{"2010AA", "2000B"});
  const bj::object &nm1 = segment(loop(in_2000a, "2010AA").at("content").as_array(), "NM1");
  CHECK(nm1.at("name") == "Billing Provider Name");
  CHECK(nm1.at("elements").at(0) ==
        bj::parse(R"({"name":"Entity Identifier Code","value":"85"})"));
  CHECK(nm1.at("elements").as_array().size() == 9); // as sent, empty ones included
  const bj::object &claim = loop(loop(in_2000a, "2000B").at("content").as_array(), "2300");
  const bj::object &clm = segment(claim.at("content").as_array(), "CLM");
  CHECK(clm.at("elements").at(4).at("value") == bj::parse(R"(["11","B","1"])"));
  CHECK(clm.at("elements").at(2).at("value") == "");
  const bj::object &service = loop(claim.at("content").as_array(), "2400");
  const bj::object &sv1 = segment(service.at("content").as_array(), "SV1");
  CHECK(sv1.at("elements").at(0).at("value") == bj::parse(R"(["HC","99213"])"));
  CHECK(sv1.at("elements").at(6).at("value") == bj::parse(R"(["1"])"));
  CHECK_FALSE(sv1.contains("unplaced"));
  CHECK(j.stats.transactions == 1);
  CHECK(j.stats.segments == 24);
}

TEST_CASE("the document streams: each segment on its own line") {
  to_json j(envelope(claim_body));
  std::size_t lines = 0;
  for (char c : j.text)
    lines += c == '\n';
  // The interchange, group and transaction, 20 segments from ST to SE and 9
  // loops each open a line; so do "ge" and "iea"; and the document ends with one.
  CHECK(lines == 3 + 20 + 9 + 2 + 1);
  CHECK(j.text.starts_with("{\"interchanges\":[\n  {\"separators\":"));
  CHECK(j.text.ends_with("]}\n"));
}

TEST_CASE("a segment the guide does not place is flagged, in the loop that was open") {
  std::string body = claim_body + "ZZZ*1*2~";
  bj::value doc = to_json(envelope(body)).doc();
  const bj::array &content = content_of(doc);
  const bj::array &claim = loop(loop(loop(content, "2000A").at("content").as_array(), "2000B")
                                    .at("content")
                                    .as_array(),
                                "2300")
                               .at("content")
                               .as_array();
  const bj::object &zzz = segment(loop(claim, "2400").at("content").as_array(), "ZZZ");
  CHECK(zzz.at("unplaced") == true);
  CHECK_FALSE(zzz.contains("name"));
  CHECK(zzz.at("elements") == bj::parse(R"([{"value":"1"},{"value":"2"}])"));
}

TEST_CASE("a transaction without a schema is a flat list; unknown composites split on data") {
  bj::value doc = to_json(envelope("AAA*1*X:Y~BBB*2~", "999", "NOPE")).doc();
  const bj::array &content = content_of(doc);
  REQUIRE(content.size() == 4);
  CHECK(loop_ids(content).empty());
  CHECK(content[0].at("name") == "Transaction Set Header"); // envelope names still apply
  CHECK_FALSE(content[1].as_object().contains("unplaced"));
  CHECK(content[1].at("elements").at(1).at("value") == bj::parse(R"(["X","Y"])"));
}

TEST_CASE("repeated elements are \"repeats\"; ISA11 and ISA16 stay values") {
  std::string body = "BHT*0019*00*X1*20260101*1200*CH~ZZZ*A^B*C:D^E~";
  bj::value doc = to_json(envelope(body)).doc();
  const bj::array &content = content_of(doc);
  const bj::object &zzz = segment(content, "ZZZ");
  CHECK(zzz.at("elements").at(0) == bj::parse(R"({"repeats":["A","B"]})"));
  CHECK(zzz.at("elements").at(1) == bj::parse(R"({"repeats":[["C","D"],["E"]]})"));
  CHECK(round_trip(envelope(body)) == envelope(body));
}

TEST_CASE("the round trip gives back the same bytes") {
  const std::string plain = envelope(claim_body);
  SUBCASE("no line breaks") { CHECK(round_trip(plain) == plain); }
  SUBCASE("LF after every segment, the last one too") {
    std::string lf;
    for (char c : plain)
      lf += c == '~' ? std::string("~\n") : std::string(1, c);
    CHECK(round_trip(lf) == lf);
    to_json j(lf);
    CHECK(j.text.find("\"break\"") == std::string::npos);
  }
  SUBCASE("CRLF, and none after the last segment") {
    std::string crlf;
    for (char c : plain)
      crlf += c == '~' ? std::string("~\r\n") : std::string(1, c);
    crlf.resize(crlf.size() - 2);
    CHECK(round_trip(crlf) == crlf);
    CHECK(to_json(crlf).doc().at("interchanges").at(0).at("iea").at("break") == "");
  }
  SUBCASE("other separators, no repetition separator, two interchanges") {
    std::string other = envelope(claim_body, "837", "005010X222A1", isa('|', '>', '\0', '!'));
    for (char &c : other)
      c = c == '*' ? '|' : c == '~' ? '!' : c == ':' ? '>' : c;
    std::string two = other + plain;
    CHECK(round_trip(two) == two);
    bj::value doc = to_json(two).doc();
    CHECK(doc.at("interchanges").at(0).at("separators").at("repetition").is_null());
    CHECK(doc.at("interchanges").at(1).at("separators").at("element") == "*");
  }
  SUBCASE("trailing empty elements, quotes, backslashes, control bytes, UTF-8 and Latin-1") {
    std::string body = std::string("NTE*ADD*a \"quoted\" \\ back\tslash***~") +
                       "NTE*ADD*caf\xC3\xA9 \xE9t\xE9 \xEF\x9E\x80 \x01~";
    std::string odd = envelope(claim_body + body);
    CHECK(round_trip(odd) == odd);
    std::string json = to_json(odd).text;
    CHECK(json.find("caf\xC3\xA9") != std::string::npos); // UTF-8 stays readable
    CHECK(json.find("\\uf7e9t\\uf7e9") != std::string::npos);
    CHECK(json.find("\\uf7ef\\uf79e\\uf780") != std::string::npos);
    CHECK(json.find("\\u0001") != std::string::npos);
  }
  SUBCASE("a TA1 interchange and a segment outside any transaction") {
    std::string ta1 = isa() + "TA1*000000001*260101*1200*A*000~IEA*0*000000001~";
    CHECK(round_trip(ta1) == ta1);
    bj::value doc = to_json(ta1).doc();
    CHECK(doc.at("interchanges").at(0).at("groups").at(0).at("segment") == "TA1");
  }
  SUBCASE("what the reader passes over: a byte-order mark, indentation, garbage") {
    std::string lf;
    for (char c : plain)
      lf += c == '~' ? std::string("~\n") : std::string(1, c);
    std::string indented = lf;
    indented.replace(indented.find("\nBHT"), 1, "\n\t  ");
    std::string odd = "\xEF\xBB\xBF \r\n" + indented + "junk between\n" + lf + "\n  trailing junk";
    CHECK(round_trip(odd) == odd);
    bj::value doc = to_json(odd).doc();
    CHECK(doc.at("interchanges").at(0).at("before") == "\xEF\xBB\xBF \r\n");
    CHECK(doc.at("interchanges").at(1).at("before") == "junk between\n");
    CHECK(doc.at("after") == "trailing junk");
    const bj::array &content = content_of(doc);
    CHECK(content.at(0).at("break") == "\n\t  ");
  }
  SUBCASE("a last segment without a terminator, and an unreadable header") {
    std::string cut = plain.substr(0, plain.size() - 1) + "\n";
    CHECK(round_trip(cut) == cut);
    CHECK(to_json(cut).doc().at("interchanges").at(0).at("iea").at("break").is_null());
    std::string broken = "ISA*00*short~" + plain;
    CHECK(round_trip(broken) == broken);
  }
  SUBCASE("a NUL outside any segment is not kept: it may be a page given back") {
    std::string nul = plain + std::string("x\0y", 3);
    CHECK(round_trip(nul) == plain);
  }
  SUBCASE("an interchange cut short") {
    std::string cut = isa() + "GS*HC*S*R*20260101*1200*1*X*005010X222A1~ST*837*0001*"
                              "005010X222A1~BHT*0019*00*X1*20260101*1200*CH~";
    to_json j(cut);
    CHECK_FALSE(j.findings.empty());
    CHECK(to_x12(j.text).text == cut);
  }
}

TEST_CASE("reader and envelope findings are reported, the guide's are not") {
  std::string bad_count = envelope(claim_body);
  bad_count.replace(bad_count.find("SE*20"), 5, "SE*99");
  to_json j(bad_count + "garbage");
  std::vector<std::string> codes = x12::test::codes_of(j.findings);
  CHECK(codes == std::vector<std::string>{"se-count", "trailing-garbage"});
  // Missing required segments and unknown guides are the validator's business.
  CHECK(to_json(envelope("BHT*0019*00*X1*20260101*1200*CH~")).findings.empty());
  CHECK(to_json(envelope("AAA~", "837", "NOPE")).findings.empty());
}

TEST_CASE("jsonl: one line per 837 claim with its context, one per other transaction") {
  std::string body = claim_body + "CLM*A2*50***11:B:1*Y*A*Y*Y~HI*ABK:J069~LX*1~"
                                  "SV1*HC:99212*50*UN*1***1~HL*3*1*22*0~SBR*P*18*G2******CI~"
                                  "NM1*IL*1*ROE*RICK****MI*M2~NM1*PR*2*PAYER*****PI*P1~"
                                  "CLM*A3*75***11:B:1*Y*A*Y*Y~HI*ABK:J069~LX*1~"
                                  "SV1*HC:99211*75*UN*1***1~";
  to_json j(envelope(body), x12::json_shape::jsonl);
  std::vector<bj::value> lines = j.lines();
  REQUIRE(lines.size() == 3);
  CHECK(j.stats.claims == 3);
  std::vector<std::string> claims, subscribers;
  for (const bj::value &line : lines) {
    CHECK(line.at("interchange").at("isa").at("segment") == "ISA");
    CHECK(line.at("group").at("gs").at("segment") == "GS");
    const bj::array &header = line.at("transaction").at("content").as_array();
    CHECK(loop_ids(header) == std::vector<std::string>{"1000A", "1000B"});
    for (const bj::value &item : header) // no SE: it comes after the claims
      CHECK(item.at(item.as_object().contains("loop") ? "loop" : "segment") != "SE");
    const bj::array &context = line.at("context").as_array();
    REQUIRE(context.size() == 2);
    CHECK(context[0].at("loop") == "2000A");
    CHECK(loop_ids(context[0].at("content").as_array()) == std::vector<std::string>{"2010AA"});
    CHECK(context[1].at("loop") == "2000B");
    const bj::array &subscriber = context[1].at("content").as_array();
    CHECK(loop_ids(subscriber) == std::vector<std::string>{"2010BA", "2010BB"}); // no claims
    subscribers.emplace_back(segment(loop(subscriber, "2010BA").at("content").as_array(), "NM1")
                                 .at("elements")
                                 .at(2)
                                 .at("value")
                                 .as_string());
    CHECK(line.at("claim").at("loop") == "2300");
    claims.emplace_back(segment(line.at("claim").at("content").as_array(), "CLM")
                            .at("elements")
                            .at(0)
                            .at("value")
                            .as_string());
  }
  CHECK(claims == std::vector<std::string>{"A1", "A2", "A3"});
  CHECK(subscribers == std::vector<std::string>{"DOE", "DOE", "ROE"});

  to_json claimless(envelope("BHT*0019*00*X1*20260101*1200*CH~"), x12::json_shape::jsonl);
  REQUIRE(claimless.lines().size() == 1);
  CHECK(claimless.lines()[0].at("transaction").at("content").at(1).at("segment") == "BHT");

  to_json other(envelope("AAA*1~", "999", "NOPE") + envelope("BBB~", "999", "NOPE"),
                x12::json_shape::jsonl);
  std::vector<bj::value> per_transaction = other.lines();
  REQUIRE(per_transaction.size() == 2);
  CHECK_FALSE(per_transaction[0].as_object().contains("claim"));
  CHECK(per_transaction[1].at("transaction").at("content").at(1).at("segment") == "BBB");
}

TEST_CASE("counts: kept as the JSON has them, computed for null or with recount") {
  std::string x12 = envelope(claim_body);
  std::string json = to_json(x12).text;
  std::string wrong = json;
  wrong.replace(wrong.find("\"value\":\"20\"", wrong.find("\"segment\":\"SE\"")), 12,
                "\"value\":\"7\"");
  CHECK(to_x12(wrong).text.find("SE*7*0001~") != std::string::npos);
  CHECK(to_x12(wrong, {.recount = true}).text == x12);
  std::string nulls = wrong;
  nulls.replace(nulls.find("\"value\":\"7\""), 11, "\"value\":null");
  std::size_t ge = nulls.find("\"ge\":");
  nulls.replace(nulls.find("\"value\":\"1\"", ge), 11, "\"value\":null");
  std::size_t iea = nulls.find("\"iea\":");
  nulls.replace(nulls.find("\"value\":\"1\"", iea), 11, "\"value\":null");
  CHECK(to_x12(nulls).text == x12);
}

TEST_CASE("several documents one after another read back as one stream") {
  std::string a = envelope(claim_body);
  std::string b = envelope("BHT*0019*00*X2*20260101*1200*CH~");
  CHECK(to_x12(to_json(a).text + to_json(b).text).text == a + b);
}

TEST_CASE("malformed or misshapen JSON fails naming the path") {
  std::string good = to_json(envelope(claim_body)).text;
  auto with = [&](std::string_view from, std::string_view to, std::size_t nth = 0) {
    std::string s = good;
    std::size_t at = s.find(from);
    for (std::size_t i = 0; i < nth; ++i)
      at = s.find(from, at + 1);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
  };
  CHECK(to_x12("{\"interchanges\":[").error().starts_with("interchanges: incomplete JSON"));
  CHECK(to_x12("[]").error() == "a document is an object with \"interchanges\", not an array "
                                "(byte 0)");
  CHECK(to_x12("{\"interchange\":[]}").error() ==
        "unknown key \"interchange\" (expected \"interchanges\", \"after\") (byte 13)");
  CHECK(to_x12(with("\"value\":\"0019\"", "\"value\":19")).error().starts_with(
      "interchanges[0].groups[0].transactions[0].content[1].elements[0].value: expected a "
      "string, an array of components or null, found a number"));
  CHECK(to_x12(with("\"elements\":[{\"name\":\"Transaction Set Identifier Code\",\"value\":"
                    "\"837\"}",
                    "\"elements\":[{\"name\":\"x\",\"value\":\"8*7\"}"))
            .error()
            .starts_with("interchanges[0].groups[0].transactions[0].content[0].elements[0].value: "
                         "the value holds the element separator '*'"));
  CHECK(to_x12(with("\"value\":\"0019\"", "\"value\":null")).error().starts_with(
      "interchanges[0].groups[0].transactions[0].content[1]: null stands for a computed count"));
  CHECK(to_x12(with("\"value\":\"0001\"", "\"value\":null")).error().starts_with(
      "interchanges[0].groups[0].transactions[0].content[0].elements[1]: null stands for a "
      "computed count"));
  CHECK(to_x12(with("\"segment\":\"BHT\"", "\"sgement\":\"BHT\"")).error().starts_with(
      "interchanges[0].groups[0].transactions[0].content[1]: unknown key \"sgement\" "
      "(expected a loop"));
  CHECK(to_x12(with("\"component\":\":\"", "\"component\":\"^\"")).error().starts_with(
      "interchanges[0].separators: the separators are not all different"));
  CHECK(to_x12(with("\"component\":\":\"", "\"component\":\">\"")).error().starts_with(
      "interchanges[0].isa: the ISA reads back with the separators \"*:^~\", not the \"*>^~\""));
  std::string late = good;
  std::size_t sep = late.find("\"separators\"");
  std::string separators = late.substr(sep, late.find('}', sep) + 1 - sep);
  late.erase(sep, separators.size() + 1); // and its comma
  late.insert(late.find(",\"groups\""), "," + separators);
  CHECK(to_x12(late).error().starts_with("interchanges[0].isa: \"isa\" comes before "
                                         "\"separators\", which must come first"));
}

TEST_CASE("looks_like_json tells a JSON document from X12") {
  auto of = [](std::string_view bytes) {
    x12::input_buffer in = x12::input_buffer::from_memory(bytes);
    return x12::looks_like_json(in);
  };
  CHECK(of(" \n{\"interchanges\":[]}"));
  CHECK_FALSE(of(isa()));
  CHECK_FALSE(of(""));
}
