// Safe writes through the real binary: a run that fails at any stage, is killed
// while writing, or meets a full disk, a read-only or unwritable folder, or a
// folder where the PDF should be, exits 3 with a clear message (or dies), keeps
// the previous PDF and leaves no temporary file.
//
// A full disk and a read-only file system are real: a small tmpfs mounted in a
// user and mount namespace (`unshare -rm`); those cases are skipped where
// unprivileged namespaces are not allowed. On any machine a file size limit
// (prlimit --fsize, RLIMIT_FSIZE) stops the write midway: with SIGXFSZ ignored
// the write fails (EFBIG), else the signal kills the process while it writes.
// An unwritable folder is tested as nobody (setpriv) when the tests run as root.
#define BOOST_TEST_MODULE safe_write
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "support.hpp"

using namespace nbtest;
namespace utf = boost::unit_test;

namespace {

const std::string kSample = kSample2019;
const std::string kPrevious = "%PDF-1.7 previous report\n";

// The folder's entries, sorted, one per line.
std::string listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  std::string s;
  for (const auto& n : names) s += n + "\n";
  return s;
}

std::string build(const TempDir& t, const std::string& env = "", const std::string& input = kSample) {
  return env + " " + kBinary + " build " + input + " -o " + t.path.string();
}

bool namespaces_available() {
  static const bool ok = run("unshare --user --map-root-user --mount true 2>/dev/null").code == 0;
  return ok;
}

boost::test_tools::assertion_result can_mount(utf::test_unit_id) {
  boost::test_tools::assertion_result r(namespaces_available());
  r.message() << "unprivileged user and mount namespaces (unshare -rm) are not available here";
  return r;
}

// Root writes into any folder whatever its mode: as root, the program runs as nobody.
std::string unprivileged() { return geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : ""; }

boost::test_tools::assertion_result can_drop_root(utf::test_unit_id) {
  // `layouts` reads the data folder too, which a private folder above the build hides.
  boost::test_tools::assertion_result r(run(unprivileged() + kBinary + " layouts").code == 0);
  r.message() << "cannot run the program as an unprivileged user (setpriv, or the build folder is private)";
  return r;
}

bool supports_tmpfile(const fs::path& dir) {
  int fd = open(dir.c_str(), O_TMPFILE | O_WRONLY, 0600);
  if (fd < 0) return false;
  close(fd);
  return true;
}

// Runs `script` in a fresh mount namespace where a tmpfs with `options` is mounted on `dir`.
Output on_tmpfs(const TempDir& dir, const std::string& options, const std::string& script) {
  return run("unshare --user --map-root-user --mount sh -c 'mount -t tmpfs -o " + options + " tmpfs " +
             dir.path.string() + " && " + script + "'");
}

}  // namespace

BOOST_AUTO_TEST_CASE(target_that_is_a_folder_exits_3) {
  TempDir t;
  fs::create_directory(t.file("quanan-2020.pdf"));
  Output o = run(build(t));
  BOOST_CHECK_EQUAL(o.code, 3);
  BOOST_CHECK(o.err.find("quanan-2020.pdf: 错误: 输出路径是一个文件夹") != std::string::npos);
  BOOST_CHECK_EQUAL(listing(t.path), "quanan-2020.pdf\n");
  BOOST_CHECK(fs::is_empty(t.file("quanan-2020.pdf")));
}

BOOST_AUTO_TEST_CASE(missing_output_folder_exits_3) {
  TempDir t;
  Output o = run(kBinary + " build " + kSample + " -o " + t.file("nowhere"));
  BOOST_CHECK_EQUAL(o.code, 3);
  BOOST_CHECK(o.err.find("输出文件夹不存在") != std::string::npos);
  BOOST_CHECK(fs::is_empty(t.path));
}

BOOST_AUTO_TEST_CASE(failure_while_writing_keeps_the_previous_pdf_and_no_temporary) {
  TempDir t;
  write_file(t.file("quanan-2020.pdf"), kPrevious);
  // Ignored signals stay ignored across exec.
  Output o = run("sh -c \"trap '' XFSZ; exec " + build(t, "prlimit --fsize=100000") + "\"");
  BOOST_CHECK_EQUAL(o.code, 3);
  BOOST_TEST_INFO(o.err);
  BOOST_CHECK(o.err.find("无法写出 PDF，文件超出系统允许的大小") != std::string::npos);
  BOOST_CHECK(o.err.find("已有的同名文件（如有）未被改动") != std::string::npos);
  BOOST_CHECK_EQUAL(read_file(t.file("quanan-2020.pdf")), kPrevious);
  BOOST_CHECK_EQUAL(listing(t.path), "quanan-2020.pdf\n");
}

BOOST_AUTO_TEST_CASE(killed_run_keeps_the_previous_pdf_and_no_temporary) {
  TempDir t;
  write_file(t.file("quanan-2020.pdf"), kPrevious);
  Output o = run("ulimit -c 0; " + build(t, "prlimit --fsize=100000"));  // SIGXFSZ dumps core by default
  BOOST_CHECK_EQUAL(o.code, 128 + SIGXFSZ);  // the shell reports the signal
  BOOST_CHECK_EQUAL(read_file(t.file("quanan-2020.pdf")), kPrevious);
  if (supports_tmpfile(t.path)) {
    BOOST_CHECK_EQUAL(listing(t.path), "quanan-2020.pdf\n");
  } else {
    BOOST_TEST_MESSAGE("no O_TMPFILE on " << t.path << ": a killed run leaves its hidden temporary file");
  }
  // The next run succeeds over it.
  BOOST_CHECK_EQUAL(run(build(t)).code, 0);
  BOOST_CHECK(read_file(t.file("quanan-2020.pdf")).rfind("%PDF-1.7\n", 0) == 0);
}

BOOST_AUTO_TEST_CASE(run_failing_before_writing_keeps_the_previous_pdf) {
  TempDir t;
  write_file(t.file("in.pdf"), kPrevious);
  write_file(t.file("in.toml"), read_file(kSample) + "\n[fonts]\nbody = \"没有这个字体.ttf\"\n");
  Output o = run(build(t, "", t.file("in.toml")));
  BOOST_CHECK_EQUAL(o.code, 3);
  BOOST_CHECK(o.err.find("找不到字体文件 没有这个字体.ttf") != std::string::npos);
  BOOST_CHECK_EQUAL(read_file(t.file("in.pdf")), kPrevious);
  BOOST_CHECK_EQUAL(listing(t.path), "in.pdf\nin.toml\n");
}

BOOST_AUTO_TEST_CASE(full_disk_exits_3_and_keeps_the_previous_pdf, *utf::precondition(can_mount)) {
  TempDir t;
  // 64 KiB: room for the previous file, not for the new PDF (~260 KiB).
  const std::string previous = kPrevious.substr(0, kPrevious.size() - 1);  // echo adds the newline
  Output o = on_tmpfs(t, "size=64k",
                      "echo \"" + previous + "\" > " + t.file("quanan-2020.pdf") + " && " + build(t) +
                          "; echo \"rc=$?\"; ls -A " + t.path.string() + "; cat " + t.file("quanan-2020.pdf"));
  BOOST_TEST_INFO(o.out + o.err);
  BOOST_CHECK(o.err.find("无法写出 PDF，磁盘空间不足") != std::string::npos);
  BOOST_CHECK_EQUAL(o.out, "rc=3\nquanan-2020.pdf\n" + kPrevious);
}

BOOST_AUTO_TEST_CASE(read_only_file_system_exits_3, *utf::precondition(can_mount)) {
  TempDir t;
  Output o = on_tmpfs(t, "ro,size=64k", build(t) + "; echo \"rc=$?\"; ls -A " + t.path.string());
  BOOST_TEST_INFO(o.out + o.err);
  BOOST_CHECK(o.err.find("文件系统只读") != std::string::npos);
  BOOST_CHECK_EQUAL(o.out, "rc=3\n");
}

BOOST_AUTO_TEST_CASE(unwritable_folder_exits_3, *utf::precondition(can_drop_root)) {
  TempDir t;
  write_file(t.file("quanan-2020.pdf"), kPrevious);
  using fs::perms;
  fs::permissions(t.path, geteuid() == 0 ? perms::owner_all | perms::group_read | perms::group_exec |
                                               perms::others_read | perms::others_exec
                                         : perms::owner_read | perms::owner_exec);
  Output o = run(unprivileged() + build(t));
  fs::permissions(t.path, perms::owner_all);
  BOOST_CHECK_EQUAL(o.code, 3);
  BOOST_TEST_INFO(o.err);
  BOOST_CHECK(o.err.find("没有写入权限") != std::string::npos);
  BOOST_CHECK_EQUAL(read_file(t.file("quanan-2020.pdf")), kPrevious);
  BOOST_CHECK_EQUAL(listing(t.path), "quanan-2020.pdf\n");
}
