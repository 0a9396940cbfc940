#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "x12/envelope.h"
#include "x12/error.h"
#include "x12/split.h"

namespace fs = std::filesystem;

namespace {

std::string data(const char *name) {
  return std::string(X12_TEST_DATA) + "/" + name;
}

std::string slurp(const fs::path &p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

struct split_result {
  fs::path dir;
  std::vector<x12::split_part> parts;
  std::vector<x12::finding> findings;
  x12::split_stats stats;
  ~split_result() { fs::remove_all(dir); }
};

void run(split_result &r, const std::string &input, x12::split_options opt) {
  r.dir = fs::temp_directory_path() /
          ("x12-split-test-" + std::to_string(getpid()));
  fs::remove_all(r.dir);
  opt.out_dir = r.dir.string();
  x12::input_buffer in = x12::input_buffer::open(input);
  r.stats = x12::split(
      in, opt, [&](x12::finding &&f) { r.findings.push_back(std::move(f)); },
      [&](const x12::split_part &p) { r.parts.push_back(p); });
}

// Reads a file back: its envelope findings, and its ISA13 / GS06 values.
struct read_back {
  std::vector<x12::finding> findings;
  std::vector<std::string> isa13, gs06, st02;
  std::string isa_parties, gs_dates;
  explicit read_back(const std::string &path) {
    x12::input_buffer in = x12::input_buffer::open(path);
    auto sink = [&](x12::finding &&f) { findings.push_back(std::move(f)); };
    x12::reader r(in, sink);
    x12::envelope_checker env(path, sink);
    while (auto s = r.next()) {
      switch (env.on_segment(*s)) {
      case x12::envelope_event::interchange_start:
        isa13.push_back(env.interchange().control_number);
        isa_parties = env.interchange().sender_id + ">" +
                      env.interchange().receiver_id + " " +
                      env.interchange().date + env.interchange().time;
        break;
      case x12::envelope_event::group_start:
        gs06.push_back(env.group().control_number);
        gs_dates = env.group().date + env.group().time;
        break;
      case x12::envelope_event::transaction_start:
        st02.push_back(env.transaction().control_number);
        break;
      default:
        break;
      }
    }
    env.finish();
  }
};

} // namespace

TEST_CASE("by interchange: one file each, numbers kept, bytes unchanged") {
  split_result r;
  x12::split_options opt;
  opt.by = x12::split_unit::interchange;
  run(r, data("split-mixed.x12"), opt);
  REQUIRE(r.parts.size() == 2);
  CHECK(r.findings.empty());
  CHECK(r.parts[0].path == (r.dir / "part-000001.x12").string());
  CHECK(r.parts[0].transactions == 3);
  CHECK(r.parts[0].claims == 5); // 3 CLM and 2 CLP
  CHECK(r.parts[1].transactions == 1);
  CHECK(r.parts[1].segments == 28);
  CHECK(slurp(r.parts[0].path) + slurp(r.parts[1].path) ==
        slurp(data("split-mixed.x12")));
  CHECK(r.stats.parts == 2);
  CHECK(r.stats.transactions == 4);
  CHECK(r.stats.claims == 6);
}

TEST_CASE("by transaction: up to max per file, fresh unique numbers, source "
          "fields kept") {
  split_result r;
  x12::split_options opt;
  opt.by = x12::split_unit::transaction;
  opt.max = 2;
  opt.prefix = "tx";
  opt.first_control_number = 500;
  run(r, data("split-mixed.x12"), opt);
  REQUIRE(r.parts.size() == 3);
  CHECK(r.findings.empty());
  std::vector<std::uint64_t> transactions;
  for (const x12::split_part &p : r.parts)
    transactions.push_back(p.transactions);
  // The 835 group starts a file as the first is full; the second
  // interchange never shares a file with the first.
  CHECK(transactions == std::vector<std::uint64_t>{2, 1, 1});
  read_back a(r.parts[0].path), b(r.parts[1].path), c(r.parts[2].path);
  CHECK(a.findings.empty());
  CHECK(b.findings.empty());
  CHECK(c.findings.empty());
  CHECK(a.isa13 == std::vector<std::string>{"000000500"});
  CHECK(b.isa13 == std::vector<std::string>{"000000501"});
  CHECK(c.isa13 == std::vector<std::string>{"000000502"});
  CHECK(a.gs06 == std::vector<std::string>{"500"});
  CHECK(b.gs06 == std::vector<std::string>{"501"});
  CHECK(a.st02 == std::vector<std::string>{"0001", "0002"});
  CHECK(b.st02 == std::vector<std::string>{"0101"});
  CHECK(a.isa_parties == "NWB0001>CHP00001 2601161015");
  CHECK(b.gs_dates == "202601200800");
  CHECK(c.isa_parties == "NWB0001>CHP00001 2601170700");
  // The second interchange's separators stay with its part.
  CHECK(slurp(r.parts[2].path).substr(0, 4) == "ISA|");
}

TEST_CASE("by claim: 837 claims cut, other transaction sets whole in files of "
          "their own") {
  split_result r;
  x12::split_options opt;
  opt.by = x12::split_unit::claim;
  opt.max = 2;
  run(r, data("split-mixed.x12"), opt);
  REQUIRE(r.parts.size() == 4);
  std::vector<std::uint64_t> claims;
  for (const x12::split_part &p : r.parts)
    claims.push_back(p.claims);
  CHECK(claims == std::vector<std::uint64_t>{2, 1, 2, 1});
  read_back b(r.parts[1].path), c(r.parts[2].path);
  CHECK(b.findings.empty());
  CHECK(b.st02 == std::vector<std::string>{"0002"});
  CHECK(c.st02 == std::vector<std::string>{"0101"}); // the 835
  CHECK(r.stats.claims == 6);
}

TEST_CASE("by claim: a part spans transactions until it is full") {
  split_result r;
  x12::split_options opt;
  opt.by = x12::split_unit::claim;
  opt.max = 5;
  run(r, data("split-mixed.x12"), opt);
  REQUIRE(r.parts.size() == 3);
  CHECK(r.parts[0].transactions == 2); // 0001 (2 claims) and 0002 (1 claim)
  CHECK(r.parts[0].claims == 3);
  read_back a(r.parts[0].path);
  CHECK(a.findings.empty());
  CHECK(a.st02 == std::vector<std::string>{"0001", "0002"});
}

TEST_CASE("envelope errors are reported and the files are whole all the same") {
  split_result r;
  x12::split_options opt;
  opt.by = x12::split_unit::claim;
  run(r, data("split-bad-envelope.x12"), opt);
  REQUIRE(r.parts.size() == 2);
  std::vector<std::string> codes;
  for (const x12::finding &f : r.findings)
    codes.push_back(f.code);
  CHECK(codes.size() == 3); // SE01, no GE, no IEA
  for (const x12::split_part &p : r.parts) {
    read_back back(p.path);
    CHECK(back.findings.empty());
    CHECK(p.claims == 1);
  }
}

TEST_CASE("an output folder that cannot be made is an error") {
  split_result r;
  x12::split_options opt;
  r.dir = fs::temp_directory_path() /
          ("x12-split-test-file-" + std::to_string(getpid()));
  std::ofstream(r.dir) << "a file, not a folder";
  opt.out_dir = (r.dir / "sub").string();
  x12::input_buffer in = x12::input_buffer::open(data("split-mixed.x12"));
  CHECK_THROWS_AS(x12::split(in, opt, {}, {}), x12::error);
}
