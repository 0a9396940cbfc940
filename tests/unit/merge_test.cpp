#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "x12/envelope.h"
#include "x12/error.h"
#include "x12/merge.h"
#include "x12/reader.h"

namespace fs = std::filesystem;

namespace {

std::string data(const char *name) {
  return std::string(X12_TEST_DATA) + "/" + name;
}

struct merged {
  std::string bytes;
  x12::merge_stats stats;
  std::vector<x12::finding> findings;
  bool written = false;
};

merged run(const std::vector<std::string> &inputs,
           const x12::merge_options &opt) {
  fs::path path = fs::temp_directory_path() /
                  ("x12-merge-test-" + std::to_string(getpid()));
  fs::remove(path);
  merged m;
  {
    x12::output_file out(path.string());
    m.stats = x12::merge(inputs, out, opt, [&](x12::finding &&f) {
      m.findings.push_back(std::move(f));
    });
    if (m.stats.complete)
      out.commit();
  }
  m.written = fs::exists(path);
  if (m.written) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    m.bytes = ss.str();
    fs::remove(path);
  }
  return m;
}

x12::merge_options options() {
  x12::merge_options opt;
  opt.settings.now = 1767225600; // 2026-01-01 00:00 UTC
  opt.settings.next_control_number = 41;
  return opt;
}

// The envelope of the merged bytes, one line per ISA, GS and ST.
struct outline {
  std::vector<std::string> lines;
  std::vector<x12::finding> findings;
  explicit outline(const std::string &bytes) {
    x12::input_buffer in = x12::input_buffer::from_memory(bytes, "merged");
    auto sink = [&](x12::finding &&f) { findings.push_back(std::move(f)); };
    x12::reader r(in, sink);
    x12::envelope_checker env("merged", sink);
    while (auto s = r.next()) {
      switch (env.on_segment(*s)) {
      case x12::envelope_event::interchange_start: {
        const x12::interchange_header &h = env.interchange();
        lines.push_back("ISA " + h.sender_qualifier + ":" + h.sender_id + " " +
                        h.receiver_qualifier + ":" + h.receiver_id + " " +
                        h.date + " " + h.time + " " + h.control_number);
        break;
      }
      case x12::envelope_event::group_start: {
        const x12::group_header &g = env.group();
        lines.push_back("GS " + g.functional_id + " " + g.sender + " " +
                        g.receiver + " " + g.date + " " + g.time + " " +
                        g.control_number + " " + g.version);
        break;
      }
      case x12::envelope_event::transaction_start:
        lines.push_back("ST " + env.transaction().id + " " +
                        env.transaction().control_number);
        break;
      default:
        break;
      }
    }
    env.finish();
  }
};

} // namespace

TEST_CASE("parties are read as [QUALIFIER:]ID") {
  x12::party p = x12::parse_party("ZZ:SUBMITTER01");
  CHECK(p.qualifier == "ZZ");
  CHECK(p.id == "SUBMITTER01");
  p = x12::parse_party("SUBMITTER01");
  CHECK(p.qualifier.empty());
  CHECK(p.id == "SUBMITTER01");
  CHECK_THROWS_AS(x12::parse_party("1234567890123456"), x12::error);
  CHECK_THROWS_AS(x12::parse_party("ZZZ:A"), x12::error);
  CHECK_THROWS_AS(x12::parse_party("ZZ:"), x12::error);
}

TEST_CASE(
    "one interchange, one group per code and guide, fresh numbers and dates") {
  merged m =
      run({data("837/claims-837p.x12"), data("split-mixed.x12")}, options());
  REQUIRE(m.stats.complete);
  outline o(m.bytes);
  CHECK(o.findings.empty());
  CHECK(o.lines == std::vector<std::string>{
                       "ISA ZZ:NWB0001 ZZ:CHP00001 260101 0000 000000041",
                       "GS HC NWB0001 CHP00001 20260101 0000 41 005010X222A1",
                       "ST 837 0001", "ST 837 0003", "ST 837 0002",
                       "ST 837 0004",
                       "GS HP CHP00001 NWB0001 20260101 0000 42 005010X221A1",
                       "ST 835 0101"});
  CHECK(m.stats.groups == 2);
  CHECK(m.stats.transactions == 5);
  // The 0001 of split-mixed.x12 collides with claims-837p.x12's and takes
  // 0003, as 0002 comes later; its 0002 stays; the third 0001 takes 0004.
  CHECK(m.stats.renumbered == 2);
  // Renumbering is counted, not reported once per transaction.
  CHECK(m.findings.empty());
  // The interchange written with '|' comes over in the first one's separators.
  CHECK(m.bytes.find('|') == std::string::npos);
  CHECK(m.bytes.find("CLM*MIX-4*60***11:B:1*Y*A*Y*Y~\n") != std::string::npos);
}

TEST_CASE("--sender and --receiver set the ISA and GS parties") {
  x12::merge_options opt = options();
  opt.sender = x12::parse_party("30:123456789");
  opt.receiver = x12::parse_party("PAYERX");
  merged m = run({data("837/claims-837p.x12")}, opt);
  outline o(m.bytes);
  CHECK(o.findings.empty());
  REQUIRE(o.lines.size() == 3);
  CHECK(o.lines[0] == "ISA 30:123456789 ZZ:PAYERX 260101 0000 000000041");
  CHECK(o.lines[1] == "GS HC 123456789 PAYERX 20260101 0000 41 005010X222A1");
}

TEST_CASE("a value holding an output separator stops the merge") {
  fs::path pipe = fs::temp_directory_path() /
                  ("x12-merge-pipe-" + std::to_string(getpid()));
  std::ofstream(pipe)
      << "ISA|00|          |00|          |ZZ|SENDER         |ZZ|RECEIVER       "
         "|260101|1200|^|00501|000000001|0|P|>~GS|HC|A|B|20260101|1200|1|X|"
         "005010X222A1~ST|837|0009~NM1|41|2|A*B~SE|3|0009~GE|1|1~"
         "IEA|1|000000001~";
  merged m = run({data("837/claims-837p.x12"), pipe.string()}, options());
  fs::remove(pipe);
  CHECK_FALSE(m.stats.complete);
  CHECK_FALSE(m.written);
  REQUIRE(m.findings.size() == 1);
  CHECK(m.findings[0].code == "separator-in-value");
  CHECK(m.findings[0].where.segment_id == "NM1");
  CHECK(m.findings[0].where.segment == 4);
}

TEST_CASE("inputs without transactions make no interchange") {
  fs::path empty = fs::temp_directory_path() /
                   ("x12-merge-empty-" + std::to_string(getpid()));
  std::ofstream(empty)
      << "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       "
         "*260101*1200*^*00501*000000001*0*P*:~IEA*0*000000001~";
  merged m = run({empty.string()}, options());
  fs::remove(empty);
  CHECK_FALSE(m.stats.complete);
  CHECK(m.stats.transactions == 0);
}

TEST_CASE("standard input can be named once only") {
  fs::path path = fs::temp_directory_path() / "x12-merge-never-written";
  x12::output_file out(path.string());
  CHECK_THROWS_AS(x12::merge({"-", "-"}, out, options(), {}), x12::error);
}
