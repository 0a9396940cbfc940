#pragma once
// Zero-copy views of segments and elements. A view is a std::string_view into
// bytes owned by an input_buffer (or any other owner); it is valid as long as
// those bytes are, and never allocates.

#include <cstddef>
#include <string>
#include <string_view>

#include "x12/delimiters.h"

namespace x12 {

/// Splits `text` on `sep`: field(i) is the i-th field, 0-based; count() how
/// many there are. The building block of element, component and repetition
/// access.
class split_view {
public:
  constexpr split_view(std::string_view text, char sep) noexcept
      : text_(text), sep_(sep) {}
  /// `text` as one field, for an interchange without a repetition
  /// separator: no byte of the data splits it, not even '\0'.
  static constexpr split_view whole(std::string_view text) noexcept {
    split_view v(text, '\0');
    v.whole_ = true;
    return v;
  }

  class iterator {
  public:
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(std::string_view rest, char sep, bool done, bool whole = false) noexcept
        : rest_(rest), sep_(sep), done_(done), whole_(whole) {
      advance();
    }
    std::string_view operator*() const noexcept { return current_; }
    iterator &operator++() noexcept {
      advance();
      return *this;
    }
    iterator operator++(int) noexcept {
      iterator old = *this;
      advance();
      return old;
    }
    friend bool operator==(const iterator &a, const iterator &b) noexcept {
      return a.end_ == b.end_ && (a.end_ || a.rest_.data() == b.rest_.data());
    }

  private:
    void advance() noexcept;
    std::string_view rest_;
    std::string_view current_;
    char sep_ = 0;
    bool done_ = true;
    bool whole_ = false;
    bool end_ = true;
  };

  iterator begin() const noexcept { return {text_, sep_, false, whole_}; }
  iterator end() const noexcept { return {}; }
  std::size_t count() const noexcept;
  std::string_view field(std::size_t i) const noexcept; // empty when absent

private:
  std::string_view text_;
  char sep_;
  bool whole_ = false;
};

/// One element (or one repetition of it): its text, with component access.
class element_view {
public:
  element_view() = default;
  element_view(std::string_view text, const delimiters &d) noexcept
      : text_(text), component_(d.component), repetition_(d.repetition) {}

  std::string_view text() const noexcept { return text_; }
  bool empty() const noexcept { return text_.empty(); }
  /// Component `n`, 1-based ("CLM05-3" is element(5).component(3)).
  std::string_view component(std::size_t n) const noexcept {
    return n == 0 ? std::string_view{} : split_view(text_, component_).field(n - 1);
  }
  std::size_t component_count() const noexcept {
    return split_view(text_, component_).count();
  }
  split_view components() const noexcept { return {text_, component_}; }
  /// Repetitions of the element; one when there is no repetition separator.
  split_view repetitions() const noexcept {
    return repetition_ ? split_view(text_, repetition_) : split_view::whole(text_);
  }

private:
  std::string_view text_;
  char component_ = ':';
  char repetition_ = '^';
};

/// One segment without its terminator: "NM1*85*2*ACME" has id() "NM1" and
/// element(1) "85". Elements are 1-based as in the guides.
class segment_view {
public:
  segment_view() = default;
  segment_view(std::string_view text, const delimiters &d) noexcept
      : text_(text), delims_(d) {}

  std::string_view text() const noexcept { return text_; }
  const delimiters &delims() const noexcept { return delims_; }
  std::string_view id() const noexcept {
    // IDs are two or three bytes: a loop beats a memchr call.
    std::size_t n = 0;
    while (n < text_.size() && text_[n] != delims_.element)
      ++n;
    return text_.substr(0, n);
  }
  bool is(std::string_view tag) const noexcept { return id() == tag; }
  /// Number of elements after the ID, trailing empty ones included.
  std::size_t element_count() const noexcept {
    return split_view(text_, delims_.element).count() - 1;
  }
  /// Element `n`, 1-based; empty when the segment is shorter.
  element_view element(std::size_t n) const noexcept {
    return {split_view(text_, delims_.element).field(n), delims_};
  }
  std::string_view operator[](std::size_t n) const noexcept {
    return split_view(text_, delims_.element).field(n);
  }
  /// The ID followed by every element, for one pass over a segment.
  split_view fields() const noexcept { return {text_, delims_.element}; }

private:
  std::string_view text_;
  delimiters delims_;
};

/// `text` made safe for a message: bytes outside printable ASCII become
/// \xNN and anything past `max` characters becomes "...". For segment IDs
/// and envelope values read from untrusted input.
std::string printable(std::string_view text, std::size_t max = 20);

} // namespace x12
