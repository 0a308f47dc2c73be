// pdf::read: the parsing of a received PDF in a child process. PoDoFo 0.9.8
// (Debian's) crashes on some malformed files (fuzz_pdf found one in
// PdfEncrypt::CreatePdfEncrypt); a crash there must make the file unreadable,
// never end nianbao. The child writes what it read as length-prefixed fields.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "core/write_all.hpp"
#include "pdf/reader.hpp"

namespace nb::pdf {

namespace {

constexpr int kSeconds = 60;  // a file PoDoFo parses longer than this is unreadable

class Out {
 public:
  void num(int64_t v) { s_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void str(const std::string& v) {
    num(static_cast<int64_t>(v.size()));
    s_ += v;
  }
  const std::string& bytes() const { return s_; }

 private:
  std::string s_;
};

class In {
 public:
  explicit In(const std::string& s) : s_(s) {}
  int64_t num() {
    int64_t v = 0;
    if (at_ + sizeof v > s_.size()) { ok_ = false; return 0; }
    std::memcpy(&v, s_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  std::string str() {
    const int64_t n = num();
    if (n < 0 || static_cast<uint64_t>(n) > s_.size() - at_) { ok_ = false; return {}; }
    std::string v = s_.substr(at_, static_cast<size_t>(n));
    at_ += static_cast<size_t>(n);
    return v;
  }
  size_t count() {
    const int64_t n = num();
    if (n < 0 || static_cast<uint64_t>(n) > s_.size()) { ok_ = false; return 0; }
    return static_cast<size_t>(n);
  }
  bool good() const { return ok_; }                          // no field past the end so far
  bool ok() const { return ok_ && at_ == s_.size(); }        // every byte read, none missing

 private:
  const std::string& s_;
  size_t at_ = 0;
  bool ok_ = true;
};

std::string encode(const ReadPdf& r) {
  Out o;
  o.str(r.error);
  o.num(r.encrypted);
  o.str(r.version);
  o.num(r.pdfa_part);
  o.str(r.pdfa_conformance);
  o.num(r.output_intent);
  o.num(r.tagged);
  o.str(r.producer);
  o.num(r.pages);
  o.num(r.a4_pages);
  o.num(static_cast<int64_t>(r.page_list.size()));
  for (const auto& p : r.page_list) {
    o.num(p.object);
    o.str(p.content);
  }
  o.num(static_cast<int64_t>(r.fonts.size()));
  for (const auto& f : r.fonts) {
    o.str(f.name);
    o.num(f.embedded);
    o.num(f.subset);
    o.str(f.program);
  }
  o.num(static_cast<int64_t>(r.attachments.size()));
  for (const auto& a : r.attachments) {
    o.str(a.name);
    o.str(a.relationship);
    o.str(a.mime);
    o.str(a.mod_date);
    o.str(a.bytes);
    o.num(a.associated);
    o.str(a.problem);
  }
  return o.bytes();
}

std::optional<ReadPdf> decode(const std::string& s) {
  In in(s);
  ReadPdf r;
  r.error = in.str();
  r.encrypted = in.num() != 0;
  r.version = in.str();
  r.pdfa_part = static_cast<int>(in.num());
  r.pdfa_conformance = in.str();
  r.output_intent = in.num() != 0;
  r.tagged = in.num() != 0;
  r.producer = in.str();
  r.pages = static_cast<int>(in.num());
  r.a4_pages = static_cast<int>(in.num());
  for (size_t n = in.count(), i = 0; i < n && in.good(); ++i) {
    ReadPage p;
    p.object = static_cast<int>(in.num());
    p.content = in.str();
    r.page_list.push_back(std::move(p));
  }
  for (size_t n = in.count(), i = 0; i < n && in.good(); ++i) {
    ReadFont f;
    f.name = in.str();
    f.embedded = in.num() != 0;
    f.subset = in.num() != 0;
    f.program = in.str();
    r.fonts.push_back(std::move(f));
  }
  for (size_t n = in.count(), i = 0; i < n && in.good(); ++i) {
    ReadAttachment a;
    a.name = in.str();
    a.relationship = in.str();
    a.mime = in.str();
    a.mod_date = in.str();
    a.bytes = in.str();
    a.associated = in.num() != 0;
    a.problem = in.str();
    r.attachments.push_back(std::move(a));
  }
  if (!in.ok()) return std::nullopt;
  return r;
}

ReadPdf unreadable(const std::string& why) {
  ReadPdf r;
  r.error = "PDF 文件结构损坏，无法读取（" + why + "）：请向报送单位重新索取";
  return r;
}

}  // namespace

ReadPdf read(std::string_view bytes) {
  int fds[2];
  if (::pipe(fds) != 0) return unreadable("无法创建管道");
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return unreadable("无法创建子进程");
  }
  if (pid == 0) {  // the child: parse, write, leave without running exit handlers
    ::close(fds[0]);
    // A crash ends the child only: no handler of the parent's (a sanitizer's, a
    // fuzzer's) reports it as the parent's.
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) ::signal(sig, SIG_DFL);
    const bool ok = write_all(fds[1], encode(read_in_process(bytes)));
    ::_exit(ok ? 0 : 1);
  }
  ::close(fds[1]);
  std::string got;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kSeconds);
  bool timed_out = false;
  for (char buf[64 * 1024];;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{fds[0], POLLIN, 0};
    const int ready = left.count() > 0 ? ::poll(&p, 1, static_cast<int>(left.count())) : 0;
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) { timed_out = ready == 0; break; }
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got.append(buf, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) return unreadable("解析超过 " + std::to_string(kSeconds) + " 秒");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return unreadable("解析程序 PoDoFo 出错退出");
  auto r = decode(got);
  return r ? std::move(*r) : unreadable("解析结果不完整");
}

}  // namespace nb::pdf
