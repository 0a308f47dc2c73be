#include "pdf/program_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <vector>

#include "pdf/flate.hpp"
#include "pdf/font_subset.hpp"
#include "pdf/sha256.hpp"

namespace fs = std::filesystem;

namespace nb::pdf {

namespace {

constexpr char kMagic[8] = {'N', 'B', 'F', 'P', '1', '\n', '\0', '\0'};
constexpr size_t kHeader = sizeof kMagic + 32 + 3 * 8;  // magic, key, size, codes, deflated length
constexpr const char* kSuffix = ".prog";

void put64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>(v >> (8 * i));
}
uint64_t get64(const char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(p[i]);
  return v;
}
uint32_t big(const char* p, int n) {
  uint32_t v = 0;
  for (int i = 0; i < n; ++i) v = v << 8 | static_cast<unsigned char>(p[i]);
  return v;
}

// The face's table directory (tags, checksums, offsets and lengths of its tables),
// found through the collection header of a .ttc; empty if the file is too short.
std::string table_directory(const typeset::Face& face) {
  hb_blob_t* blob = hb_face_reference_blob(face.hb_face());
  unsigned len = 0;
  const char* d = hb_blob_get_data(blob, &len);
  std::string dir;
  size_t off = 0;
  bool found = true;
  if (len >= 12 && std::memcmp(d, "ttcf", 4) == 0) {
    const size_t entry = 12 + 4 * static_cast<size_t>(face.index());
    found = face.index() >= 0 && static_cast<uint32_t>(face.index()) < big(d + 8, 4) && entry + 4 <= len;
    if (found) off = big(d + entry, 4);
  }
  if (found && off + 12 <= len) {
    const size_t end = off + 12 + 16 * static_cast<size_t>(big(d + off + 4, 2));
    if (end <= len) dir.assign(d + off, end - off);
  }
  hb_blob_destroy(blob);
  return dir;
}

std::string hex(const ProgramKey& key) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (uint8_t b : key) {
    s += digits[b >> 4];
    s += digits[b & 15];
  }
  return s;
}

bool write_all(int fd, const std::string& bytes) {
  for (size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

ProgramKey program_key(const typeset::Face& face, const std::set<uint32_t>& gids) {
  std::string m = "nianbao font program 1\n" + subset_recipe() + '\n' + deflate_recipe() + '\n';
  m += face.path() + '\n' + std::to_string(face.index()) + '\n' + face.ps_name() + '\n';
  struct stat st {};
  if (::stat(face.path().c_str(), &st) == 0)
    m += std::to_string(st.st_size) + ' ' + std::to_string(st.st_mtim.tv_sec) + '.' +
         std::to_string(st.st_mtim.tv_nsec) + '\n';
  std::string dir = table_directory(face);
  put64(m, dir.size());
  m += dir;
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
  for (uint32_t c : p.codes) put64(out, c);
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
  const uint64_t size = get64(h), codes = get64(h + 8), deflated = get64(h + 16);
  const uint64_t room = b.size() - kHeader - 32;
  if (codes > room / 8 || deflated != room - codes * 8 || deflated == 0) return nullptr;
  ProgramKey sum = sha256(b.substr(0, b.size() - 32));
  if (std::memcmp(sum.data(), b.data() + b.size() - 32, 32) != 0) return nullptr;
  auto p = std::make_shared<EmbeddedProgram>();
  p->size = size;
  const char* c = b.data() + kHeader;
  for (uint64_t i = 0; i < codes; ++i, c += 8) {
    uint64_t code = get64(c);
    if (code > UINT32_MAX || (!p->codes.empty() && code <= *p->codes.rbegin())) return nullptr;
    p->codes.insert(p->codes.end(), static_cast<uint32_t>(code));
  }
  p->deflated.assign(c, deflated);
  return p;
}

std::string ProgramStore::path(const ProgramKey& key) const { return dir_ + "/" + hex(key) + kSuffix; }

std::shared_ptr<const EmbeddedProgram> ProgramStore::load(const ProgramKey& key) const {
  int fd = ::open(path(key).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return nullptr;
  std::shared_ptr<const EmbeddedProgram> p;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) <= kMaxBytes) {
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
  ::close(fd);
  return p;
}

void ProgramStore::store(const ProgramKey& key, const EmbeddedProgram& program) const {
  static std::atomic<unsigned> serial{0};
  std::error_code ec;
  fs::create_directories(dir_, ec);
  const std::string final_path = path(key);
  const std::string tmp = final_path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(serial++);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return;
  bool ok = write_all(fd, encode(key, program));
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), final_path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return;
  }
  prune();
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
    if (name.find(".tmp-") != std::string::npos) {  // left by a run that was killed
      if (used < stale) fs::remove(it->path(), e);
    } else if (name.size() > std::strlen(kSuffix) && name.ends_with(kSuffix)) {
      uint64_t size = it->file_size(e);
      if (e) continue;
      entries.push_back({used, size, it->path()});
      total += size;
    }
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
  for (size_t i = 0, left = entries.size(); i < entries.size() && (left > kMaxEntries || total > kMaxBytes); ++i) {
    std::error_code e;
    if (fs::remove(entries[i].path, e)) {
      --left;
      total -= entries[i].size;
    }
  }
}

}  // namespace nb::pdf
