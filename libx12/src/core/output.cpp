#include "x12/output.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <random>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include "x12/error.h"

namespace x12 {
namespace {

std::string folder_of(const std::string &path) {
  std::string folder = std::filesystem::path(path).parent_path().string();
  return folder.empty() ? "." : folder;
}

// An unnamed file in the folder: a run killed before commit leaves nothing,
// not even a temporary name. Linking it needs /proc (linkat with
// AT_EMPTY_PATH needs a capability), so without /proc it is not used.
int open_unnamed(const std::string &path) {
  if (::access("/proc/self/fd", X_OK) != 0)
    return -1;
  int fd = ::open(folder_of(path).c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0 && errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
    throw error(std::string("cannot create output: ") + std::strerror(errno), {path});
  return fd;
}

std::string temp_name(const std::string &path) {
  static constexpr char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  static std::mt19937 random{std::random_device{}()};
  std::string name = path + ".tmp-";
  for (int i = 0; i < 6; ++i)
    name += letters[random() % (sizeof letters - 1)];
  return name;
}

} // namespace

output_file::output_file(std::string path) : path_(std::move(path)) {
  if (path_.empty())
    path_ = "-";
  buffer_.reserve(flush_at * 2);
  if (path_ == "-") {
    fd_ = STDOUT_FILENO;
    return;
  }
  // A pipe, a terminal or /dev/null is written in place: renaming over it
  // would replace the device with a plain file.
  struct stat st {};
  if (::stat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0)
      throw error(std::string("cannot open output: ") + std::strerror(errno), {path_});
    return;
  }
  fd_ = open_unnamed(path_);
  if (fd_ >= 0) {
    unnamed_ = true;
    return;
  }
  temp_ = path_ + ".tmp-XXXXXX";
  fd_ = mkstemp(temp_.data());
  if (fd_ < 0) {
    temp_.clear();
    throw error(std::string("cannot create output: ") + std::strerror(errno), {path_});
  }
  // mkstemp makes the file 0600; give it the mode open(2) would have, so a
  // restrictive umask keeps claim data private.
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd_, 0666 & ~mask);
}

output_file::output_file(output_file &&o) noexcept
    : path_(std::move(o.path_)), temp_(std::move(o.temp_)), unnamed_(o.unnamed_),
      buffer_(std::move(o.buffer_)), written_(o.written_), fd_(std::exchange(o.fd_, -1)),
      committed_(std::exchange(o.committed_, true)), error_(o.error_) {
  o.temp_.clear();
}

void output_file::write_failed(int err) {
  error_ = err;
  buffer_.clear();
  throw error("cannot write " + std::string(path_ == "-" ? "standard output" : path_) + ": " +
              std::strerror(err));
}

void output_file::flush() {
  // After a failed write the bytes that follow would leave a gap.
  if (error_)
    write_failed(error_);
  std::string_view rest = buffer_;
  while (!rest.empty()) {
    ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n < 0) {
      if (errno == EINTR)
        continue;
      write_failed(errno);
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  buffer_.clear();
}

// The unnamed file gets a temporary name, then is renamed over the path:
// linkat cannot replace a file that is there.
void output_file::link_unnamed() {
  std::string fd_path = "/proc/self/fd/" + std::to_string(fd_);
  for (int attempt = 0;; ++attempt) {
    std::string name = temp_name(path_);
    if (::linkat(AT_FDCWD, fd_path.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
      temp_ = std::move(name);
      return;
    }
    if (errno != EEXIST || attempt == 100)
      write_failed(errno);
  }
}

void output_file::commit() {
  if (committed_)
    return;
  flush();
  if (fd_ == STDOUT_FILENO) {
    committed_ = true;
    return;
  }
  if (temp_.empty() && !unnamed_) {
    int rc = ::close(std::exchange(fd_, -1));
    if (rc != 0)
      write_failed(errno);
    committed_ = true;
    return;
  }
  if (fsync(fd_) != 0)
    write_failed(errno);
  if (unnamed_)
    link_unnamed();
  if (::close(std::exchange(fd_, -1)) != 0)
    write_failed(errno);
  if (std::rename(temp_.c_str(), path_.c_str()) != 0)
    throw error(std::string("cannot rename into place: ") + std::strerror(errno), {path_});
  committed_ = true;
  sync_folder();
}

// The rename is an entry in the folder: until the folder is synced, a
// crash can undo it and leave the old file (or none) after a run that said
// it wrote the new one. Best effort: the file is in place, and some file
// systems refuse to sync a folder.
void output_file::sync_folder() const {
  int dir = ::open(folder_of(path_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0)
    return;
  fsync(dir);
  ::close(dir);
}

output_file::~output_file() {
  if (fd_ >= 0 && fd_ != STDOUT_FILENO)
    ::close(fd_);
  if (!committed_ && !temp_.empty())
    unlink(temp_.c_str());
}

} // namespace x12
