// x12_reader_bench: how fast libx12 reads, against the fastest possible scan
// of the same bytes.
//
//   x12_reader_bench [--mode all|memchr|reader|envelope] [--runs N] FILE
//
// memchr    the baseline: memchr for the segment terminator over the mapped
//           file, giving pages back as it goes like the reader does
// reader    reader::next() over every segment, touching each segment's ID
// envelope  the same plus envelope_checker (control numbers, counts)
//
// Each mode runs N times (default 3) from a fresh open and the fastest run
// is reported as one tab-separated line: file, bytes, mode, seconds, MB/s,
// segments, segments/s, claims and claims/s (CLM or CLP segments; "-" for
// memchr) and the process's peak RSS in MB so far. MB is 10^6 bytes. Run
// one mode per process to see each mode's own peak RSS (bench/run.sh does).

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <sys/resource.h>

#include "x12/envelope.h"
#include "x12/input.h"
#include "x12/reader.h"

namespace {

struct counts {
  std::uint64_t bytes = 0, segments = 0, claims = 0;
};

counts scan_memchr(const std::string &path) {
  x12::input_buffer in = x12::input_buffer::open(path);
  std::string_view b = in.bytes();
  counts c;
  c.bytes = b.size();
  if (b.size() < x12::isa_length)
    return c;
  const char terminator = b[x12::isa_length - 1];
  const char *p = b.data(), *end = b.data() + b.size();
  std::uint64_t next_release = 8 << 20;
  while (const void *hit = std::memchr(p, terminator, static_cast<std::size_t>(end - p))) {
    ++c.segments;
    p = static_cast<const char *>(hit) + 1;
    if (static_cast<std::uint64_t>(p - b.data()) >= next_release) {
      in.release(static_cast<std::uint64_t>(p - b.data()));
      next_release += 8 << 20;
    }
  }
  return c;
}

bool is_claim(const x12::segment_view &v) {
  std::string_view id = v.id();
  return id == "CLM" || id == "CLP";
}

counts scan_reader(const std::string &path) {
  x12::input_buffer in = x12::input_buffer::open(path);
  x12::reader r(in);
  counts c;
  while (auto s = r.next()) {
    ++c.segments;
    c.claims += is_claim(s->view);
  }
  c.bytes = in.bytes().size();
  return c;
}

counts scan_envelope(const std::string &path, std::uint64_t &findings) {
  x12::input_buffer in = x12::input_buffer::open(path);
  auto sink = [&](x12::finding &&) { ++findings; };
  x12::reader r(in, sink);
  x12::envelope_checker env(in.name(), sink);
  counts c;
  while (auto s = r.next()) {
    ++c.segments;
    if (env.on_segment(*s) == x12::envelope_event::body)
      c.claims += is_claim(s->view);
  }
  env.finish();
  c.bytes = in.bytes().size();
  return c;
}

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) * 1024 / 1e6; // ru_maxrss is in KiB
}

int usage() {
  std::fprintf(stderr,
               "usage: x12_reader_bench [--mode all|memchr|reader|envelope] [--runs N] FILE\n");
  return 2;
}

} // namespace

int main(int argc, char **argv) {
  std::string mode = "all", path;
  int runs = 3;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--mode" && i + 1 < argc)
      mode = argv[++i];
    else if (a == "--runs" && i + 1 < argc)
      runs = std::atoi(argv[++i]);
    else if (!a.empty() && a[0] != '-' && path.empty())
      path = a;
    else
      return usage();
  }
  if (path.empty() || runs < 1 ||
      (mode != "all" && mode != "memchr" && mode != "reader" && mode != "envelope"))
    return usage();

  std::printf("file\tbytes\tmode\tseconds\tMB/s\tsegments\tsegments/s\tclaims\tclaims/s\t"
              "peak_rss_MB\n");
  for (std::string_view m : {"memchr", "reader", "envelope"}) {
    if (mode != "all" && mode != m)
      continue;
    double best = 0;
    counts c;
    std::uint64_t findings = 0;
    for (int run = 0; run < runs; ++run) {
      findings = 0;
      auto start = std::chrono::steady_clock::now();
      try {
        c = m == "memchr"   ? scan_memchr(path)
            : m == "reader" ? scan_reader(path)
                            : scan_envelope(path, findings);
      } catch (const std::exception &e) {
        std::fprintf(stderr, "x12_reader_bench: %s: %s\n", path.c_str(), e.what());
        return 2;
      }
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (run == 0 || s < best)
        best = s;
    }
    if (findings)
      std::fprintf(stderr, "x12_reader_bench: %s: %llu envelope findings\n", path.c_str(),
                   static_cast<unsigned long long>(findings));
    bool has_claims = m != "memchr";
    std::string claims = has_claims ? std::to_string(c.claims) : "-";
    std::string claims_rate =
        has_claims ? std::to_string(static_cast<std::uint64_t>(c.claims / best)) : "-";
    std::printf("%s\t%llu\t%s\t%.3f\t%.0f\t%llu\t%.0f\t%s\t%s\t%.1f\n", path.c_str(),
                static_cast<unsigned long long>(c.bytes), std::string(m).c_str(), best,
                c.bytes / best / 1e6, static_cast<unsigned long long>(c.segments),
                c.segments / best, claims.c_str(), claims_rate.c_str(), peak_rss_mb());
  }
  return 0;
}
