#include "pdf/program_store.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <hb-subset.h>
#include <libdeflate.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/digest.hpp"
#include "core/hex.hpp"
#include "core/write_all.hpp"
#include "font/subset.hpp"
#include "pdf/flate.hpp"

namespace fs = std::filesystem;

namespace nb::pdf {

namespace {

constexpr char kMagic[8] = {'N', 'B', 'F', 'P', '2', '\n', '\0', '\0'};
constexpr size_t kHeader = sizeof kMagic + 32 + 3 * 8;  // magic, key, size, codes, deflated length
constexpr const char* kSuffix = ".prog";

void put64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>(v >> (8 * i));
}
void put32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>(v >> (8 * i));
}
uint64_t get(const char* p, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(p[i]);
  return v;
}
// The file holding `symbol` (a library, the PDF module or the binary): path, size
// and modification time.
std::string file_of(const void* symbol) {
  Dl_info info{};
  struct stat st {};
  if (!dladdr(symbol, &info) || !info.dli_fname || ::stat(info.dli_fname, &st) != 0) return "?\n";
  return std::string(info.dli_fname) + ' ' + std::to_string(st.st_size) + ' ' + std::to_string(st.st_mtim.tv_sec) +
         '.' + std::to_string(st.st_mtim.tv_nsec) + '\n';
}

// The code that makes programs, as loaded in this process.
const std::string& recipe() {
  static const std::string r = "nianbao font program 2\n" + font::subset_recipe() + '\n' + deflate_recipe() + '\n' +
                               file_of(reinterpret_cast<const void*>(&hb_subset_plan_create_or_fail)) +
                               file_of(reinterpret_cast<const void*>(&libdeflate_alloc_compressor)) +
                               file_of(reinterpret_cast<const void*>(&program_key));
  return r;
}

// An entry's name: 64 hex digits and the suffix; `tmp` also accepts the name of
// one being written (the entry's name, ".tmp-", the writer's pid and serial).
bool ours(const std::string& name, bool tmp) {
  const size_t n = 64 + std::strlen(kSuffix);
  if (name.size() < n || name.compare(64, std::strlen(kSuffix), kSuffix) != 0) return false;
  for (size_t i = 0; i < 64; ++i)
    if (!std::isxdigit(static_cast<unsigned char>(name[i])) || std::isupper(static_cast<unsigned char>(name[i])))
      return false;
  if (!tmp) return name.size() == n;
  return name.compare(n, 5, ".tmp-") == 0 && name.size() > n + 5 &&
         name.find_first_not_of("0123456789-", n + 5) == std::string::npos;
}

}  // namespace

std::optional<ProgramKey> program_key(const font::Face& face, const std::set<uint32_t>& gids) {
  if (face.identity().empty()) return std::nullopt;
  std::string m = recipe();
  m += face.path() + '\n' + std::to_string(face.index()) + '\n' + face.ps_name() + '\n';
  put64(m, face.identity().size());
  m += face.identity();
  put64(m, gids.size());
  for (uint32_t g : gids) put64(m, g);
  return sha256(m);
}

std::string ProgramStore::encode(const ProgramKey& key, const EmbeddedProgram& p) {
  std::string out(kMagic, sizeof kMagic);
  out.append(reinterpret_cast<const char*>(key.data()), key.size());
  put64(out, p.size);
  put64(out, p.codes.size());
  put64(out, p.deflated.size());
  for (uint32_t c : p.codes) put32(out, c);
  out += p.deflated;
  ProgramKey sum = sha256(out);
  out.append(reinterpret_cast<const char*>(sum.data()), sum.size());
  return out;
}

std::shared_ptr<const EmbeddedProgram> ProgramStore::decode(const ProgramKey& key, std::string_view b) {
  if (b.size() < kHeader + 32 || std::memcmp(b.data(), kMagic, sizeof kMagic) != 0 ||
      std::memcmp(b.data() + sizeof kMagic, key.data(), key.size()) != 0)
    return nullptr;
  const char* h = b.data() + sizeof kMagic + 32;
  const uint64_t size = get(h, 8), codes = get(h + 8, 8), deflated = get(h + 16, 8);
  const uint64_t room = b.size() - kHeader - 32;
  // A program's length goes into /Length1 as a PDF integer: never 0 or absurd.
  if (codes > room / 4 || deflated != room - codes * 4 || deflated == 0 || size == 0 || size > INT32_MAX)
    return nullptr;
  ProgramKey sum = sha256(b.substr(0, b.size() - 32));
  if (std::memcmp(sum.data(), b.data() + b.size() - 32, 32) != 0) return nullptr;
  auto p = std::make_shared<EmbeddedProgram>();
  p->size = size;
  const char* c = b.data() + kHeader;
  for (uint64_t i = 0; i < codes; ++i, c += 4) {
    const auto code = static_cast<uint32_t>(get(c, 4));
    if (!p->codes.empty() && code <= *p->codes.rbegin()) return nullptr;
    p->codes.insert(p->codes.end(), code);
  }
  p->deflated.assign(c, deflated);
  return p;
}

std::string ProgramStore::path(const ProgramKey& key) const { return dir_ + "/" + to_hex(key) + kSuffix; }

std::shared_ptr<const EmbeddedProgram> ProgramStore::load(const ProgramKey& key) const noexcept try {
  // O_NONBLOCK: a FIFO in an entry's place must not stop the run.
  struct File {
    int fd;
    ~File() {
      if (fd >= 0) ::close(fd);
    }
  } file{::open(path(key).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)};
  const int fd = file.fd;
  if (fd < 0) return nullptr;
  std::shared_ptr<const EmbeddedProgram> p;
  struct stat st {};
  // Only a file of this user's: in a folder others may write to (NIANBAO_CACHE set to
  // a shared folder), an entry planted by someone else would put their outlines in
  // this user's PDF (the entry's own digest guards against damage, not forgery).
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() &&
      static_cast<uint64_t>(st.st_size) <= kMaxEntryBytes) {
    std::string bytes(static_cast<size_t>(st.st_size), '\0');
    size_t done = 0;
    for (ssize_t n; done < bytes.size(); done += static_cast<size_t>(n)) {
      n = ::read(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) n = 0;
      else if (n <= 0) break;
    }
    if (done == bytes.size()) p = decode(key, bytes);
    if (p) (void)::futimens(fd, nullptr);  // used now: pruned last
  }
  return p;
} catch (...) {  // out of memory: as if there were no entry
  return nullptr;
}

void ProgramStore::store(const ProgramKey& key, const EmbeddedProgram& program) const noexcept try {
  static std::atomic<unsigned> serial{0};
  const std::string bytes = encode(key, program);
  if (bytes.size() > kMaxEntryBytes) return;
  std::error_code ec;
  fs::create_directories(dir_, ec);
  const std::string final_path = path(key);
  const std::string tmp = final_path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(serial++);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return;
  bool ok = write_all(fd, bytes);
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), final_path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return;
  }
  prune();
} catch (...) {  // out of memory: nothing stored, or not pruned this time
}

void ProgramStore::prune() const {
  struct Entry {
    fs::file_time_type used;
    uint64_t size;
    fs::path path;
  };
  std::vector<Entry> entries;
  uint64_t total = 0;
  std::error_code ec;
  const auto stale = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e;
    if (!it->is_regular_file(e)) continue;
    const std::string name = it->path().filename().string();
    auto used = it->last_write_time(e);
    if (e) continue;
    if (ours(name, true)) {  // left by a run that was killed
      if (used < stale) fs::remove(it->path(), e);
    } else if (ours(name, false)) {
      uint64_t size = it->file_size(e);
      if (e) continue;
      entries.push_back({used, size, it->path()});
      total += size;
    }
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
  for (size_t i = 0, left = entries.size(); i < entries.size() && (left > kMaxEntries || total > kMaxBytes); ++i) {
    std::error_code e;
    fs::remove(entries[i].path, e);  // false, no error: another run removed it first
    if (!e) {
      --left;
      total -= entries[i].size;
    }
  }
}

}  // namespace nb::pdf
