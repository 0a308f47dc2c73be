// write(2) until every byte is written.
#pragma once
#include <unistd.h>

#include <cerrno>
#include <string_view>

namespace nb {

// Retries on EINTR; false on failure, with errno saying why.
inline bool write_all(int fd, std::string_view bytes) {
  for (size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace nb
