#include "pdf/read_wire.hpp"

#include <cstdint>
#include <cstring>

namespace nb::pdf {

namespace {

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

}  // namespace

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

}  // namespace nb::pdf
