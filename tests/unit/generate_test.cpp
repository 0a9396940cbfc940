#include <doctest/doctest.h>

#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "x12/generate.h"
#include "x12_test_support.h"

namespace {

using x12::test::temp_dir;

constexpr std::time_t jan_1_2026 = 1767225600;

struct generated {
  std::string bytes;
  x12::generate_summary summary;
};

generated make(x12::generate_options options, std::time_t now = jan_1_2026) {
  temp_dir dir;
  std::string path = dir / "out.x12";
  x12::envelope_settings settings{now};
  x12::output_file out(path);
  x12::generate_summary s = x12::generate(out, options, settings);
  out.commit();
  return {x12::test::slurp(path), s};
}

x12::generate_options claims_837p(std::uint64_t n, std::uint64_t seed = 1) {
  x12::generate_options o;
  o.claims = n;
  o.seed = seed;
  return o;
}

x12::generate_options claims_835(std::uint64_t n, std::uint64_t seed = 1) {
  x12::generate_options o = claims_837p(n, seed);
  o.set = x12::generated_set::remittance_835;
  return o;
}

// Every segment as its elements (element 0 is the ID). Also checks the
// envelopes: a generated file never has a finding.
std::vector<std::vector<std::string>> segments_of(const std::string &bytes) {
  std::vector<std::vector<std::string>> out;
  x12::input_buffer in = x12::input_buffer::from_memory(bytes);
  std::vector<std::string> findings;
  auto sink = [&](x12::finding &&f) { findings.push_back(f.code + ": " + f.message); };
  x12::reader r(in, sink);
  x12::envelope_checker env(in.name(), sink);
  while (auto s = r.next()) {
    env.on_segment(*s);
    std::vector<std::string> e;
    for (std::string_view f : s->view.fields())
      e.emplace_back(f);
    out.push_back(std::move(e));
  }
  env.finish();
  CHECK(findings == std::vector<std::string>{});
  return out;
}

std::string at(const std::vector<std::string> &e, std::size_t i) {
  return i < e.size() ? e[i] : std::string();
}

// "120.5" -> 12050 cents, exactly; the generator never writes more than
// two decimals.
std::int64_t cents(const std::string &text) {
  REQUIRE(!text.empty());
  bool negative = text[0] == '-';
  std::string t = negative ? text.substr(1) : text;
  std::size_t dot = t.find('.');
  std::string whole = t.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : t.substr(dot + 1);
  REQUIRE(frac.size() <= 2);
  frac.resize(2, '0');
  std::int64_t v = std::stoll(whole) * 100 + std::stoll(frac);
  return negative ? -v : v;
}

// Written here rather than taken from libx12 so the test checks the
// generator against an independent reading of the rule.
bool npi_valid(const std::string &npi) {
  if (npi.size() != 10 || npi.find_first_not_of("0123456789") != std::string::npos)
    return false;
  std::string digits = "80840" + npi;
  int sum = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    int d = digits[digits.size() - 1 - i] - '0';
    if (i % 2 == 1) {
      d *= 2;
      if (d > 9)
        d -= 9;
    }
    sum += d;
  }
  return sum % 10 == 0;
}

std::size_t count_id(const std::vector<std::vector<std::string>> &segs, const char *id) {
  std::size_t n = 0;
  for (const auto &e : segs)
    n += e[0] == id;
  return n;
}

} // namespace

TEST_CASE("the NPI rule used by these tests accepts the published example") {
  CHECK(npi_valid("1234567893"));
  CHECK_FALSE(npi_valid("1234567890"));
  CHECK_FALSE(npi_valid("123456789"));
}

TEST_CASE("generation is deterministic in its seed and clock") {
  generated a = make(claims_837p(40, 7));
  generated b = make(claims_837p(40, 7));
  CHECK(a.bytes == b.bytes);
  CHECK(make(claims_837p(40, 8)).bytes != a.bytes);
  CHECK(make(claims_837p(40, 7), jan_1_2026 + 86400).bytes != a.bytes);
  CHECK(make(claims_835(40, 7)).bytes == make(claims_835(40, 7)).bytes);
}

TEST_CASE("an 837P has the claims asked for, split into transactions") {
  x12::generate_options o = claims_837p(25);
  o.claims_per_transaction = 10;
  generated g = make(o);
  auto segs = segments_of(g.bytes);
  CHECK(g.summary.claims == 25);
  CHECK(g.summary.transactions == 3);
  CHECK(g.summary.bytes == g.bytes.size());
  CHECK(count_id(segs, "CLM") == 25);
  CHECK(count_id(segs, "ST") == 3);
  CHECK(count_id(segs, "ISA") == 1);
  CHECK(count_id(segs, "GS") == 1);
  CHECK(at(segs[1], 1) == "HC");
  CHECK(at(segs[1], 8) == "005010X222A1");
  CHECK(at(segs[0], 15) == "T");
  // Claims per transaction: 10, 10, 5.
  std::vector<int> per;
  for (const auto &e : segs) {
    if (e[0] == "ST")
      per.push_back(0);
    else if (e[0] == "CLM")
      ++per.back();
  }
  CHECK(per == std::vector<int>{10, 10, 5});
}

TEST_CASE("837P: every NPI has a valid check digit") {
  auto segs = segments_of(make(claims_837p(300, 3)).bytes);
  std::size_t npis = 0;
  for (const auto &e : segs)
    if (e[0] == "NM1" && at(e, 8) == "XX") {
      ++npis;
      CHECK_MESSAGE(npi_valid(at(e, 9)), at(e, 9));
    }
  CHECK(npis > 300); // a rendering provider per claim plus the billing providers
}

TEST_CASE("837P: CLM02 is the sum of the claim's SV102") {
  auto segs = segments_of(make(claims_837p(500, 11)).bytes);
  std::int64_t total = -1, lines = 0;
  std::size_t claims = 0, service_lines = 0;
  auto close = [&] {
    if (total >= 0)
      CHECK(total == lines);
    total = -1;
  };
  for (const auto &e : segs) {
    if (e[0] == "CLM") {
      close();
      ++claims;
      total = cents(at(e, 2));
      lines = 0;
    } else if (e[0] == "SV1") {
      ++service_lines;
      lines += cents(at(e, 2));
    } else if (e[0] == "HL" || e[0] == "SE") {
      close();
    }
  }
  close();
  CHECK(claims == 500);
  CHECK(service_lines > claims);
  CHECK(service_lines <= claims * 6);
}

TEST_CASE("837P: codes look real and dates fall before the run") {
  auto segs = segments_of(make(claims_837p(200, 5)).bytes);
  std::size_t dependents = 0, subscribers_as_patients = 0;
  for (const auto &e : segs) {
    if (e[0] == "HI") {
      for (std::size_t i = 1; i < e.size(); ++i) {
        std::string code = e[i].substr(e[i].find(':') + 1);
        CHECK(e[i].starts_with(i == 1 ? "ABK:" : "ABF:"));
        CHECK(code.find('.') == std::string::npos);
        CHECK(code.size() >= 3);
        CHECK(code.size() <= 7);
        CHECK(std::isupper(static_cast<unsigned char>(code[0])));
      }
    } else if (e[0] == "SV1") {
      std::string procedure = at(e, 1);
      CHECK(procedure.starts_with("HC:"));
      CHECK(procedure.substr(3, 5).find_first_not_of("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") ==
            std::string::npos);
      CHECK(at(e, 3) == "UN");
    } else if (e[0] == "DTP") {
      CHECK(at(e, 1) == "472");
      CHECK(at(e, 3) < "20260101");
      CHECK(at(e, 3) > "20251101");
    } else if (e[0] == "PAT") {
      ++dependents;
    } else if (e[0] == "SBR" && at(e, 2) == "18") {
      ++subscribers_as_patients;
    } else if (e[0] == "BHT") {
      CHECK(at(e, 4) == "20260101");
    }
  }
  CHECK(dependents > 0);
  CHECK(subscribers_as_patients > 0);
}

TEST_CASE("835: claims, service lines and the payment balance") {
  auto segs = segments_of(make(claims_835(2000, 9)).bytes);
  CHECK(at(segs[1], 1) == "HP");
  CHECK(at(segs[1], 8) == "005010X221A1");

  struct claim_sums {
    std::int64_t charge = 0, paid = 0, patient = 0, adjusted = 0, patient_adjusted = 0,
                 line_charges = 0;
  };
  std::int64_t bpr = 0, clp_paid = 0, plb = 0;
  claim_sums c;
  bool in_claim = false, in_line = false;
  std::int64_t line_charge = 0, line_paid = 0, line_adjusted = 0;
  std::size_t claims = 0, lines = 0, transactions = 0, with_plb = 0;
  std::map<std::string, int> statuses;

  auto close_line = [&] {
    if (in_line)
      CHECK(line_charge - line_adjusted == line_paid);
    in_line = false;
  };
  auto close_claim = [&] {
    close_line();
    if (in_claim) {
      CHECK(c.charge - c.adjusted == c.paid);
      CHECK(c.patient == c.patient_adjusted);
      CHECK(c.line_charges == c.charge);
    }
    in_claim = false;
  };
  for (const auto &e : segs) {
    const std::string &id = e[0];
    if (id == "ST") {
      ++transactions;
      bpr = clp_paid = plb = 0;
    } else if (id == "BPR") {
      bpr = cents(at(e, 2));
      CHECK((at(e, 1) == "I" || (at(e, 1) == "H" && bpr == 0)));
    } else if (id == "CLP") {
      close_claim();
      in_claim = true;
      ++claims;
      ++statuses[at(e, 2)];
      c = {};
      c.charge = cents(at(e, 3));
      c.paid = cents(at(e, 4));
      c.patient = at(e, 5).empty() ? 0 : cents(at(e, 5));
      clp_paid += c.paid;
    } else if (id == "SVC") {
      close_line();
      in_line = true;
      ++lines;
      line_charge = cents(at(e, 2));
      line_paid = cents(at(e, 3));
      line_adjusted = 0;
      c.line_charges += line_charge;
    } else if (id == "CAS") {
      std::int64_t sum = 0;
      for (std::size_t i = 3; i < e.size(); i += 3)
        if (!e[i].empty())
          sum += cents(e[i]);
      c.adjusted += sum;
      if (at(e, 1) == "PR")
        c.patient_adjusted += sum;
      if (in_line)
        line_adjusted += sum;
    } else if (id == "PLB") {
      close_claim();
      ++with_plb;
      for (std::size_t i = 4; i < e.size(); i += 2)
        plb += cents(e[i]);
    } else if (id == "SE") {
      close_claim();
      CHECK(bpr == clp_paid - plb);
    } else if (id == "NM1" && at(e, 8) == "XX") {
      CHECK(npi_valid(at(e, 9)));
    }
  }
  CHECK(claims == 2000);
  CHECK(lines > claims);
  CHECK(transactions > 1);
  CHECK(with_plb > 0);
  CHECK(statuses["1"] > 0);
  CHECK(statuses["4"] > 0);
}

TEST_CASE("an 835 pays the claims of the 837P made with the same seed") {
  auto claims = segments_of(make(claims_837p(300, 21)).bytes);
  auto remits = segments_of(make(claims_835(300, 21)).bytes);
  std::vector<std::pair<std::string, std::string>> billed, paid;
  for (const auto &e : claims)
    if (e[0] == "CLM")
      billed.emplace_back(at(e, 1), at(e, 2));
  for (const auto &e : remits)
    if (e[0] == "CLP")
      paid.emplace_back(at(e, 1), at(e, 3));
  CHECK(billed.size() == 300);
  CHECK(billed == paid);
}

TEST_CASE("--size stops at the first transaction that ends past the size") {
  x12::generate_options o;
  o.size = 30000;
  o.claims_per_transaction = 5;
  generated g = make(o);
  auto segs = segments_of(g.bytes);
  CHECK(g.bytes.size() >= o.size);
  // The last transaction started before the size was reached.
  std::size_t last_st = g.bytes.rfind("ST*837*");
  REQUIRE(last_st != std::string::npos);
  CHECK(last_st < o.size);
  CHECK(g.summary.claims == g.summary.transactions * 5);

  o.set = x12::generated_set::remittance_835;
  generated r = make(o);
  CHECK(r.bytes.size() >= o.size);
  CHECK(r.bytes.rfind("ST*835*") < o.size);
}

TEST_CASE("generate refuses to run without a limit") {
  temp_dir dir;
  x12::output_file out(dir / "x.x12");
  x12::envelope_settings settings{jan_1_2026};
  CHECK_THROWS_AS(x12::generate(out, {}, settings), x12::error);
}

TEST_CASE("parse_byte_size") {
  CHECK(*x12::parse_byte_size("4096") == 4096);
  CHECK(*x12::parse_byte_size("512k") == 512 * 1024);
  CHECK(*x12::parse_byte_size("100M") == 100ull << 20);
  CHECK(*x12::parse_byte_size("100MB") == 100ull << 20);
  CHECK(*x12::parse_byte_size("1G") == 1ull << 30);
  CHECK(*x12::parse_byte_size("2g") == 2ull << 30);
  CHECK_FALSE(x12::parse_byte_size(""));
  CHECK_FALSE(x12::parse_byte_size("M"));
  CHECK_FALSE(x12::parse_byte_size("-5"));
  CHECK_FALSE(x12::parse_byte_size("10X"));
  CHECK_FALSE(x12::parse_byte_size("10 M"));
  CHECK_FALSE(x12::parse_byte_size("1.5G"));
  CHECK_FALSE(x12::parse_byte_size("99999999999999G"));
  CHECK(x12::parse_byte_size("10X").error().message() ==
        "'10X' is not a size: use bytes or a K, M or G suffix, e.g. 100M");
}
