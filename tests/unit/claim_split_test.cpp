#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "x12/claim_split.h"

namespace {

struct piece {
  std::vector<std::string> segments;
  std::uint64_t claims = 0, counted = 0;
  bool full = false;
};

struct cut_result {
  std::vector<piece> pieces;
  std::vector<x12::finding> findings;
  std::vector<std::string> source; // the body segments of the input
};

// Runs the splitter over every transaction of `in`, with room for `room`
// claims per piece.
cut_result cut(x12::input_buffer &in, std::uint64_t room) {
  cut_result out;
  x12::claim_splitter *self = nullptr;
  x12::claim_splitter splitter(
      in.name(),
      [&](const x12::claim_piece &p) {
        piece got;
        x12::for_each_segment(p, [&](const x12::segment_view &v) {
          got.segments.emplace_back(v.text());
        });
        got.claims = p.claims;
        got.counted = p.segments;
        got.full = p.full;
        out.pieces.push_back(got);
        self->set_room(room);
      },
      [&](x12::finding &&f) { out.findings.push_back(std::move(f)); });
  self = &splitter;
  splitter.set_room(room);
  x12::reader r(in);
  bool inside = false;
  while (auto s = r.next()) {
    if (s->view.is("ST")) {
      splitter.begin(*s);
      inside = true;
    } else if (s->view.is("SE")) {
      splitter.end();
      inside = false;
    } else if (inside) {
      out.source.emplace_back(s->view.text());
      splitter.add(*s);
    }
  }
  return out;
}

cut_result cut_file(std::uint64_t room) {
  x12::input_buffer in = x12::input_buffer::open(std::string(X12_TEST_DATA) +
                                                 "/837/claims-837p.x12");
  return cut(in, room);
}

cut_result cut_text(const std::string &body, std::uint64_t room) {
  static std::string bytes;
  bytes =
      "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       "
      "*260101*1200*^*00501*000000001*0*P*:~GS*HC*A*B*20260101*1200*1*X*"
      "005010X222A1~"
      "ST*837*0001*005010X222A1~" +
      body + "SE*1*0001~GE*1*1~IEA*1*000000001~";
  x12::input_buffer in = x12::input_buffer::from_memory(bytes, "t.x12");
  return cut(in, room);
}

// The HL and CLM segments of a piece, its skeleton.
std::vector<std::string> skeleton(const piece &p) {
  std::vector<std::string> out;
  for (const std::string &s : p.segments)
    if (s.rfind("HL*", 0) == 0)
      out.push_back(s);
    else if (s.rfind("CLM*", 0) == 0)
      out.push_back(s.substr(0, s.find('*', 4)));
  return out;
}

// Each claim as its CLM and following segments, up to the next CLM or HL.
std::vector<std::string>
claim_blocks(const std::vector<std::string> &segments) {
  std::vector<std::string> out;
  bool in_claim = false;
  for (const std::string &s : segments) {
    if (s.rfind("CLM*", 0) == 0) {
      out.push_back(s);
      in_claim = true;
    } else if (s.rfind("HL*", 0) == 0) {
      in_claim = false;
    } else if (in_claim) {
      out.back() += "~" + s;
    }
  }
  return out;
}

std::vector<std::string> codes(const cut_result &r) {
  std::vector<std::string> out;
  for (const x12::finding &f : r.findings)
    out.push_back(f.code);
  return out;
}

} // namespace

TEST_CASE("claims by two keep their provider, subscriber and patient loops, "
          "renumbered") {
  cut_result r = cut_file(2);
  REQUIRE(r.pieces.size() == 3);
  CHECK(r.findings.empty());

  // Piece 1: the first subscriber's claim, then the dependent's first
  // claim under the second subscriber of the same billing provider.
  CHECK(skeleton(r.pieces[0]) ==
        std::vector<std::string>{"HL*1**20*1", "HL*2*1*22*0", "CLM*MSF-1001",
                                 "HL*3*1*22*1", "HL*4*3*23*0", "CLM*MSF-1002"});
  // Piece 2 starts afresh: the dependent's second claim, then the second
  // billing provider's first claim.
  CHECK(skeleton(r.pieces[1]) ==
        std::vector<std::string>{"HL*1**20*1", "HL*2*1*22*1", "HL*3*2*23*0",
                                 "CLM*MSF-1003", "HL*4**20*1", "HL*5*4*22*0",
                                 "CLM*LMG-2001"});
  CHECK(skeleton(r.pieces[2]) ==
        std::vector<std::string>{"HL*1**20*1", "HL*2*1*22*0", "CLM*LMG-2002",
                                 "CLM*LMG-2003"});
  for (const piece &p : r.pieces) {
    CHECK(p.claims == 2);
    CHECK(p.counted == p.segments.size());
    // The transaction header leads every piece.
    REQUIRE(p.segments.size() > 4);
    CHECK(p.segments[0] == "BHT*0019*00*NWB20260115001*20260115*0930*CH");
    CHECK(p.segments[3] == "NM1*40*2*CONTOSO HEALTH PLAN*****46*CHP00001");
  }
  CHECK(r.pieces[0].full);
  CHECK(r.pieces[1].full);
  CHECK(r.pieces[2].full); // the last one filled its room exactly

  // The patient loop comes with its subscriber's and provider's segments.
  const std::vector<std::string> &p2 = r.pieces[1].segments;
  auto at = [&](const std::string &s) {
    return std::find(p2.begin(), p2.end(), s) - p2.begin();
  };
  CHECK(at("NM1*85*2*MAPLE STREET FAMILY PRACTICE*****XX*1234567893") <
        at("HL*2*1*22*1"));
  CHECK(at("NM1*IL*1*SMITH*ROBERT****MI*XRS200300400") < at("HL*3*2*23*0"));
  CHECK(at("NM1*QC*1*SMITH*EMMA") < at("CLM*MSF-1003*95***11:B:1*Y*A*Y*Y"));

  // Nothing lost, nothing changed: the claims are the source's, byte for byte.
  std::vector<std::string> got;
  for (const piece &p : r.pieces)
    for (const std::string &c : claim_blocks(p.segments))
      got.push_back(c);
  CHECK(got == claim_blocks(r.source));
}

TEST_CASE("one piece with room for every claim is the transaction as it was") {
  cut_result r = cut_file(100);
  REQUIRE(r.pieces.size() == 1);
  CHECK(r.pieces[0].segments == r.source);
  CHECK(r.pieces[0].claims == 6);
  CHECK_FALSE(r.pieces[0].full);
}

TEST_CASE("one claim per piece") {
  cut_result r = cut_file(1);
  REQUIRE(r.pieces.size() == 6);
  CHECK(skeleton(r.pieces[2]) ==
        std::vector<std::string>{"HL*1**20*1", "HL*2*1*22*1", "HL*3*2*23*0",
                                 "CLM*MSF-1003"});
  CHECK(skeleton(r.pieces[5]) ==
        std::vector<std::string>{"HL*1**20*1", "HL*2*1*22*0", "CLM*LMG-2003"});
  std::vector<std::string> got;
  for (const piece &p : r.pieces) {
    CHECK(p.claims == 1);
    std::vector<std::string> blocks = claim_blocks(p.segments);
    got.insert(got.end(), blocks.begin(), blocks.end());
  }
  CHECK(got == claim_blocks(r.source));
}

TEST_CASE("HL04 says whether the piece holds a child of the loop") {
  // The subscriber has a claim of its own and a dependent with one.
  std::string body = "BHT*0019*00*1*20260101*1200*CH~"
                     "HL*1**20*1~NM1*85*2*PRACTICE*****XX*1234567893~"
                     "HL*2*1*22*1~SBR*P*18*******CI~CLM*OWN*10***11:B:1~LX*1~"
                     "HL*3*2*23*0~PAT*19~CLM*DEP*20***11:B:1~LX*1~";
  cut_result together = cut_text(body, 2);
  REQUIRE(together.pieces.size() == 1);
  CHECK(skeleton(together.pieces[0]) ==
        std::vector<std::string>{"HL*1**20*1", "HL*2*1*22*1", "CLM*OWN",
                                 "HL*3*2*23*0", "CLM*DEP"});

  cut_result apart = cut_text(body, 1);
  REQUIRE(apart.pieces.size() == 2);
  // Without the dependent's claim, the subscriber has no child here.
  CHECK(skeleton(apart.pieces[0]) ==
        std::vector<std::string>{"HL*1**20*1", "HL*2*1*22*0", "CLM*OWN"});
  CHECK(skeleton(apart.pieces[1]) ==
        std::vector<std::string>{"HL*1**20*1", "HL*2*1*22*1", "HL*3*2*23*0",
                                 "CLM*DEP"});
  CHECK(apart.pieces[1].segments[4] == "SBR*P*18*******CI");
}

TEST_CASE("HL numbers need not start at 1 or count by 1 in the input") {
  std::string body =
      "BHT*0019*00*1*20260101*1200*CH~"
      "HL*10**20*1~HL*20*10*22*0~CLM*A*10~HL*30*10*22*0~CLM*B*20~";
  cut_result r = cut_text(body, 5);
  REQUIRE(r.pieces.size() == 1);
  CHECK(skeleton(r.pieces[0]) ==
        std::vector<std::string>{"HL*1**20*1", "HL*2*1*22*0", "CLM*A",
                                 "HL*3*1*22*0", "CLM*B"});
  CHECK(r.findings.empty());
}

TEST_CASE("loops and transactions without claims are reported, not written") {
  SUBCASE("a subscriber without claims") {
    cut_result r = cut_text(
        "BHT*0019~HL*1**20*1~HL*2*1*22*0~SBR*P~HL*3*1*22*0~CLM*A*10~", 5);
    REQUIRE(r.pieces.size() == 1);
    CHECK(skeleton(r.pieces[0]) ==
          std::vector<std::string>{"HL*1**20*1", "HL*2*1*22*0", "CLM*A"});
    CHECK(codes(r) == std::vector<std::string>{"hl-without-claims"});
    CHECK(r.findings[0].where.segment == 6); // the HL*2 of the input
    CHECK(r.findings[0].transaction == "0001");
    CHECK(r.findings[0].level == x12::severity::warning);
  }
  SUBCASE("a transaction without claims") {
    cut_result r = cut_text("BHT*0019~HL*1**20*1~NM1*85~", 5);
    CHECK(r.pieces.empty());
    CHECK(codes(r) == std::vector<std::string>{"hl-without-claims",
                                               "transaction-without-claims"});
    CHECK(r.findings[1].where.segment_id == "ST");
  }
  SUBCASE("a parent that is not open") {
    cut_result r = cut_text("BHT*0019~HL*1**20*1~HL*2*7*22*0~CLM*A*10~", 5);
    REQUIRE(r.pieces.size() == 1);
    CHECK(skeleton(r.pieces[0]) ==
          std::vector<std::string>{"HL*1**22*0", "CLM*A"});
    CHECK(codes(r) ==
          std::vector<std::string>{"hl-parent-unknown", "hl-without-claims"});
  }
  SUBCASE("a claim before any HL") {
    cut_result r = cut_text("BHT*0019~CLM*A*10~LX*1~", 5);
    REQUIRE(r.pieces.size() == 1);
    CHECK(r.pieces[0].segments ==
          std::vector<std::string>{"BHT*0019", "CLM*A*10", "LX*1"});
    CHECK(codes(r) == std::vector<std::string>{"claim-outside-hl"});
  }
}

TEST_CASE("room can change between pieces") {
  // The caller fills a file that already holds claims: 1 room, then 2.
  x12::input_buffer in = x12::input_buffer::open(std::string(X12_TEST_DATA) +
                                                 "/837/claims-837p.x12");
  std::vector<std::uint64_t> sizes;
  x12::claim_splitter *self = nullptr;
  x12::claim_splitter s("t", [&](const x12::claim_piece &p) {
    sizes.push_back(p.claims);
    self->set_room(2);
  });
  self = &s;
  s.set_room(1);
  x12::reader r(in);
  while (auto seg = r.next()) {
    if (seg->view.is("ST"))
      s.begin(*seg);
    else if (seg->view.is("SE"))
      s.end();
    else if (!seg->view.is("ISA") && !seg->view.is("GS") &&
             !seg->view.is("GE") && !seg->view.is("IEA"))
      s.add(*seg);
  }
  CHECK(sizes == std::vector<std::uint64_t>{1, 2, 2, 1});
  CHECK(s.claims_seen() == 6);
}
