// libFuzzer target for the core: any bytes go through the reader and the
// envelope checker, and whatever was read must survive the writer. Besides
// the sanitizers' checks it asserts:
//   - every segment and finding lies inside the input, segments in order;
//   - findings are printable, whatever bytes the input holds;
//   - writing the segments back with their own separators and reading the
//     result gives the same segments;
//   - writing them with other separators, when no value collides, keeps every
//     element, repetition and component;
//   - an ISA written by envelope_writer from any header read is 106 bytes.
// Outputs go to standard output, which is pointed at a memory file once, so
// no run touches the file system.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

#include "x12/envelope.h"
#include "x12/reader.h"
#include "x12/writer.h"

namespace {

void check(bool ok, const char *what) {
  if (!ok) {
    std::fprintf(stderr, "reader_fuzz: %s\n", what);
    std::abort();
  }
}

// Runs `write` against a fresh output on standard output and returns the
// bytes it wrote.
template <class F> std::string captured(F write) {
  check(ftruncate(STDOUT_FILENO, 0) == 0 && lseek(STDOUT_FILENO, 0, SEEK_SET) == 0,
        "cannot reset the memory file");
  {
    x12::output_file out("-");
    write(out);
    out.commit();
  }
  std::string bytes(static_cast<std::size_t>(lseek(STDOUT_FILENO, 0, SEEK_CUR)), '\0');
  check(pread(STDOUT_FILENO, bytes.data(), bytes.size(), 0) ==
            static_cast<ssize_t>(bytes.size()),
        "cannot read the memory file back");
  return bytes;
}

struct read_segment {
  std::string text;
  x12::delimiters delims;
  std::string line_break;
};

std::vector<read_segment> read_segments(std::string_view bytes, bool check_findings) {
  std::vector<read_segment> out;
  x12::input_buffer in = x12::input_buffer::from_memory(bytes, "fuzz");
  auto sink = [&](x12::finding &&f) {
    if (!check_findings)
      return;
    check(f.where.offset <= bytes.size(), "finding offset past the end");
    check(!f.message.empty() && !f.code.empty(), "finding without a code or message");
    // Messages reach terminals and logs: no control bytes from the input.
    for (char c : f.message + f.where.segment_id)
      check(static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f,
            "unprintable byte in a finding");
  };
  std::uint64_t last_segment = 0;
  x12::reader r(in, sink);
  x12::envelope_checker env(in.name(), sink);
  std::uint64_t last_offset = 0;
  while (auto s = r.next()) {
    std::string_view text = s->view.text();
    check(text.data() >= bytes.data() && text.data() + text.size() <= bytes.data() + bytes.size(),
          "segment view outside the input");
    check(static_cast<std::uint64_t>(text.data() - bytes.data()) == s->offset,
          "segment offset is not where its view starts");
    check(out.empty() || s->offset > last_offset, "segment offsets out of order");
    check(s->number > last_segment, "segment numbers out of order");
    check(text.size() <= x12::reader::max_segment_length, "oversize segment returned");
    last_offset = s->offset;
    last_segment = s->number;
    env.on_segment(*s);
    out.push_back({std::string(text), r.delims(), std::string(r.line_break())});
  }
  env.finish();
  return out;
}

// Element -> repetition -> component, the structure re-delimiting keeps.
// An ISA may hold its own terminator (as an ISA11 that clashes with it),
// which the writer translates like a separator: it compares as a marker.
using structure = std::vector<std::vector<std::vector<std::string>>>;

structure structure_of(const std::string &text, const x12::delimiters &d) {
  structure out;
  for (std::string_view element : x12::split_view(text, d.element)) {
    auto &reps = out.emplace_back();
    for (std::string_view rep : x12::element_view(element, d).repetitions()) {
      auto &components = reps.emplace_back();
      for (std::string_view c : x12::split_view(rep, d.component)) {
        std::string &value = components.emplace_back(c);
        std::replace(value.begin(), value.end(), d.segment, '\x01');
      }
    }
  }
  return out;
}

void same_separators_round_trip(const std::vector<read_segment> &segments) {
  std::string bytes = captured([&](x12::output_file &out) {
    std::optional<x12::writer> w;
    for (const read_segment &s : segments) {
      if (!w || !(w->delims() == s.delims) || w->line_break() != s.line_break)
        w.emplace(out, s.delims, s.line_break);
      check(bool(w->write(x12::segment_view(s.text, s.delims))),
            "a segment does not write back with its own separators");
    }
  });
  std::vector<read_segment> again = read_segments(bytes, false);
  check(again.size() == segments.size(), "round trip changed the number of segments");
  for (std::size_t i = 0; i < again.size(); ++i) {
    check(again[i].text == segments[i].text, "round trip changed a segment");
    check(again[i].delims == segments[i].delims, "round trip changed the separators");
  }
}

void other_separators_round_trip(const std::vector<read_segment> &segments) {
  const x12::delimiters target{'|', '>', '!', '~'};
  bool collided = false;
  std::string bytes = captured([&](x12::output_file &out) {
    x12::writer w(out, target, "\n");
    for (const read_segment &s : segments)
      collided = collided || !w.write(x12::segment_view(s.text, s.delims));
  });
  if (collided)
    return;
  std::vector<read_segment> again = read_segments(bytes, false);
  check(again.size() == segments.size(), "re-delimiting changed the number of segments");
  for (std::size_t i = 0; i < again.size(); ++i)
    check(structure_of(again[i].text, again[i].delims) ==
              structure_of(segments[i].text, segments[i].delims),
          "re-delimiting changed a segment's elements");
}

void isa_from_headers(std::string_view bytes) {
  x12::input_buffer in = x12::input_buffer::from_memory(bytes);
  x12::reader r(in);
  x12::envelope_checker env(in.name());
  x12::envelope_settings settings;
  while (auto s = r.next()) {
    if (env.on_segment(*s) != x12::envelope_event::interchange_start)
      continue;
    for (bool keep : {false, true}) {
      std::string isa = captured([&](x12::output_file &out) {
        x12::writer w(out, r.delims());
        x12::envelope_writer(w, settings).begin_interchange(env.interchange(), keep);
      });
      check(isa.size() == x12::isa_length, "envelope_writer wrote an ISA that is not 106 bytes");
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  int fd = memfd_create("reader_fuzz_output", 0);
  check(fd >= 0 && dup2(fd, STDOUT_FILENO) == STDOUT_FILENO, "cannot make the memory file");
  close(fd);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char *>(data), size);
  std::vector<read_segment> segments = read_segments(bytes, true);
  same_separators_round_trip(segments);
  other_separators_round_trip(segments);
  isa_from_headers(bytes);
  return 0;
}
