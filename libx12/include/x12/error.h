#pragma once
// The one exception type of libx12, thrown only at the edges (I/O, bad YAML,
// bad command-line values) and caught in a tool's main; and result<T> for the
// failures a caller is expected to handle.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace x12 {

/// Where an edge error happened: a file and, when known, a byte offset or a
/// line and column (for text formats such as YAML).
struct error_position {
  std::string file;
  std::uint64_t offset = 0;
  unsigned line = 0;   // 1-based; 0 when not a line-based position
  unsigned column = 0; // 1-based
};

/// Thrown for I/O failures and malformed configuration. what() holds the
/// message alone; position() says where.
class error : public std::runtime_error {
public:
  error(std::string message, error_position where = {})
      : std::runtime_error(std::move(message)), where_(std::move(where)) {}
  const error_position &position() const noexcept { return where_; }

private:
  error_position where_;
};

/// An expected failure: what was wrong, one problem per entry (a document
/// with ten bad fields gives ten), each a sentence for the user.
struct failure {
  failure(std::string problem) { problems.push_back(std::move(problem)); }
  explicit failure(std::vector<std::string> list) : problems(std::move(list)) {}
  std::vector<std::string> problems; // never empty
  /// The problems one per line, for a caller that reports one message.
  std::string message() const;
};

/// A value or a failure. Example:
///   result<delimiters> d = detect_delimiters(bytes);
///   if (!d) return report(d.error().message()());
template <class T> class result {
public:
  result(T value) : v_(std::move(value)) {}
  result(failure f) : v_(std::move(f)) {}
  explicit operator bool() const noexcept { return v_.index() == 0; }
  T &operator*() { return std::get<0>(v_); }
  const T &operator*() const { return std::get<0>(v_); }
  T *operator->() { return &std::get<0>(v_); }
  const T *operator->() const { return &std::get<0>(v_); }
  const failure &error() const { return std::get<1>(v_); }

private:
  std::variant<T, failure> v_;
};

} // namespace x12
