#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "x12/reformat.h"

namespace {

const std::string isa_star =
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       "
    "*260101*1200*^*00501*000000001*0*P*:~";

struct formatted {
  std::string bytes;
  x12::reformat_stats stats;
  std::vector<x12::finding> findings;
};

formatted run(const std::string &input, const x12::reformat_options &opt) {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("x12-reformat-test-" + std::to_string(getpid()) + ".x12");
  formatted out;
  {
    x12::input_buffer in = x12::input_buffer::from_memory(input, "in.x12");
    x12::output_file file(path.string());
    out.stats = x12::reformat(in, file, opt, [&](x12::finding &&f) {
      out.findings.push_back(std::move(f));
    });
    file.commit();
  }
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  out.bytes = ss.str();
  std::filesystem::remove(path);
  return out;
}

std::vector<std::string> codes(const formatted &r) {
  std::vector<std::string> out;
  for (const x12::finding &f : r.findings)
    out.push_back(f.code);
  return out;
}

} // namespace

TEST_CASE("without options the bytes come back as they were") {
  // Line breaks after some segments only, CRLF after one, none at the end.
  std::string input = isa_star +
                      "\nGS*HC*A*B*20260101*1200*1*X*005010X222A1~ST*837*0001~"
                      "BHT*0019~\r\nSE*3*0001~\nGE*1*1~\nIEA*1*000000001~";
  formatted r = run(input, {});
  CHECK(r.bytes == input);
  CHECK(r.findings.empty());
  CHECK(r.stats.segments == 7);
  CHECK(r.stats.complete);
}

TEST_CASE("other separators are written everywhere, the ISA included") {
  std::string input = isa_star +
                      "GS*HC*A*B*20260101*1200*1*X*005010X222A1~ST*837*0001~"
                      "HI*ABK:J069^ABF:R509~SE*3*0001~GE*1*1~IEA*1*000000001~";
  x12::reformat_options opt;
  opt.delims = x12::parse_delimiters("|>}!");
  opt.line_break = "\n";
  formatted r = run(input, opt);
  CHECK(r.bytes ==
        "ISA|00|          |00|          |ZZ|SENDER         |ZZ|RECEIVER       "
        "|260101|1200|}|00501|000000001|0|P|>!\n"
        "GS|HC|A|B|20260101|1200|1|X|005010X222A1!\n"
        "ST|837|0001!\nHI|ABK>J069}ABF>R509!\nSE|3|0001!\nGE|1|1!\nIEA|1|"
        "000000001!\n");
  CHECK(r.findings.empty());
}

TEST_CASE("an interchange without a repetition separator keeps having none") {
  std::string isa_u =
      "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       "
      "*260101*1200*U*00401*000000001*0*P*:~";
  // '^' is plain data here, so it may stay even though the output uses it.
  std::string input = isa_u +
                      "GS*HC*A*B*20260101*1200*1*X*004010X098A1~ST*837*0001~"
                      "NM1*IL*1*A^B~SE*3*0001~GE*1*1~IEA*1*000000001~";
  x12::reformat_options opt;
  opt.delims = x12::parse_delimiters("|:^~");
  formatted r = run(input, opt);
  CHECK(r.findings.empty());
  CHECK(r.bytes.substr(81, 3) == "|U|");
  CHECK(r.bytes.find("NM1|IL|1|A^B~") != std::string::npos);
}

TEST_CASE(
    "a value holding an output separator stops the output and is reported") {
  std::string input =
      isa_star +
      "GS*HC*A*B*20260101*1200*1*X*005010X222A1~ST*837*0001~"
      "NM1*41*2*A|B~PER*IC*X*EM*a|b~SE*4*0001~GE*1*1~IEA*1*000000001~";
  x12::reformat_options opt;
  opt.delims = x12::parse_delimiters("|:^~");
  formatted r = run(input, opt);
  CHECK_FALSE(r.stats.complete);
  CHECK(r.stats.clashes == 2);
  REQUIRE(r.findings.size() == 2);
  const x12::finding &f = r.findings[0];
  CHECK(f.code == "separator-in-value");
  CHECK(f.level == x12::severity::error);
  CHECK(f.where.file == "in.x12");
  CHECK(f.where.segment == 4);
  CHECK(f.where.segment_id == "NM1");
  CHECK(f.where.element == 3);
  CHECK(f.where.offset == isa_star.size() + 53);
  CHECK(f.message == "a value holds '|', the output's element separator; "
                     "choose other separators");
  CHECK(r.findings[1].where.segment_id == "PER");
  CHECK(r.findings[1].where.element == 4);
  // Nothing from the bad segment on.
  CHECK(r.bytes.find("NM1") == std::string::npos);
  CHECK(r.bytes.find("ST|837|0001~") != std::string::npos);
}

TEST_CASE("--fix-counts rewrites the counts that are wrong and reports each") {
  std::string input =
      isa_star + "\nGS*HC*A*B*20260101*1200*1*X*005010X222A1~\nST*837*0001~\n"
                 "BHT*0019~\nSE*9*0001~\nST*837*0002~\nSE*0002*0002~\n"
                 "GE*1*1~\nIEA*1*000000001~\n";
  x12::reformat_options opt;
  opt.fix_counts = true;
  formatted r = run(input, opt);
  CHECK(r.bytes ==
        isa_star + "\nGS*HC*A*B*20260101*1200*1*X*005010X222A1~\nST*837*0001~\n"
                   "BHT*0019~\nSE*3*0001~\nST*837*0002~\nSE*0002*0002~\n"
                   "GE*2*1~\nIEA*1*000000001~\n");
  CHECK(codes(r) == std::vector<std::string>{"count-fixed", "count-fixed"});
  CHECK(r.findings[0].message == "SE01 said '9'; set to 3");
  CHECK(r.findings[0].where.element == 1);
  CHECK(r.findings[0].level == x12::severity::warning);
  CHECK(r.findings[1].message == "GE01 said '1'; set to 2");
  CHECK(r.stats.counts_fixed == 2);

  SUBCASE("without the option the counts stay") {
    formatted kept = run(input, {});
    CHECK(kept.bytes == input);
    CHECK(kept.findings.empty());
  }
}

TEST_CASE("line styles") {
  std::string input = isa_star +
                      "GS*HC*A*B*20260101*1200*1*X*005010X222A1~GE*0*1~\n"
                      "IEA*1*000000001~\n";
  x12::reformat_options opt;
  SUBCASE("none") {
    opt.line_break = "";
    CHECK(run(input, opt).bytes ==
          isa_star + "GS*HC*A*B*20260101*1200*1*X*005010X222A1~"
                     "GE*0*1~IEA*1*000000001~");
  }
  SUBCASE("CRLF") {
    opt.line_break = "\r\n";
    CHECK(run(input, opt).bytes ==
          isa_star + "\r\nGS*HC*A*B*20260101*1200*1*X*005010X222A1~"
                     "\r\nGE*0*1~\r\nIEA*1*000000001~\r\n");
  }
  SUBCASE("a newline terminator is not followed by another") {
    opt.delims = x12::parse_delimiters("*:^\\n");
    for (auto lb : {"\n", ""}) {
      opt.line_break = lb;
      formatted r = run(input, opt);
      CHECK(r.bytes.substr(105) ==
            "\nGS*HC*A*B*20260101*1200*1*X*005010X222A1\nGE*0*1\n"
            "IEA*1*000000001\n");
    }
    opt.line_break.reset();
    CHECK(run(input, opt).bytes.substr(105) ==
          "\nGS*HC*A*B*20260101*1200*1*X*005010X222A1\nGE*0*1\nIEA*1*"
          "000000001\n");
  }
}

TEST_CASE(
    "several interchanges with their own separators all take the new ones") {
  std::string isa_pipe =
      "ISA|00|          |00|          |ZZ|SENDER         |ZZ|RECEIVER       "
      "|260101|1200|^|00501|000000002|0|P|>!";
  std::string input = isa_star +
                      "GS*HC*A*B*20260101*1200*1*X*005010X222A1~GE*0*1~"
                      "IEA*1*000000001~\n" +
                      isa_pipe +
                      "GS|HC|A|B|20260101|1200|2|X|005010X222A1!GE|0|2!"
                      "IEA|1|000000002!";
  x12::reformat_options opt;
  opt.delims = x12::parse_delimiters("*:^~");
  formatted r = run(input, opt);
  CHECK(r.stats.interchanges == 2);
  CHECK(r.findings.empty());
  CHECK(r.bytes ==
        isa_star +
            "GS*HC*A*B*20260101*1200*1*X*005010X222A1~GE*0*1~"
            "IEA*1*000000001~\n" +
            isa_star.substr(0, 90) + "000000002*0*P*:~" +
            "GS*HC*A*B*20260101*1200*2*X*005010X222A1~GE*0*2~IEA*1*000000002~");
}
