#include <doctest/doctest.h>

#include <csignal>
#include <pthread.h>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "x12/reader.h"
#include "x12_test_support.h"

using x12::test::isa;
using x12::test::read_all;
using strings = std::vector<std::string>;

namespace {

const std::string gs = "GS*HC*A*B*20260101*1200*1*X*005010X222A1";

// ISA, GS, ST, body, SE, GE, IEA with terminator `t` and `after` (a line
// break or nothing) after every terminator.
std::string interchange(std::string after = "", char t = '~') {
  std::string out = isa('*', ':', '^', t) + after;
  for (const char *s : {"GS*HC*A*B*20260101*1200*1*X*005010X222A1", "ST*837*0001*005010X222A1",
                        "BHT*0019*00*1*20260101*1200*CH", "SE*3*0001", "GE*1*1",
                        "IEA*1*000000001"})
    out += s + std::string(1, t) + after;
  return out;
}

} // namespace

TEST_CASE("segments carry their offset and number") {
  std::string bytes = isa() + "\n" + gs + "~\nIEA*1*000000001~\n";
  read_all r(bytes);
  REQUIRE(r.segments.size() == 3);
  CHECK(r.segments[0].view.id() == "ISA");
  CHECK(r.segments[0].offset == 0);
  CHECK(r.segments[1].view.id() == "GS");
  CHECK(r.segments[1].offset == 107);
  CHECK(r.segments[1].number == 2);
  CHECK(r.segments[2].view[2] == "000000001");
  CHECK(r.findings.empty());
}

TEST_CASE("segment views exclude terminators and line breaks") {
  for (const char *after : {"", "\n", "\r\n", "\r", "\n\n"}) {
    CAPTURE(std::string(after).size());
    std::string bytes = interchange(after);
    read_all r(bytes);
    REQUIRE(r.segments.size() == 7);
    CHECK(r.findings.empty());
    CHECK(r.texts[1] == gs);
    CHECK(r.texts[6] == "IEA*1*000000001");
    std::size_t step = std::string(after).size() + 1;
    CHECK(r.segments[1].offset == 106 + std::string(after).size());
    CHECK(r.segments[2].offset == r.segments[1].offset + gs.size() + step);
    for (std::size_t i = 0; i < r.segments.size(); ++i)
      CHECK(r.segments[i].number == i + 1);
  }
}

TEST_CASE("line_break reports the style after the ISA terminator") {
  auto style = [](const std::string &bytes) {
    x12::input_buffer in = x12::input_buffer::from_memory(bytes);
    x12::reader r(in);
    REQUIRE(r.next());
    return std::string(r.line_break());
  };
  CHECK(style(interchange("")) == "");
  CHECK(style(interchange("\n")) == "\n");
  CHECK(style(interchange("\r\n")) == "\r\n");
  // With a newline terminator the newline is the terminator, not a break.
  CHECK(style(interchange("", '\n')) == "");
  // A CR terminator followed by LF (seen in the corpus) has an LF break.
  CHECK(style(interchange("\n", '\r')) == "\n");
}

TEST_CASE("newline as the segment terminator, with and without CR") {
  // Any run of CRs before the newline is line style: all of it goes, so a
  // segment written back with a plain newline reads the same (fuzzer find).
  for (const char *after : {"", "\r", "\r\r\r"}) {
    // "\r" before each "\n" terminator: a CRLF file with newline terminators.
    std::string bytes = isa('*', ':', '^', '\n');
    for (const char *s : {"GS*HC*A*B*20260101*1200*1*X*005010X222A1", "IEA*1*000000001"})
      bytes += s + std::string(after) + "\n";
    read_all r(bytes);
    REQUIRE(r.segments.size() == 3);
    CHECK(r.texts[1] == gs);
    CHECK(r.texts[2] == "IEA*1*000000001");
    CHECK(r.findings.empty());
    CHECK(r.delims[0].segment == '\n');
  }
}

TEST_CASE("a CR that is a separator is never taken for a line break") {
  // Newline terminator and CR as ISA16: the CR ending the ISA is data.
  std::string bytes = isa('*', '\r', '^', '\n') + "SV1*HC\r99213\r\nIEA*1*000000001\n";
  read_all r(bytes);
  REQUIRE(r.segments.size() == 3);
  CHECK(r.texts[0].size() == 105);
  CHECK(r.texts[0].back() == '\r');
  CHECK(r.texts[1] == "SV1*HC\r99213\r");
  CHECK(r.segments[1].view.element(1).component(2) == "99213");
  // LF as the element separator: the LF after the ISA starts the next segment.
  std::string lf_elements = isa('\n', ':', '^', '~') + "\nGS\nHC~";
  x12::input_buffer in = x12::input_buffer::from_memory(lf_elements);
  x12::reader lf(in);
  REQUIRE(lf.next());
  CHECK(lf.line_break() == "");
}

TEST_CASE("0x1D, '!' and '_' terminators with other element separators") {
  SUBCASE("0x1D") {
    std::string bytes = isa('*', ':', '\0', '\x1d') + "\r\n" + gs + "\x1d\r\nIEA*1*000000001\x1d\r\n";
    read_all r(bytes);
    REQUIRE(r.segments.size() == 3);
    CHECK(r.texts[1] == gs);
    CHECK_FALSE(r.delims[0].has_repetition());
    CHECK(r.findings.empty());
  }
  SUBCASE("pipe and bang") {
    std::string bytes = isa('|', ':', '^', '!') + "GS|HC|A|B!IEA|1|000000001!";
    read_all r(bytes);
    REQUIRE(r.segments.size() == 3);
    CHECK(r.segments[1].view[1] == "HC");
    CHECK(r.segments[2].view[2] == "000000001");
    CHECK(r.findings.empty());
  }
  SUBCASE("tilde elements and underscore terminator") {
    std::string bytes = isa('~', '^', '\0', '_') + "\nGS~HC~A~B_\nIEA~1~000000001_\n";
    read_all r(bytes);
    REQUIRE(r.segments.size() == 3);
    CHECK(r.segments[1].view[3] == "B");
    CHECK(r.findings.empty());
  }
}

TEST_CASE("an ISA is as long as its header says, even with the terminator in its data") {
  // ISA06 holds '!', which is this interchange's terminator.
  std::string header = isa('*', ':', '^', '!');
  header.replace(35, 7, "SEND!ER");
  std::string bytes = header + "GS*HC!IEA*1*000000001!";
  read_all r(bytes);
  REQUIRE(r.segments.size() == 3);
  CHECK(r.texts[0].size() == 105);
  CHECK(r.segments[0].view[6] == "SEND!ER        ");
  CHECK(r.segments[1].view.id() == "GS");
}

TEST_CASE("a UTF-8 byte-order mark is skipped with a warning") {
  std::string bytes = "\xEF\xBB\xBF" + interchange("\n");
  read_all r(bytes);
  REQUIRE(r.segments.size() == 7);
  CHECK(r.segments[0].offset == 3);
  CHECK(r.codes() == strings{"byte-order-mark"});
  CHECK(r.findings[0].level == x12::severity::warning);
  CHECK(r.findings[0].where.offset == 0);
  CHECK(r.findings[0].where.file == "t.x12");
}

TEST_CASE("whitespace before the first ISA is skipped with a warning") {
  std::string bytes = "\n  \r\n" + interchange("\n");
  read_all r(bytes);
  REQUIRE(r.segments.size() == 7);
  CHECK(r.segments[0].offset == 5);
  REQUIRE(r.codes() == strings{"leading-whitespace"});
  CHECK(r.findings[0].level == x12::severity::warning);
  CHECK(r.findings[0].message == "whitespace before the first ISA skipped");
  CHECK(r.findings[0].where.offset == 0);
  CHECK(r.findings[0].where.segment == 1);
  CHECK(r.findings[0].where.segment_id == "ISA");
}

TEST_CASE("indented segments are skipped with one warning naming the first") {
  std::string bytes = isa() + "\r\n  " + gs + "~\r\n\tST*837*0001~\r\n  IEA*1*000000001~";
  read_all r(bytes);
  REQUIRE(r.segments.size() == 4);
  CHECK(r.texts[1] == gs);
  CHECK(r.texts[2] == "ST*837*0001");
  CHECK(r.segments[1].offset == 110);
  REQUIRE(r.codes() == strings{"leading-whitespace"});
  const x12::finding &f = r.findings[0];
  CHECK(f.level == x12::severity::warning);
  CHECK(f.where.offset == 108);
  CHECK(f.where.segment == 2);
  CHECK(f.where.segment_id == "GS");
  CHECK(f.message ==
        "spaces or tabs before GS skipped (indented segments are reported once per input)");
}

TEST_CASE("a missing final terminator is a warning naming the segment") {
  for (const char *tail : {"", "\n", "\r\n  "}) {
    std::string bytes = isa() + gs + "~IEA*1*000000001" + tail;
    read_all r(bytes);
    REQUIRE(r.segments.size() == 3);
    CHECK(r.texts[2] == "IEA*1*000000001");
    REQUIRE(r.codes() == strings{"missing-terminator"});
    CHECK(r.findings[0].level == x12::severity::warning);
    CHECK(r.findings[0].where.segment == 3);
    CHECK(r.findings[0].where.segment_id == "IEA");
    CHECK(r.findings[0].where.offset == 106 + gs.size() + 1);
    CHECK(r.findings[0].message == "IEA segment at the end of input has no terminator");
  }
}

TEST_CASE("ISA inside data is data") {
  std::string bytes = isa() + gs + "~NM1*IL*1*DISALVO*ISA~REF*ISA*1~N3*ISA~IEA*1*000000001~";
  read_all r(bytes);
  REQUIRE(r.segments.size() == 6);
  CHECK(r.segments[2].view[3] == "DISALVO");
  CHECK(r.segments[2].view[4] == "ISA");
  CHECK(r.segments[3].view[1] == "ISA");
  CHECK(r.segments[4].view[1] == "ISA");
  CHECK(r.findings.empty());
  CHECK(r.delims.back() == x12::delimiters{});
}

TEST_CASE("trailing garbage after IEA is a warning") {
  std::string bytes = interchange("\n") + "\x1a garbage";
  read_all r(bytes);
  REQUIRE(r.segments.size() == 7);
  REQUIRE(r.codes() == strings{"trailing-garbage"});
  CHECK(r.findings[0].level == x12::severity::warning);
  CHECK(r.findings[0].message == "9 bytes after IEA ignored");
  CHECK(r.findings[0].where.offset == interchange("\n").size());
  CHECK(r.findings[0].where.segment == 7);
  // Line breaks and spaces after the IEA are not garbage.
  read_all clean(interchange("\n") + "\n\n  \r\n");
  CHECK(clean.findings.empty());
}

TEST_CASE("several interchanges, each with its own separators") {
  std::string first = isa('*', ':', '^', '~', "000000001") + "\nGS*HC~\nIEA*1*000000001~\n";
  std::string second = isa('|', '>', '\0', '\n', "000000002") + "GS|HC\nIEA|1|000000002\n";
  std::string third = isa('~', '^', '\0', '_', "000000003") + "GS~HC_IEA~1~000000003_";
  std::string bytes = first + second + third;
  read_all r(bytes);
  REQUIRE(r.segments.size() == 9);
  CHECK(r.findings.empty());
  CHECK(r.delims[0] == x12::delimiters{'*', ':', '^', '~'});
  CHECK(r.delims[3] == x12::delimiters{'|', '>', '\0', '\n'});
  CHECK(r.delims[6] == x12::delimiters{'~', '^', '\0', '_'});
  CHECK(r.segments[3].offset == first.size());
  CHECK(r.segments[4].view[1] == "HC");
  CHECK(r.segments[5].view[2] == "000000002");
  CHECK(r.segments[8].view[2] == "000000003");
  CHECK(r.segments[8].number == 9);
}

TEST_CASE("an ISA without the IEA before it starts a new interchange") {
  std::string bytes = isa('*', ':', '^', '~') + gs + "~" + isa('|', ':', '^', '~', "000000002") +
                      "IEA|1|000000002~";
  x12::input_buffer in = x12::input_buffer::from_memory(bytes);
  x12::reader r(in);
  int n = 0;
  while (auto s = r.next())
    ++n;
  CHECK(n == 4);
  CHECK(r.interchanges() == 2);
  CHECK(r.delims().element == '|');
}

TEST_CASE("empty and whitespace-only input") {
  read_all empty("");
  CHECK(empty.segments.empty());
  REQUIRE(empty.codes() == strings{"empty-input"});
  CHECK(empty.findings[0].level == x12::severity::error);
  CHECK(empty.findings[0].message == "empty input: no ISA header");

  read_all blank("\n \n");
  CHECK(blank.segments.empty());
  REQUIRE(blank.codes() == strings{"no-isa"});
  CHECK(blank.findings[0].message == "no ISA header: the input holds only whitespace");

  read_all bom("\xEF\xBB\xBF");
  CHECK(bom.codes() == strings{"byte-order-mark", "empty-input"});
}

TEST_CASE("input that is not X12") {
  read_all text("hello, world\nISAAC NEWTON\n");
  CHECK(text.segments.empty());
  REQUIRE(text.codes() == strings{"no-isa"});
  CHECK(text.findings[0].message == "no ISA header: the input is not X12");
  CHECK(text.findings[0].level == x12::severity::error);

  std::string utf16;
  for (char c : interchange("\r\n")) {
    utf16 += c;
    utf16 += '\0';
  }
  read_all wide(utf16);
  CHECK(wide.segments.empty());
  REQUIRE(wide.codes() == strings{"no-isa"});
  CHECK(wide.findings[0].message.find("looks like UTF-16") != std::string::npos);
}

TEST_CASE("bytes before the first ISA are an error, and reading goes on") {
  std::string bytes = "junk\n" + interchange();
  read_all r(bytes);
  CHECK(r.segments.size() == 7);
  REQUIRE(r.codes() == strings{"garbage-before-isa"});
  CHECK(r.findings[0].message == "5 bytes before the first ISA skipped");
  CHECK(r.segments[0].offset == 5);
}

TEST_CASE("a truncated ISA is reported and nothing is read past it") {
  std::string full = isa();
  for (std::size_t n : {4, 20, 50, 104, 105}) {
    CAPTURE(n);
    read_all r(full.substr(0, n));
    CHECK(r.segments.empty());
    REQUIRE_FALSE(r.findings.empty());
    CHECK(r.findings[0].code == "isa-unreadable");
    CHECK(r.findings[0].level == x12::severity::error);
    CHECK(r.findings[0].where.segment == 1);
    CHECK(r.findings[0].where.segment_id == "ISA");
    CHECK(r.findings[0].ta1_note == "024");
  }
  read_all r(full.substr(0, 50));
  CHECK(r.findings[0].message ==
        "ISA header cut short: fewer than 16 elements; skipping to the next ISA");
}

TEST_CASE("after an unreadable ISA the reader resumes at the next one") {
  std::string bytes = "ISA*00*broken~\n" + interchange("\n");
  read_all r(bytes);
  REQUIRE(r.segments.size() == 7);
  CHECK(r.segments[0].offset == 15);
  CHECK(r.segments[0].number == 2);
  CHECK(r.codes() == strings{"isa-unreadable", "skipped-bytes"});
  CHECK(r.findings[1].message == "14 bytes skipped looking for the next ISA");
  CHECK(r.findings[1].where.offset == 1);
}

TEST_CASE("an ISA whose fields are not padded is an error on segment 1") {
  std::string bytes = "ISA*00*a*00*b*ZZ*S*ZZ*R*260101*1200*^*00501*1*0*P*:~GS*HC~IEA*1*1~";
  read_all r(bytes);
  REQUIRE(r.segments.size() == 3);
  REQUIRE(r.codes() == strings{"isa-length"});
  CHECK(r.findings[0].where.segment == 1);
  CHECK(r.findings[0].where.segment_id == "ISA");
  CHECK(r.segments[1].view.id() == "GS");
}

TEST_CASE("ISA11 equal to ISA16 means no repetition separator, with a warning") {
  std::string bytes = "\xEF\xBB\xBF" + isa('*', '^', '^', '~') + "EB*1**30^33~IEA*0*000000001~";
  read_all r(bytes);
  REQUIRE(r.segments.size() == 3);
  CHECK_FALSE(r.delims[0].has_repetition());
  CHECK(r.segments[1].view.element(3).component(2) == "33");
  REQUIRE(r.codes() == strings{"byte-order-mark", "isa11-separator-clash"});
  CHECK(r.findings[1].message == "ISA11 repetition separator '^' is also the component "
                                 "separator (ISA16); reading without repetitions");
  CHECK(r.findings[1].where.segment == 1);
  CHECK(r.findings[1].where.offset == 3);
  // A NUL or newline there is named, and printed escaped.
  std::string nul = isa('*', ':', '^', '\n');
  nul[82] = '\0';
  read_all n(nul);
  REQUIRE(n.codes() == strings{"isa11-separator-clash"});
  CHECK(n.findings[0].message ==
        "ISA11 repetition separator '\\x00' is a NUL byte; reading without repetitions");
  nul[82] = '\n';
  read_all lf(nul);
  REQUIRE(lf.codes() == strings{"isa11-separator-clash"});
  CHECK(lf.findings[0].message == "ISA11 repetition separator '\\x0a' is also the segment "
                                  "terminator; reading without repetitions");
}

TEST_CASE("a segment over the length limit is skipped and reading goes on") {
  std::string body(x12::reader::max_segment_length + 10, 'x');
  std::string bytes = isa() + "NTE*" + body + "~IEA*1*000000001~";
  read_all r(bytes);
  REQUIRE(r.segments.size() == 2);
  CHECK(r.segments[1].view.id() == "IEA");
  CHECK(r.segments[1].number == 3);
  REQUIRE(r.codes() == strings{"segment-too-long"});
  CHECK(r.findings[0].where.segment == 2);
  CHECK(r.findings[0].where.offset == 106);
  CHECK(r.findings[0].where.segment_id == "NTE");
  CHECK(r.findings[0].message ==
        "NTE segment of 1048590 bytes exceeds the 1 MiB limit (missing terminator?); skipped");
}

TEST_CASE("segment IDs in findings are printable") {
  std::string bytes = isa() + std::string("\x01\xff", 2);
  read_all r(bytes);
  REQUIRE(r.codes() == strings{"missing-terminator"});
  CHECK(r.findings[0].where.segment_id == "\\x01\\xff");
}

TEST_CASE("next() after the end stays at the end without new findings") {
  x12::input_buffer in = x12::input_buffer::from_memory("");
  int findings = 0;
  x12::reader r(in, [&](x12::finding &&) { ++findings; });
  CHECK_FALSE(r.next());
  CHECK_FALSE(r.next());
  CHECK(findings == 1);
}

namespace {

// A pipe fed by a thread: the reader sees a stream, whose released pages are
// really given back (they read as zeros afterwards).
struct pipe_feed {
  int fds[2];
  std::thread writer;
  explicit pipe_feed(std::string bytes) {
    REQUIRE(pipe(fds) == 0);
    writer = std::thread([this, b = std::move(bytes)] {
      // If the test stops reading early, write() fails instead of killing us.
      sigset_t pipe_signal;
      sigemptyset(&pipe_signal);
      sigaddset(&pipe_signal, SIGPIPE);
      pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
      std::string_view rest = b;
      while (!rest.empty()) {
        ssize_t n = ::write(fds[1], rest.data(), rest.size());
        if (n <= 0)
          break;
        rest.remove_prefix(static_cast<std::size_t>(n));
      }
      ::close(fds[1]);
    });
  }
  std::string path() const { return "/dev/fd/" + std::to_string(fds[0]); }
  ~pipe_feed() {
    ::close(fds[0]);
    writer.join();
  }
};

std::string many_segments(std::size_t bytes) {
  std::string out = isa() + "\n" + gs + "~\n";
  std::size_t i = 0;
  while (out.size() < bytes)
    out += "NTE*ADD*note number " + std::to_string(i++) + "~\n";
  return out + "IEA*1*000000001~\n";
}

} // namespace

TEST_CASE("hold() keeps a segment's bytes while the stream moves on; release() lets go") {
  std::string bytes = many_segments(24 << 20);
  pipe_feed feed(bytes);
  x12::input_buffer in = x12::input_buffer::open(feed.path());
  x12::reader r(in);
  REQUIRE(r.next());
  auto gs_segment = r.next();
  REQUIRE(gs_segment);
  r.hold();
  auto first_note = r.next();
  REQUIRE(first_note);
  std::uint64_t count = 3;
  while (auto s = r.next()) {
    ++count;
    if (s->offset > (20u << 20))
      break;
  }
  // Held: the GS and everything after it is intact 20 MB later.
  CHECK(gs_segment->view.text() == gs);
  CHECK(first_note->view.text() == "NTE*ADD*note number 0");
  r.release();
  while (r.next())
    ++count;
  CHECK(count > 500000);
  // Released: the pages behind the cursor were given back.
  CHECK(first_note->view.text() != "NTE*ADD*note number 0");
}
