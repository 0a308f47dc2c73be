// pdf::read: a received PDF parsed by another program. PoDoFo 0.9.8 (Debian's)
// crashes on some malformed files (fuzz_pdf found one in
// PdfEncrypt::CreatePdfEncrypt); a crash there must make the file unreadable,
// never end nianbao. The reader program (read_main.cpp) is started with
// posix_spawn, not a bare fork: verify reads on several threads, and a child
// forked from one of them can wait forever on a lock another thread held.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/write_all.hpp"
#include "pdf/read_wire.hpp"
#include "pdf/reader.hpp"

extern char** environ;

namespace nb::pdf {

namespace {

constexpr int kSeconds = 60;  // a file PoDoFo parses longer than this is unreadable

ReadPdf unreadable(const std::string& why) {
  ReadPdf r;
  r.error = "PDF 文件结构损坏，无法读取（" + why + "）：请向报送单位重新索取";
  return r;
}

// The program's environment failing (not the file): said as such.
ReadPdf cannot_start(const std::string& what, int err) {
  ReadPdf r;
  r.error = "无法启动 PDF 读取程序（" + what + "：" + std::strerror(err) + "）：请检查 nianbao 的安装";
  return r;
}

// Closes its descriptor once.
struct Fd {
  int fd = -1;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

enum class End { Eof, Timeout, Failed };

// Everything the child writes to `fd` into `got`, until it closes it (Eof), the
// deadline passes (Timeout) or reading fails (Failed).
End collect(int fd, std::chrono::steady_clock::time_point deadline, std::string& got) {
  for (char buf[64 * 1024];;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{fd, POLLIN, 0};
    const int ready = left.count() > 0 ? ::poll(&p, 1, static_cast<int>(left.count())) : 0;
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) return End::Timeout;
    if (ready < 0) return End::Failed;
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return End::Failed;
    if (n == 0) return End::Eof;
    got.append(buf, static_cast<size_t>(n));
  }
}

// The child's exit status, once it has ended (killed first when `stop`).
int finish(pid_t pid, bool stop) {
  if (stop) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

ReadPdf read(std::string_view bytes, const std::string& program) {
  // The bytes in an anonymous file, the child's stdin: no pipe to feed while reading.
  Fd in, out_r, out_w;
  in.fd = ::memfd_create("nianbao-pdf", MFD_CLOEXEC);
  if (in.fd < 0) return cannot_start("memfd_create", errno);
  if (!write_all(in.fd, bytes) || ::lseek(in.fd, 0, SEEK_SET) != 0) return cannot_start("写入临时文件", errno);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return cannot_start("pipe2", errno);
  out_r.fd = fds[0];
  out_w.fd = fds[1];

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_adddup2(&actions, in.fd, 0);
  posix_spawn_file_actions_adddup2(&actions, out_w.fd, 1);
  // The program's complaints (PoDoFo's, a sanitizer's) go to the file
  // NIANBAO_READER_LOG names (fuzz.sh sets it), never to the user's terminal.
  const char* log = std::getenv("NIANBAO_READER_LOG");
  posix_spawn_file_actions_addopen(&actions, 2, log && *log ? log : "/dev/null", O_WRONLY | O_APPEND | O_CREAT, 0644);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::string arg0 = program;
  char* argv[] = {arg0.data(), nullptr};
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, program.c_str(), &actions, &attr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (spawned != 0) return cannot_start(program, spawned);
  out_w.reset();  // the child's copy stays: its end of the pipe is the only writer
  in.reset();

  std::string got;
  End end;
  try {
    end = collect(out_r.fd, std::chrono::steady_clock::now() + std::chrono::seconds(kSeconds), got);
  } catch (...) {  // no memory for the answer: the child goes too
    finish(pid, true);
    throw;
  }
  const int err = errno;
  out_r.reset();
  const int status = finish(pid, end != End::Eof);
  if (end == End::Timeout) return unreadable("解析超过 " + std::to_string(kSeconds) + " 秒");
  if (end == End::Failed) return cannot_start("读取其结果", err);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return unreadable("解析程序 PoDoFo 出错退出");
  auto r = decode(got);
  return r ? std::move(*r) : unreadable("解析结果不完整");
}

}  // namespace nb::pdf
