#include <doctest/doctest.h>

#include <fcntl.h>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include "x12/error.h"
#include "x12/input.h"
#include "x12_test_support.h"

using x12::input_buffer;
using x12::test::temp_dir;

namespace {

void write_file(const std::string &path, const std::string &bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Runs `body` with standard input reading `bytes` from a pipe.
template <class F> void with_stdin(const std::string &bytes, F body) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  REQUIRE(::write(fds[1], bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
  ::close(fds[1]);
  int saved = dup(STDIN_FILENO);
  dup2(fds[0], STDIN_FILENO);
  ::close(fds[0]);
  body();
  dup2(saved, STDIN_FILENO);
  ::close(saved);
}

} // namespace

TEST_CASE("a regular file is whole at once") {
  temp_dir dir;
  write_file(dir / "a.x12", "ISA*00~");
  input_buffer in = input_buffer::open(dir / "a.x12");
  CHECK(in.name() == dir / "a.x12");
  CHECK(in.bytes() == "ISA*00~");
  CHECK(in.at_end());
  CHECK_FALSE(in.more());
  CHECK(in.bytes() == "ISA*00~");
}

TEST_CASE("an empty file has no bytes") {
  temp_dir dir;
  write_file(dir / "empty.x12", "");
  input_buffer in = input_buffer::open(dir / "empty.x12");
  CHECK(in.bytes().empty());
  CHECK(in.at_end());
}

TEST_CASE("files that cannot be read throw x12::error naming them") {
  temp_dir dir;
  std::string missing = dir / "missing.x12";
  try {
    input_buffer::open(missing);
    FAIL("no error");
  } catch (const x12::error &e) {
    CHECK(std::string(e.what()) == "cannot open: No such file or directory");
    CHECK(e.position().file == missing);
  }
  CHECK_THROWS_WITH_AS(input_buffer::open(dir.path.string()), "cannot read: Is a directory",
                       x12::error);
}

TEST_CASE("standard input is '-' or an empty path, read as a stream") {
  for (const char *path : {"-", ""}) {
    with_stdin("ISA*00*stream~", [&] {
      input_buffer in = input_buffer::open(path);
      CHECK(in.name() == "<stdin>");
      while (in.more()) {
      }
      CHECK(in.at_end());
      CHECK(in.bytes() == "ISA*00*stream~");
    });
  }
}

TEST_CASE("a stream grows chunk by chunk and earlier views stay valid") {
  std::string bytes(3 << 20, 'x');
  bytes[0] = 'A';
  bytes.back() = 'Z';
  temp_dir dir;
  // A FIFO is a stream, like a pipe from another command.
  std::string fifo = dir / "fifo";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  std::thread feeder([&] {
    int fd = ::open(fifo.c_str(), O_WRONLY);
    std::string_view rest = bytes;
    while (fd >= 0 && !rest.empty()) {
      ssize_t n = ::write(fd, rest.data(), rest.size());
      if (n <= 0)
        break;
      rest.remove_prefix(static_cast<std::size_t>(n));
    }
    ::close(fd);
  });
  input_buffer in = input_buffer::open(fifo);
  CHECK_FALSE(in.at_end());
  std::string_view first = in.bytes();
  CHECK(first.size() < bytes.size());
  while (in.more()) {
  }
  CHECK(in.at_end());
  CHECK(in.bytes().size() == bytes.size());
  CHECK(in.bytes().data() == first.data());
  CHECK((!first.empty() && first[0] == 'A'));
  CHECK(in.bytes().back() == 'Z');
  feeder.join();
}

TEST_CASE("memory buffers belong to the caller") {
  std::string bytes = "ISA*00~";
  input_buffer in = input_buffer::from_memory(bytes, "mem");
  CHECK(in.name() == "mem");
  CHECK(in.bytes().data() == bytes.data());
  CHECK(in.at_end());
  CHECK_FALSE(in.more());
  in.release(5);
  CHECK(bytes == "ISA*00~");
  CHECK(input_buffer::from_memory("").name() == "<memory>");
}

TEST_CASE("moving a buffer moves its bytes") {
  temp_dir dir;
  write_file(dir / "a.x12", "ISA*moved~");
  input_buffer a = input_buffer::open(dir / "a.x12");
  input_buffer b = std::move(a);
  CHECK(b.bytes() == "ISA*moved~");
  CHECK(a.bytes().empty());
  input_buffer c = input_buffer::from_memory("x");
  c = std::move(b);
  CHECK(c.bytes() == "ISA*moved~");
  CHECK(c.name() == dir / "a.x12");
}
