// Font programs kept on disk between runs: an entry is used only when intact and
// made for the same face, glyphs and recipe; a damaged, foreign or unwritable
// cache never changes the PDF, never fails the build and never prints anything;
// the folder stays within its limits.
#define BOOST_TEST_MODULE cache
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <optional>

#include "pdf/program_store.hpp"
#include "support.hpp"

using namespace nbtest;
using nb::pdf::EmbeddedProgram;
using nb::pdf::ProgramKey;
using nb::pdf::ProgramStore;

namespace {

ProgramKey key_of(uint8_t b) {
  ProgramKey k{};
  k.fill(b);
  return k;
}

EmbeddedProgram sample_program() {
  EmbeddedProgram p;
  p.deflated = std::string("x\x9c\x01\x02\x00\xfd\xff", 7) + "CFF program";
  p.size = 4242;
  p.codes = {0, 17, 300, 65535};
  return p;
}

std::map<std::string, std::string> entries(const fs::path& dir) {
  std::map<std::string, std::string> m;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".prog") m[e.path().filename().string()] = read_file(e.path().string());
  return m;
}

void set_age(const fs::path& p, std::chrono::hours age) {
  fs::last_write_time(p, fs::file_time_type::clock::now() - age);
}

// One build of the sample with the cache in `cache` (and `extra` before the command).
Output build(const std::string& cache, const TempDir& out, const std::string& extra = "") {
  return run(extra + " env NIANBAO_CACHE=" + cache + " " + kBinary + " build " + kSourceDir +
             "/input/quanan-2020.toml -q -o " + out.path.string());
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_entry_reads_back_only_intact_and_under_its_own_key) {
  const ProgramKey key = key_of(7);
  const std::string bytes = ProgramStore::encode(key, sample_program());
  auto back = ProgramStore::decode(key, bytes);
  BOOST_REQUIRE(back);
  BOOST_CHECK(back->deflated == sample_program().deflated);
  BOOST_CHECK_EQUAL(back->size, 4242u);
  BOOST_CHECK(back->codes == sample_program().codes);

  BOOST_CHECK(!ProgramStore::decode(key_of(8), bytes));
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string flipped = bytes;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x20);
    BOOST_TEST_INFO("byte " << i << " flipped");
    BOOST_CHECK(!ProgramStore::decode(key, flipped));
    BOOST_TEST_INFO("cut to " << i << " bytes");
    BOOST_CHECK(!ProgramStore::decode(key, bytes.substr(0, i)));
  }
  BOOST_CHECK(!ProgramStore::decode(key, bytes + '\0'));
  BOOST_CHECK(!ProgramStore::decode(key, std::string(bytes.size(), '\0')));
  // Intact, but with a length no program has (it would become /Length1).
  for (uint64_t size : {uint64_t{0}, uint64_t{1} << 31, uint64_t{1} << 40}) {
    EmbeddedProgram odd = sample_program();
    odd.size = size;
    BOOST_TEST_INFO("size " << size);
    BOOST_CHECK(!ProgramStore::decode(key, ProgramStore::encode(key, odd)));
  }
}

BOOST_AUTO_TEST_CASE(the_key_follows_the_glyphs_the_face_and_its_file) {
  TempDir dir;
  const std::string font = dir.file("DejaVuSans.ttf");
  nb::font::FontLibrary system({"/usr/local/share/fonts", "/usr/share/fonts"});
  const auto dejavu = system.find("DejaVuSans.ttf"), ttc = system.find("NotoSerifCJK-Regular.ttc");
  BOOST_REQUIRE(dejavu && ttc);
  fs::copy_file(*dejavu, font);
  std::optional<ProgramKey> before, touched;
  {
    nb::font::FontLibrary fonts({dir.path.string()});
    const auto& face = fonts.open(font, 0);
    before = nb::pdf::program_key(face, {36, 37});
    BOOST_REQUIRE(before);
    BOOST_CHECK(nb::pdf::program_key(face, {36, 37}) == before);
    BOOST_CHECK(nb::pdf::program_key(face, {36, 38}) != before);
    BOOST_CHECK(nb::pdf::program_key(face, {36}) != before);
    BOOST_CHECK(nb::pdf::program_key(system.open(*ttc, 0), {36, 37}) !=
                nb::pdf::program_key(system.open(*ttc, 2), {36, 37}));
  }
  set_age(font, std::chrono::hours(5));  // as if replaced by another file of the same size
  {
    nb::font::FontLibrary fonts({dir.path.string()});
    touched = nb::pdf::program_key(fonts.open(font, 0), {36, 37});
  }
  BOOST_REQUIRE(touched);
  BOOST_CHECK(touched != before);
}

BOOST_AUTO_TEST_CASE(a_second_build_takes_the_stored_programs_and_gives_the_same_bytes) {
  TempDir cache, cold, warm, none;
  const std::string dir = cache.file("c");
  BOOST_REQUIRE_EQUAL(build(dir, cold).code, 0);
  auto stored = entries(dir + "/fonts");
  BOOST_CHECK_EQUAL(stored.size(), 4u);  // the sample shows four faces
  std::map<std::string, ino_t> inode;
  for (const auto& [name, bytes] : stored) {
    const fs::path p = fs::path(dir) / "fonts" / name;
    struct stat st {};
    BOOST_REQUIRE_EQUAL(::stat(p.c_str(), &st), 0);
    inode[name] = st.st_ino;
    set_age(p, std::chrono::hours(24));
  }
  Output o = build(dir, warm);
  BOOST_CHECK_EQUAL(o.code, 0);
  BOOST_CHECK_EQUAL(o.err, "");
  BOOST_CHECK(entries(dir + "/fonts") == stored);
  for (const auto& [name, ino] : inode) {  // read, not written again; marked as used
    const fs::path p = fs::path(dir) / "fonts" / name;
    struct stat st {};
    BOOST_REQUIRE_EQUAL(::stat(p.c_str(), &st), 0);
    BOOST_TEST_INFO(name);
    BOOST_CHECK_EQUAL(st.st_ino, ino);
    BOOST_CHECK(fs::last_write_time(p) > fs::file_time_type::clock::now() - std::chrono::hours(1));
  }
  BOOST_REQUIRE_EQUAL(build("off", none).code, 0);
  const std::string pdf = read_file(cold.file("quanan-2020.pdf"));
  BOOST_CHECK(read_file(warm.file("quanan-2020.pdf")) == pdf);
  BOOST_CHECK(read_file(none.file("quanan-2020.pdf")) == pdf);
}

BOOST_AUTO_TEST_CASE(damaged_entries_are_ignored_and_replaced) {
  TempDir cache, cold;
  const std::string dir = cache.file("c");
  BOOST_REQUIRE_EQUAL(build(dir, cold).code, 0);
  const std::string pdf = read_file(cold.file("quanan-2020.pdf"));
  const auto stored = entries(dir + "/fonts");
  BOOST_REQUIRE_EQUAL(stored.size(), 4u);
  auto it = stored.begin();
  const std::string flipped = dir + "/fonts/" + (it++)->first, cut = dir + "/fonts/" + (it++)->first,
                    garbage = dir + "/fonts/" + (it++)->first, fifo = dir + "/fonts/" + (it++)->first;
  std::string bytes = stored.at(fs::path(flipped).filename().string());
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 1);
  write_file(flipped, bytes);
  write_file(cut, stored.at(fs::path(cut).filename().string()).substr(0, 100));
  write_file(garbage, std::string(5000, '\xff'));
  fs::remove(fifo);
  BOOST_REQUIRE_EQUAL(::mkfifo(fifo.c_str(), 0644), 0);  // opened for reading, it would wait for a writer
  for (int round = 0; round < 2; ++round) {
    TempDir out;
    Output o = build(dir, out, "timeout 60");
    BOOST_TEST_INFO("round " << round << ": " << o.err);
    BOOST_CHECK_EQUAL(o.code, 0);
    BOOST_CHECK_EQUAL(o.err, "");
    BOOST_CHECK(read_file(out.file("quanan-2020.pdf")) == pdf);
  }
  auto now = entries(dir + "/fonts");
  for (const auto& f : {flipped, cut, garbage, fifo}) {
    const std::string name = fs::path(f).filename().string();
    BOOST_TEST_INFO(name);
    BOOST_CHECK(now[name] == stored.at(name));
  }
}

// An intact entry that another user owns (planted in a shared folder) is not used.
BOOST_AUTO_TEST_CASE(entries_of_other_users_are_not_used) {
  if (geteuid() != 0) {
    BOOST_TEST_MESSAGE("skipped: giving a file to another user takes root (CI runs as root)");
    return;
  }
  TempDir cache, cold, again;
  const std::string dir = cache.file("c");
  BOOST_REQUIRE_EQUAL(build(dir, cold).code, 0);
  auto stored = entries(dir + "/fonts");
  BOOST_REQUIRE(!stored.empty());
  const fs::path planted = fs::path(dir) / "fonts" / stored.begin()->first;
  BOOST_REQUIRE_EQUAL(::chown(planted.c_str(), 65534, 65534), 0);
  Output o = build(dir, again);
  BOOST_CHECK_EQUAL(o.code, 0);
  BOOST_CHECK(read_file(again.file("quanan-2020.pdf")) == read_file(cold.file("quanan-2020.pdf")));
  struct stat st {};
  BOOST_REQUIRE_EQUAL(::stat(planted.c_str(), &st), 0);
  BOOST_CHECK_EQUAL(st.st_uid, 0u);  // cut again and stored in its place
}

BOOST_AUTO_TEST_CASE(an_unusable_cache_folder_changes_nothing) {
  TempDir cache, plain;
  BOOST_REQUIRE_EQUAL(build("off", plain).code, 0);
  const std::string pdf = read_file(plain.file("quanan-2020.pdf"));
  write_file(cache.file("a-file"), "not a folder");
  TempDir out;
  Output o = build(cache.file("a-file") + "/c", out);
  BOOST_CHECK_EQUAL(o.code, 0);
  BOOST_CHECK_EQUAL(o.err, "");
  BOOST_CHECK(read_file(out.file("quanan-2020.pdf")) == pdf);
}

BOOST_AUTO_TEST_CASE(off_and_no_cache_store_nothing) {
  TempDir cache, a, b;
  BOOST_REQUIRE_EQUAL(build("off", a, "HOME=" + cache.path.string() + " XDG_CACHE_HOME=").code, 0);
  BOOST_CHECK(fs::is_empty(cache.path));
  Output o = run("NIANBAO_CACHE=" + cache.file("c") + " " + kBinary + " build " + kSourceDir +
                 "/input/quanan-2020.toml --no-cache -q -o " + b.path.string());
  BOOST_CHECK_EQUAL(o.code, 0);
  BOOST_CHECK(!fs::exists(cache.file("c")));
}

BOOST_AUTO_TEST_CASE(the_cache_lives_under_xdg_cache_home_or_home) {
  TempDir home, xdg, a, b;
  Output o = run("env -u NIANBAO_CACHE -u XDG_CACHE_HOME HOME=" + home.path.string() + " " + kBinary + " build " +
                 kSourceDir + "/input/quanan-2020.toml -q -o " + a.path.string());
  BOOST_CHECK_EQUAL(o.code, 0);
  BOOST_CHECK_EQUAL(entries(home.path / ".cache" / "nianbao" / "fonts").size(), 4u);
  o = run("env -u NIANBAO_CACHE XDG_CACHE_HOME=" + xdg.path.string() + " HOME=" + home.path.string() + "/x " +
          kBinary + " build " + kSourceDir + "/input/quanan-2020.toml -q -o " + b.path.string());
  BOOST_CHECK_EQUAL(o.code, 0);
  BOOST_CHECK_EQUAL(entries(xdg.path / "nianbao" / "fonts").size(), 4u);
  BOOST_CHECK(!fs::exists(home.path / "x"));
}

std::string entry_name(int i) {
  char name[80];
  std::snprintf(name, sizeof name, "%064x.prog", i);
  return name;
}

BOOST_AUTO_TEST_CASE(the_folder_keeps_to_its_entry_limit_dropping_the_least_recently_used) {
  TempDir cache, out;
  const fs::path fonts = cache.path / "c" / "fonts";
  fs::create_directories(fonts);
  for (int i = 0; i < 300; ++i) {
    write_file((fonts / entry_name(i)).string(), "old");
    set_age(fonts / entry_name(i), std::chrono::hours(48 + i));  // the higher, the older
  }
  const std::string killed = entry_name(1000) + ".tmp-1-1", writing = entry_name(1001) + ".tmp-2-2";
  write_file((fonts / killed).string(), "left by a killed run");
  set_age(fonts / killed, std::chrono::hours(2));
  write_file((fonts / writing).string(), "being written now");
  for (const char* foreign : {"notes.txt", "mine.prog", "NOTES.PROG.tmp-1-1"}) {
    write_file((fonts / foreign).string(), "not nianbao's");
    set_age(fonts / foreign, std::chrono::hours(1000));
  }
  BOOST_REQUIRE_EQUAL(build((cache.path / "c").string(), out).code, 0);

  auto now = entries(fonts);
  now.erase("mine.prog");
  BOOST_CHECK_EQUAL(now.size(), ProgramStore::kMaxEntries);
  size_t fresh = 0;
  for (const auto& [name, bytes] : now) fresh += bytes != "old";
  BOOST_CHECK_EQUAL(fresh, 4u);
  BOOST_CHECK(!now.count(entry_name(299)));  // the oldest went
  BOOST_CHECK(!now.count(entry_name(252)));
  BOOST_CHECK(now.count(entry_name(251)));
  BOOST_CHECK(now.count(entry_name(0)));
  BOOST_CHECK(!fs::exists(fonts / killed));
  BOOST_CHECK(fs::exists(fonts / writing));
  for (const char* foreign : {"notes.txt", "mine.prog", "NOTES.PROG.tmp-1-1"}) {
    BOOST_TEST_INFO(foreign);
    BOOST_CHECK(fs::exists(fonts / foreign));
  }
}

BOOST_AUTO_TEST_CASE(the_folder_keeps_to_its_size_limit_dropping_the_least_recently_used) {
  TempDir cache, out;
  const fs::path fonts = cache.path / "c" / "fonts";
  fs::create_directories(fonts);
  for (int i = 0; i < 5; ++i) {  // 5 x 15 MiB, sparse: 75 MiB
    { std::ofstream(fonts / entry_name(i)) << "x"; }
    fs::resize_file(fonts / entry_name(i), 15ull << 20);
    set_age(fonts / entry_name(i), std::chrono::hours(10 + i));
  }
  BOOST_REQUIRE_EQUAL(build((cache.path / "c").string(), out).code, 0);
  auto now = entries(fonts);
  BOOST_CHECK_EQUAL(now.size(), 8u);  // 4 of the 5, and the sample's 4
  BOOST_CHECK(!now.count(entry_name(4)));
  BOOST_CHECK(now.count(entry_name(3)));
  uint64_t total = 0;
  for (const auto& e : fs::directory_iterator(fonts)) total += e.file_size();
  BOOST_CHECK_LE(total, ProgramStore::kMaxBytes);
}

BOOST_AUTO_TEST_CASE(runs_at_the_same_time_share_the_folder) {
  TempDir cache, a, b, plain;
  const std::string dir = cache.file("c");
  auto cmd = [&](const TempDir& out) {
    return "NIANBAO_CACHE=" + dir + " " + kBinary + " build " + kSourceDir + "/input/quanan-2020.toml -q -o " +
           out.path.string();
  };
  Output o = run("(" + cmd(a) + " & " + cmd(b) + " & wait)");
  BOOST_CHECK_EQUAL(o.err, "");
  BOOST_REQUIRE_EQUAL(build("off", plain).code, 0);
  const std::string pdf = read_file(plain.file("quanan-2020.pdf"));
  BOOST_CHECK(read_file(a.file("quanan-2020.pdf")) == pdf);
  BOOST_CHECK(read_file(b.file("quanan-2020.pdf")) == pdf);
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(fs::path(dir) / "fonts")) files += e.exists();
  BOOST_CHECK_EQUAL(files, 4u);  // no temporary file left
}
