#include <doctest/doctest.h>

#include <string>

#include "x12/segment_fields.h"

namespace {
const x12::delimiters stars{'*', ':', '^', '~'};
}

TEST_CASE("fields split at every separator, across eight-byte words") {
  // Separators at word boundaries (offsets 7, 8, 15, 16) and runs of them.
  std::string text = "CLM*ABCDEF*G**1234567*12345678*:*11:B:1*";
  x12::segment_fields f(x12::segment_view(text, stars));
  CHECK(f.id() == "CLM");
  CHECK(f.count() == 8);
  CHECK(f[1] == "ABCDEF");
  CHECK(f[2] == "G");
  CHECK(f[3] == "");
  CHECK(f[4] == "1234567");
  CHECK(f[5] == "12345678");
  CHECK(f[6] == ":");
  CHECK(f[7] == "11:B:1");
  CHECK(f[8] == "");
  CHECK(f[9] == "");
  CHECK(f.component(7, 2) == "B");
  CHECK(f.component(7, 4) == "");
  CHECK(!f.overflow());
  // Every element agrees with segment_view's own access.
  x12::segment_view v(text, stars);
  for (unsigned i = 0; i <= f.count(); ++i)
    CHECK(f[i] == v[i]);
}

TEST_CASE("a segment with no separator is its ID alone") {
  std::string text = "SE";
  x12::segment_fields f(x12::segment_view(text, stars));
  CHECK(f.id() == "SE");
  CHECK(f.count() == 0);
  CHECK(f[1] == "");
}

TEST_CASE("more elements than the capacity are dropped and flagged") {
  std::string text = "ZZZ";
  for (int i = 0; i < 120; ++i)
    text += "*" + std::to_string(i);
  x12::segment_fields f(x12::segment_view(text, stars));
  CHECK(f.overflow());
  CHECK(f.count() == x12::segment_fields::capacity);
  CHECK(f[100] == "99");
}

TEST_CASE("the bytes after the last whole word are split too, at every length") {
  // The tail is read as the end of an overlapping word: separators in it,
  // and in the bytes it shares with the word before, count once.
  for (std::size_t size = 1; size <= 26; ++size) {
    for (std::size_t at = 0; at < size; ++at) {
      std::string text(size, 'A');
      text[at] = '*';
      if (at + 3 < size)
        text[at + 3] = '*';
      x12::segment_view v(text, stars);
      x12::segment_fields f(v);
      CHECK(f.count() == v.element_count());
      for (unsigned i = 0; i <= f.count() + 1; ++i)
        CHECK(f[i] == v[i]);
    }
  }
}
