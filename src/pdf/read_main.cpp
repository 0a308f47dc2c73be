// nianbao-read-pdf: the reader program of pdf::read (read_apart.cpp). The PDF on
// stdin, what PoDoFo and reader.cpp make of it on stdout (read_wire.hpp). A crash
// or a hang here ends this program only. Exit 0 when the findings are written.
#include <unistd.h>

#include <cerrno>
#include <string>

#include "core/limits.hpp"
#include "core/write_all.hpp"
#include "pdf/read_wire.hpp"
#include "pdf/reader.hpp"

int main() {
  std::string bytes;
  for (char buf[64 * 1024];;) {
    const ssize_t n = ::read(0, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) ::_exit(1);
    if (n == 0) break;
    bytes.append(buf, static_cast<size_t>(n));
    if (bytes.size() > nb::limits::kPdfBytes) break;  // read_in_process says it is too large
  }
  const bool ok = nb::write_all(1, nb::pdf::encode(nb::pdf::read_in_process(bytes)));
  // No destructors or exit handlers (a leak checker's among them): the answer is out.
  ::_exit(ok ? 0 : 1);
}
