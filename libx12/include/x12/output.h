#pragma once
// output_file: where a tool writes its data. "-" is standard output; any
// other path is written to an unnamed temporary file in its folder (a named
// one beside it, PATH.tmp-XXXXXX, where the file system has no O_TMPFILE)
// and put in place by commit(), so a failed or killed run never leaves half
// a file behind.

#include <cstdint>
#include <string>
#include <string_view>

namespace x12 {

class output_file {
public:
  /// Opens `path` ("-" for stdout). Throws x12::error when it cannot.
  explicit output_file(std::string path);
  output_file(const output_file &) = delete;
  output_file &operator=(const output_file &) = delete;
  output_file(output_file &&other) noexcept;
  /// Removes the temporary file unless commit() ran.
  ~output_file();

  void write(std::string_view bytes) {
    buffer_.append(bytes);
    written_ += bytes.size();
    if (buffer_.size() >= flush_at)
      flush();
  }
  void put(char c) {
    buffer_.push_back(c);
    ++written_;
    if (buffer_.size() >= flush_at)
      flush();
  }
  /// Flushes, syncs and puts the file in place, then syncs the folder so
  /// the rename survives a crash. Throws x12::error on failure, and when an
  /// earlier write failed: bytes lost once are never committed.
  void commit();
  const std::string &path() const noexcept { return path_; }
  /// Bytes handed to write() and put() so far, flushed or not.
  std::uint64_t bytes_written() const noexcept { return written_; }
  /// "<stdout>" or the path.
  std::string name() const { return path_ == "-" ? "<stdout>" : path_; }
  /// A write failed: the output is lost, whatever comes after. A tool that
  /// goes on to its next input after an error asks this to stop instead.
  bool failed() const noexcept { return error_ != 0; }

private:
  static constexpr std::size_t flush_at = 1 << 16;
  void flush();
  void link_unnamed();
  void sync_folder() const;
  [[noreturn]] void write_failed(int err);
  std::string path_;
  std::string temp_;   // the named temporary file, when there is one
  bool unnamed_ = false; // fd_ is an O_TMPFILE file with no name yet
  std::string buffer_;
  std::uint64_t written_ = 0;
  int fd_ = -1;
  bool committed_ = false;
  int error_ = 0; // errno of the write that failed
};

} // namespace x12
