#include "x12/output.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include "x12/error.h"

namespace x12 {

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
  temp_ = path_ + ".tmp-XXXXXX";
  fd_ = mkstemp(temp_.data());
  if (fd_ < 0)
    throw error(std::string("cannot create output: ") + std::strerror(errno), {path_});
  // mkstemp makes the file 0600; give it the mode open(2) would have, so a
  // restrictive umask keeps claim data private.
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd_, 0666 & ~mask);
}

output_file::output_file(output_file &&o) noexcept
    : path_(std::move(o.path_)), temp_(std::move(o.temp_)),
      buffer_(std::move(o.buffer_)), written_(o.written_), fd_(std::exchange(o.fd_, -1)),
      committed_(std::exchange(o.committed_, true)) {}

void output_file::flush() {
  std::string_view rest = buffer_;
  while (!rest.empty()) {
    ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n < 0) {
      if (errno == EINTR)
        continue;
      buffer_.clear();
      throw error(std::string("cannot write: ") + std::strerror(errno), {name()});
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  buffer_.clear();
}

void output_file::commit() {
  if (committed_)
    return;
  flush();
  committed_ = true;
  if (temp_.empty()) {
    if (fd_ != STDOUT_FILENO && ::close(fd_) != 0)
      throw error(std::string("cannot write: ") + std::strerror(errno), {path_});
    fd_ = -1;
    return;
  }
  if (fsync(fd_) != 0 || ::close(fd_) != 0) {
    fd_ = -1;
    unlink(temp_.c_str());
    throw error(std::string("cannot write: ") + std::strerror(errno), {path_});
  }
  fd_ = -1;
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
    int e = errno;
    unlink(temp_.c_str());
    throw error(std::string("cannot rename into place: ") + std::strerror(e), {path_});
  }
  sync_folder();
}

// The rename is an entry in the folder: until the folder is synced, a
// crash can undo it and leave the old file (or none) after a run that said
// it wrote the new one. Best effort: the file is in place, and some file
// systems refuse to sync a folder.
void output_file::sync_folder() const {
  std::string folder = std::filesystem::path(path_).parent_path().string();
  int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0)
    return;
  fsync(dir);
  ::close(dir);
}

output_file::~output_file() {
  if (fd_ < 0 || fd_ == STDOUT_FILENO)
    return;
  ::close(fd_);
  if (!committed_ && !temp_.empty())
    unlink(temp_.c_str());
}

} // namespace x12
