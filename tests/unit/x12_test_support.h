#pragma once
// Helpers the core unit tests share: building ISA headers with any
// separators, reading bytes into segments and findings, and reading the
// test data files.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "x12/envelope.h"
#include "x12/reader.h"

namespace x12::test {

/// A fixed-width (106-byte) ISA with the given separators; repetition '\0'
/// writes "U" in ISA11 (no repetition separator).
inline std::string isa(char element = '*', char component = ':', char repetition = '^',
                       char terminator = '~', std::string control = "000000001") {
  std::string fields[] = {"00", "          ", "00", "          ", "ZZ",
                          "SENDER         ", "ZZ", "RECEIVER       ", "260101", "1200",
                          std::string(1, repetition ? repetition : 'U'), "00501", control,
                          "0", "P", std::string(1, component)};
  std::string out = "ISA";
  for (const std::string &f : fields)
    out += element + f;
  return out + terminator;
}

inline std::vector<std::string> codes_of(const std::vector<finding> &findings) {
  std::vector<std::string> out;
  for (const finding &f : findings)
    out.push_back(f.code);
  return out;
}

/// Every segment and finding of `bytes`, read in one pass.
struct read_all {
  std::vector<segment> segments;
  std::vector<std::string> texts; // copies, so they outlive the buffer
  std::vector<finding> findings;
  std::vector<delimiters> delims; // the reader's separators at each segment
  explicit read_all(std::string_view bytes, std::string name = "t.x12") {
    input_buffer in = input_buffer::from_memory(bytes, std::move(name));
    reader r(in, [this](finding &&f) { findings.push_back(std::move(f)); });
    while (auto s = r.next()) {
      segments.push_back(*s);
      texts.emplace_back(s->view.text());
      delims.push_back(r.delims());
    }
  }
  std::vector<std::string> codes() const { return codes_of(findings); }
};

/// The findings of reader + envelope_checker over `bytes`.
inline std::vector<finding> envelope_findings(std::string_view bytes) {
  std::vector<finding> out;
  auto sink = [&](finding &&f) { out.push_back(std::move(f)); };
  input_buffer in = input_buffer::from_memory(bytes, "t.x12");
  reader r(in, sink);
  envelope_checker env(in.name(), sink);
  while (auto s = r.next())
    env.on_segment(*s);
  env.finish();
  return out;
}

/// A fresh directory under $TMPDIR, removed with everything in it.
struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
    std::string t = (std::filesystem::temp_directory_path() / "x12-test-XXXXXX").string();
    if (!mkdtemp(t.data()))
      throw std::runtime_error("mkdtemp failed");
    path = t;
  }
  ~temp_dir() { std::filesystem::remove_all(path); }
  std::string operator/(const std::string &name) const { return (path / name).string(); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(path),
                                                  std::filesystem::directory_iterator()));
  }
};

inline std::string data_path(const std::string &name) {
  return std::string(X12_TEST_DATA) + "/" + name;
}

inline std::string slurp(const std::string &path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

} // namespace x12::test

namespace doctest {
// Lists of strings print as their elements in failed checks.
template <> struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string> &v) {
    std::string out = "{";
    for (const std::string &s : v)
      out += (out.size() > 1 ? ", " : "") + s;
    return (out + "}").c_str();
  }
};
} // namespace doctest
