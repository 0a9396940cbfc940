#include "x12/input.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include "x12/error.h"

namespace x12 {
namespace {

constexpr std::size_t chunk_size = 1 << 20;
// Pages are returned in batches so madvise stays off the hot path.
constexpr std::size_t release_batch = 8 << 20;

std::size_t page_size() {
  static const std::size_t p = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return p;
}

[[noreturn]] void fail(const std::string &name, const char *what) {
  throw error(std::string(what) + ": " + std::strerror(errno), {name});
}

// Address space for a stream: reserved, not committed, so only the pages
// written and not yet released count against memory.
char *reserve(std::size_t &size) {
  for (size = std::size_t(1) << 40; size >= (std::size_t(1) << 30); size /= 2) {
    void *p = mmap(nullptr, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p != MAP_FAILED)
      return static_cast<char *>(p);
  }
  return nullptr;
}

} // namespace

input_buffer input_buffer::open(const std::string &path) {
  input_buffer in;
  const bool is_stdin = path.empty() || path == "-";
  in.name_ = is_stdin ? "<stdin>" : path;
  in.fd_ = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (in.fd_ < 0)
    fail(in.name_, "cannot open");
  in.own_fd_ = !is_stdin;

  struct stat st {};
  if (fstat(in.fd_, &st) != 0)
    fail(in.name_, "cannot stat");
  if (S_ISDIR(st.st_mode)) {
    errno = EISDIR;
    fail(in.name_, "cannot read");
  }
  if (S_ISREG(st.st_mode)) {
    in.kind_ = kind::mapped;
    in.size_ = static_cast<std::size_t>(st.st_size);
    in.capacity_ = in.size_;
    if (in.size_ > 0) {
      void *p = mmap(nullptr, in.size_, PROT_READ, MAP_PRIVATE, in.fd_, 0);
      if (p == MAP_FAILED)
        fail(in.name_, "cannot map");
      madvise(p, in.size_, MADV_SEQUENTIAL);
      in.data_ = static_cast<const char *>(p);
    }
    in.eof_ = true;
    return in;
  }
  in.kind_ = kind::stream;
  char *p = reserve(in.capacity_);
  if (!p)
    fail(in.name_, "cannot reserve a read buffer");
  in.data_ = p;
  in.eof_ = false;
  in.more();
  return in;
}

input_buffer input_buffer::from_memory(std::string_view bytes,
                                       std::string name) {
  input_buffer in;
  in.name_ = std::move(name);
  in.data_ = bytes.data();
  in.size_ = bytes.size();
  in.eof_ = true;
  return in;
}

bool input_buffer::more() {
  if (eof_ || kind_ != kind::stream)
    return false;
  char *base = const_cast<char *>(data_);
  if (size_ + chunk_size > capacity_)
    throw error("input larger than the read buffer; pass it as a file",
                {name_, size_});
  for (;;) {
    ssize_t n = ::read(fd_, base + size_, chunk_size);
    if (n > 0) {
      size_ += static_cast<std::size_t>(n);
      return true;
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    if (errno != EINTR)
      fail(name_, "cannot read");
  }
}

void input_buffer::release(std::uint64_t offset) noexcept {
  if (kind_ == kind::memory || offset > size_)
    return;
  std::size_t upto = static_cast<std::size_t>(offset) & ~(page_size() - 1);
  if (upto < released_ + release_batch)
    return;
  // MADV_DONTNEED drops file pages from our mapping (they refault from the
  // file if touched again) and frees anonymous ones outright.
  madvise(const_cast<char *>(data_) + released_, upto - released_,
          MADV_DONTNEED);
  released_ = upto;
}

input_buffer::input_buffer(input_buffer &&o) noexcept { *this = std::move(o); }

input_buffer &input_buffer::operator=(input_buffer &&o) noexcept {
  if (this != &o) {
    this->~input_buffer();
    name_ = std::move(o.name_);
    data_ = std::exchange(o.data_, nullptr);
    size_ = std::exchange(o.size_, 0);
    capacity_ = std::exchange(o.capacity_, 0);
    released_ = o.released_;
    fd_ = std::exchange(o.fd_, -1);
    kind_ = std::exchange(o.kind_, kind::memory);
    eof_ = o.eof_;
    own_fd_ = std::exchange(o.own_fd_, false);
  }
  return *this;
}

input_buffer::~input_buffer() {
  if (data_ && kind_ == kind::mapped && capacity_ > 0)
    munmap(const_cast<char *>(data_), capacity_);
  if (data_ && kind_ == kind::stream)
    munmap(const_cast<char *>(data_), capacity_);
  if (own_fd_ && fd_ >= 0)
    ::close(fd_);
  data_ = nullptr;
  kind_ = kind::memory;
  own_fd_ = false;
  fd_ = -1;
}

} // namespace x12
