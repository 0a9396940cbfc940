#pragma once
// segment_fields: the elements of one segment split once, for code that
// reads most of them (validation, tables). Views into the segment's bytes,
// valid as long as they are.
//
//   x12::segment_fields f(seg.view);
//   if (f.id() == "CLP") charge = f[3];

#include <cstddef>
#include <string_view>

#include "x12/segment.h"

namespace x12 {

class segment_fields {
public:
  /// Elements past this are dropped and overflow() says so.
  static constexpr unsigned capacity = 100;

  segment_fields() noexcept = default;
  explicit segment_fields(const segment_view &s) noexcept { assign(s); }
  void assign(const segment_view &s) noexcept;

  /// 0 is the segment ID, n element n; empty past the end.
  std::string_view operator[](std::size_t i) const noexcept {
    return i < n_ ? std::string_view(f_[i].data, f_[i].size) : std::string_view{};
  }
  std::string_view id() const noexcept { return (*this)[0]; }
  /// Elements after the ID, trailing empty ones included.
  unsigned count() const noexcept { return n_ ? n_ - 1 : 0; }
  bool overflow() const noexcept { return overflow_; }
  /// The component separator of the segment's interchange.
  char component_separator() const noexcept { return component_; }
  /// Component `c` (1-based) of element `i`.
  std::string_view component(std::size_t i, std::size_t c) const noexcept {
    return c == 0 ? std::string_view{} : split_view((*this)[i], component_).field(c - 1);
  }

private:
  template <bool bounded> void split(std::string_view text, char sep) noexcept;
  // Trivial, so not zeroed for every segment: only the first n_ are set.
  struct field {
    const char *data;
    std::size_t size;
  };
  field f_[capacity + 1];
  unsigned n_ = 0;
  bool overflow_ = false;
  char component_ = ':';
};

} // namespace x12
