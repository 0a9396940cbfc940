#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "x12/writer.h"
#include "x12_test_support.h"

using x12::delimiters;
using x12::envelope_settings;
using x12::test::isa;
using x12::test::slurp;
using x12::test::temp_dir;

namespace {

// Reads `bytes` and writes every segment back with each interchange's own
// separators and line style. Returns the output and whether the reader
// found anything to tolerate (then the bytes are not expected to survive).
struct round_trip {
  std::string out;
  std::string line_break; // of the last interchange
  char terminator = '~';
  bool tolerated = false;
  explicit round_trip(std::string_view bytes) {
    temp_dir dir;
    x12::input_buffer in = x12::input_buffer::from_memory(bytes);
    x12::reader r(in, [this](x12::finding &&) { tolerated = true; });
    {
      x12::output_file file(dir / "out.x12");
      std::optional<x12::writer> w;
      while (auto s = r.next()) {
        if (s->view.is("ISA")) {
          line_break = r.line_break();
          terminator = r.delims().segment;
          w.emplace(file, r.delims(), line_break);
        }
        REQUIRE(w->write(s->view));
      }
      file.commit();
    }
    out = slurp(dir / "out.x12");
  }
};

std::string written(const delimiters &d, std::string line_break,
                    const std::function<void(x12::writer &)> &body) {
  temp_dir dir;
  {
    x12::output_file file(dir / "out.x12");
    x12::writer w(file, d, std::move(line_break));
    body(w);
    file.commit();
  }
  return slurp(dir / "out.x12");
}

} // namespace

TEST_CASE("reading and writing back with the same separators gives the same bytes") {
  std::size_t checked = 0;
  for (const auto &entry :
       std::filesystem::directory_iterator(x12::test::data_path("corpus"))) {
    if (entry.path().extension() != ".x12")
      continue;
    std::string bytes = slurp(entry.path().string());
    round_trip rt(bytes);
    if (rt.tolerated)
      continue; // a BOM, indentation or a missing terminator is not kept
    CAPTURE(entry.path().filename().string());
    // Several files end without the line break every other segment has, or
    // with blank lines: the writer ends the last segment like the others.
    while (!bytes.empty() && (bytes.back() == '\n' || bytes.back() == '\r') &&
           bytes.back() != rt.terminator)
      bytes.pop_back();
    bytes += rt.line_break;
    CHECK(rt.out == bytes);
    ++checked;
  }
  // The files in every layout that have consistent line breaks.
  CHECK(checked >= 10);
}

TEST_CASE("round trip of synthetic layouts") {
  for (std::string bytes :
       {isa() + "GS*HC*A~ST*837*0001~HI*ABK:J449^ABF:E119~SE*3*0001~IEA*1*000000001~",
        isa('|', '>', '!', '\n') + "GS|HC\nHI|ABK>J449!ABF>E119\nIEA|1|000000001\n",
        isa('*', ':', '\0', '\x1d') + "\r\nGS*HC\x1d\r\nIEA*1*000000001\x1d\r\n"}) {
    round_trip rt(bytes);
    CHECK_FALSE(rt.tolerated);
    CHECK(rt.out == bytes);
  }
}

TEST_CASE("re-delimiting translates every separator") {
  std::string bytes = isa() + "HI*ABK:J449^ABF:E119~";
  x12::input_buffer in = x12::input_buffer::from_memory(bytes);
  x12::reader r(in);
  REQUIRE(r.next());
  auto hi = r.next();
  REQUIRE(hi);
  std::string out = written({'|', '>', '!', '\n'}, "", [&](x12::writer &w) {
    REQUIRE(w.write(hi->view));
  });
  CHECK(out == "HI|ABK>J449!ABF>E119\n");
  CHECK(written({':', '*', '^', '~'}, "\r\n", [&](x12::writer &w) {
          REQUIRE(w.write(hi->view));
        }) == "HI:ABK*J449^ABF*E119~\r\n");
}

TEST_CASE("a value holding an output separator is refused and nothing is written") {
  delimiters in{'*', ':', '^', '~'};
  x12::segment_view nm1("NM1*IL*1*SMITH|JONES", in);
  x12::segment_view hi("HI*ABK:J449^ABF:E119", in);
  std::string out = written({'|', ':', '^', '~'}, "\n", [&](x12::writer &w) {
    auto r = w.write(nm1);
    REQUIRE_FALSE(r);
    CHECK(r.error().message() == "a value in NM1 holds '|', which is a separator in the output");
    CHECK(w.segments_written() == 0);
  });
  CHECK(out == "");
  // Repetitions cannot be written where the output has no separator for them.
  std::string no_repetition = written({'*', ':', '\0', '~'}, "", [&](x12::writer &w) {
    auto r = w.write(hi);
    REQUIRE_FALSE(r);
  });
  CHECK(no_repetition == "");
}

TEST_CASE("an ISA11 that clashes with the terminator still clashes after re-delimiting") {
  // ISA11 '!' is this interchange's terminator, so it has no repetitions;
  // the output must not gain one.
  std::string bytes = isa('*', ':', '\0', '!');
  bytes[82] = '!';
  bytes += "NM1*IL*1*A^B!";
  x12::input_buffer in = x12::input_buffer::from_memory(bytes);
  x12::reader r(in);
  auto header = r.next();
  REQUIRE(header);
  REQUIRE_FALSE(r.delims().has_repetition());
  auto nm1 = r.next();
  REQUIRE(nm1);
  std::string out = written({'|', '>', '^', '~'}, "", [&](x12::writer &w) {
    REQUIRE(w.write(header->view));
    CHECK_FALSE(w.write(nm1->view)); // '^' in the data is now a separator
  });
  CHECK(out.substr(82, 1) == "~");
  auto again = x12::detect_delimiters(out);
  REQUIRE(again);
  CHECK_FALSE(again->delims.has_repetition());
}

TEST_CASE("segments from values drop trailing empty elements") {
  std::string out = written({'*', ':', '^', '~'}, "\n", [](x12::writer &w) {
    w.write("REF", {"EA", "123", "", ""});
    w.write("LE", {});
    w.write("NM1", {"85", "", "ACME"});
    CHECK(w.segments_written() == 3);
  });
  CHECK(out == "REF*EA*123~\nLE~\nNM1*85**ACME~\n");
}

TEST_CASE("envelope_writer computes counts and pads the ISA to 106 bytes") {
  envelope_settings settings;
  settings.now = 1767225600 + 13 * 3600 + 45 * 60; // 2026-01-01 13:45 UTC
  settings.next_control_number = 41;
  x12::interchange_header h;
  h.sender_id = "SENDER";
  h.receiver_id = "A RECEIVER NAME LONGER THAN FIFTEEN";
  h.usage = "T";
  x12::group_header g;
  g.functional_id = "HC";
  g.sender = "S";
  g.receiver = "R";
  g.version = "005010X222A1";
  std::string out = written({'*', ':', '^', '~'}, "\n", [&](x12::writer &w) {
    x12::envelope_writer env(w, settings);
    env.begin_interchange(h);
    env.begin_group(g);
    env.begin_transaction("837", "", "005010X222A1");
    env.body("BHT", {"0019", "00", "1"});
    env.body("CLM", {"A1", "100"});
    env.end_transaction();
    env.begin_transaction("837", "0099", "005010X222A1");
    env.end_transaction();
    env.end_group();
    env.end_interchange();
  });
  std::string isa_line = out.substr(0, out.find('\n'));
  CHECK(isa_line.size() == 106);
  CHECK(isa_line == "ISA*00*          *00*          *ZZ*SENDER         *ZZ*A RECEIVER NAME*"
                    "260101*1345*^*00501*000000041*0*T*:~");
  CHECK(out.substr(isa_line.size() + 1) == "GS*HC*S*R*20260101*1345*41*X*005010X222A1~\n"
                                           "ST*837*0001*005010X222A1~\n"
                                           "BHT*0019*00*1~\n"
                                           "CLM*A1*100~\n"
                                           "SE*4*0001~\n"
                                           "ST*837*0099*005010X222A1~\n"
                                           "SE*2*0099~\n"
                                           "GE*2*41~\n"
                                           "IEA*1*000000041~\n");
  CHECK(x12::test::envelope_findings(out).empty());
}

TEST_CASE("envelope_writer keeps the source's numbers and dates when asked") {
  envelope_settings settings;
  settings.now = 0;
  x12::interchange_header h;
  h.sender_id = "S";
  h.receiver_id = "R";
  h.control_number = "905";
  h.date = "991231";
  h.time = "2359";
  x12::group_header g;
  g.functional_id = "HP";
  g.control_number = "17";
  g.date = "19991231";
  g.time = "2359";
  g.version = "005010X221A1";
  std::string out = written({'*', ':', '\0', '~'}, "", [&](x12::writer &w) {
    x12::envelope_writer env(w, settings);
    env.begin_interchange(h, true);
    env.begin_group(g, true);
    env.end_group();
    env.end_interchange();
  });
  CHECK(out.substr(0, 106) == "ISA*00*          *00*          *ZZ*S              *ZZ*R         "
                              "     *991231*2359*U*00501*000000905*0*P*:~");
  CHECK(out.substr(106) == "GS*HP***19991231*2359*17*X*005010X221A1~GE*0*17~IEA*1*000000905~");
  CHECK(settings.next_control_number == 1);
}

TEST_CASE("a kept ISA13 that cannot fill nine digits is replaced, so the ISA stays 106 bytes") {
  for (const char *number : {"1234567890", "12A", "43434343 "}) {
    CAPTURE(number);
    envelope_settings settings;
    settings.next_control_number = 7;
    x12::interchange_header h;
    h.control_number = number;
    h.date = "2601011"; // one digit too many: padded to width like any field
    std::string isa_line = written({'*', ':', '^', '~'}, "", [&](x12::writer &w) {
      x12::envelope_writer(w, settings).begin_interchange(h, true);
    });
    CHECK(isa_line.size() == 106);
    CHECK(isa_line.substr(90, 9) == "000000007");
    CHECK(isa_line.substr(70, 6) == "260101");
  }
}

TEST_CASE("resolve_now reads --now and SOURCE_DATE_EPOCH") {
  using x12::envelope_settings;
  unsetenv("SOURCE_DATE_EPOCH");
  CHECK(envelope_settings::resolve_now(std::string("2026-01-31T13:45")) == 1769867100);
  CHECK(envelope_settings::resolve_now(std::string("2026-01-31")) == 1769817600);
  CHECK(envelope_settings::resolve_now(std::string("20260131")) == 1769817600);
  CHECK(envelope_settings::resolve_now(std::string("1767225600")) == 1767225600);
  CHECK(envelope_settings::resolve_now(std::string("2024-02-29")) == 1709164800);
  for (const char *bad : {"", "yesterday", "2026-13-01", "2026-02-30", "2026-01-31T25:00",
                          "2026-01-31T13:45Z", "2026-01-31x", "2026-1", "99999999999999999999",
                          "-5"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(envelope_settings::resolve_now(std::string(bad)), x12::error);
  }
  CHECK_THROWS_WITH(envelope_settings::resolve_now(std::string("soon")),
                    "--now 'soon' is not a date: use 2026-01-31T13:45, 2026-01-31, 20260131 "
                    "or seconds since 1970");

  setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
  CHECK(envelope_settings::resolve_now(std::nullopt) == 1767225600);
  CHECK(envelope_settings::resolve_now(std::string("2026-01-31")) == 1769817600);
  // SOURCE_DATE_EPOCH is always seconds, even with eight digits.
  setenv("SOURCE_DATE_EPOCH", "20260131", 1);
  CHECK(envelope_settings::resolve_now(std::nullopt) == 20260131);
  setenv("SOURCE_DATE_EPOCH", "next week", 1);
  CHECK_THROWS_AS(envelope_settings::resolve_now(std::nullopt), x12::error);
  unsetenv("SOURCE_DATE_EPOCH");
  std::time_t now = std::time(nullptr);
  CHECK(std::abs(envelope_settings::resolve_now(std::nullopt) - now) <= 2);
}
