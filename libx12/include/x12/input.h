#pragma once
// input_buffer owns the bytes every view points into. A regular file is
// mmap'd; a pipe or terminal is read in chunks into one large reserved
// address range, so views never move while the stream grows. Either way the
// pages behind a released offset are given back to the kernel: memory stays
// bounded by what the caller holds (one transaction or claim), not by the
// size of the input.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace x12 {

class input_buffer {
public:
  /// Opens `path`; "-" (or an empty path) is standard input. Throws
  /// x12::error naming the file when it cannot be opened or read.
  static input_buffer open(const std::string &path);
  /// A buffer over bytes the caller owns and keeps alive (tests, fuzzing).
  static input_buffer from_memory(std::string_view bytes,
                                  std::string name = "<memory>");

  input_buffer(input_buffer &&other) noexcept;
  input_buffer &operator=(input_buffer &&other) noexcept;
  input_buffer(const input_buffer &) = delete;
  input_buffer &operator=(const input_buffer &) = delete;
  ~input_buffer();

  /// "<stdin>" for standard input, else the path as given.
  const std::string &name() const noexcept { return name_; }

  /// Every byte read so far, from offset 0. Bytes before the released offset
  /// must not be touched; views into the rest stay valid while the buffer
  /// lives, even across more().
  std::string_view bytes() const noexcept { return {data_, size_}; }
  /// Reads more of a stream; false at end of input. Files are whole at once.
  bool more();
  bool at_end() const noexcept { return eof_; }

  /// The caller no longer needs bytes before `offset`.
  void release(std::uint64_t offset) noexcept;

private:
  input_buffer() = default;
  enum class kind { memory, mapped, stream };
  std::string name_;
  const char *data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0; // reserved bytes for streams, mapped length for files
  std::size_t released_ = 0; // page-aligned prefix already given back
  int fd_ = -1;
  kind kind_ = kind::memory;
  bool eof_ = true;
  bool own_fd_ = false;
};

} // namespace x12
