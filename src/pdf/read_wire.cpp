#include "pdf/read_wire.hpp"

#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

namespace nb::pdf {

namespace {

// Writes fields: numbers (bools, ints) as 8 bytes, a string or a list as its
// length and then its content.
class Out {
 public:
  template <class T>
    requires std::is_arithmetic_v<T>
  void field(T v) {
    const auto n = static_cast<int64_t>(v);
    s_.append(reinterpret_cast<const char*>(&n), sizeof n);
  }
  void field(const std::string& v) {
    field(v.size());
    s_ += v;
  }
  template <class T, class Each>
  void list(const std::vector<T>& v, Each each) {
    field(v.size());
    for (const T& e : v) each(*this, e);
  }
  const std::string& bytes() const { return s_; }

 private:
  std::string s_;
};

// Reads what Out wrote; a field past the end or a length beyond the bytes left
// makes it bad, and everything after it empty.
class In {
 public:
  explicit In(const std::string& s) : s_(s) {}
  template <class T>
    requires std::is_arithmetic_v<T>
  void field(T& v) {
    v = static_cast<T>(num());
  }
  void field(std::string& v) {
    const size_t n = length();
    v = ok_ ? s_.substr(at_, n) : std::string();
    at_ += ok_ ? n : 0;
  }
  template <class T, class Each>
  void list(std::vector<T>& v, Each each) {
    for (size_t n = length(), i = 0; i < n && ok_; ++i) each(*this, v.emplace_back());
  }
  bool ok() const { return ok_ && at_ == s_.size(); }  // every byte read, none missing

 private:
  int64_t num() {
    int64_t v = 0;
    if (at_ + sizeof v > s_.size()) { ok_ = false; return 0; }
    std::memcpy(&v, s_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  size_t length() {
    const int64_t n = num();
    if (n < 0 || static_cast<uint64_t>(n) > s_.size() - at_) { ok_ = false; return 0; }
    return static_cast<size_t>(n);
  }

  const std::string& s_;
  size_t at_ = 0;
  bool ok_ = true;
};

// The one list of what travels, in order, for writing (Io = Out, R = const
// ReadPdf) and reading (In, ReadPdf).
template <class Io, class R>
void fields(Io& io, R& r) {
  io.field(r.error);
  io.field(r.encrypted);
  io.field(r.version);
  io.field(r.pdfa_part);
  io.field(r.pdfa_conformance);
  io.field(r.output_intent);
  io.field(r.tagged);
  io.field(r.producer);
  io.field(r.pages);
  io.field(r.a4_pages);
  io.list(r.page_list, [](auto& io, auto& p) {
    io.field(p.object);
    io.field(p.content);
  });
  io.list(r.fonts, [](auto& io, auto& f) {
    io.field(f.name);
    io.field(f.embedded);
    io.field(f.subset);
    io.field(f.program);
  });
  io.list(r.attachments, [](auto& io, auto& a) {
    io.field(a.name);
    io.field(a.relationship);
    io.field(a.mime);
    io.field(a.mod_date);
    io.field(a.bytes);
    io.field(a.associated);
    io.field(a.problem);
  });
}

}  // namespace

std::string encode(const ReadPdf& r) {
  Out o;
  fields(o, r);
  return o.bytes();
}

std::optional<ReadPdf> decode(const std::string& s) {
  In in(s);
  ReadPdf r;
  fields(in, r);
  if (!in.ok()) return std::nullopt;
  return r;
}

}  // namespace nb::pdf
