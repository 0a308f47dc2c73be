#include "pdf/reader.hpp"

#include <podofo/podofo.h>

#include <cmath>
#include <map>
#include <memory>
#include <optional>

#include "core/digest.hpp"
#include "core/hex.hpp"
#include "core/limits.hpp"
#include "pdf/flate.hpp"

using namespace PoDoFo;

namespace nb::pdf {

namespace {

std::string digest(std::string_view data) {
  const auto d = sha256(data);
  return to_hex(std::span(d), false);
}

// A stream's bytes as stored (encoded).
std::string raw(PdfObject* o) {
  char* buf = nullptr;
  pdf_long len = 0;
  o->GetStream()->GetCopy(&buf, &len);
  std::unique_ptr<char, void (*)(void*)> own(buf, podofo_free);
  return std::string(buf ? buf : "", buf ? static_cast<size_t>(len) : 0);
}

class Reader {
 public:
  explicit Reader(PdfMemDocument& doc) : doc_(doc) {}

  PdfObject* resolve(PdfObject* o) const {
    for (int hops = 0; o && o->IsReference() && hops < 8; ++hops) o = doc_.GetObjects().GetObject(o->GetReference());
    return o && !o->IsReference() ? o : nullptr;
  }
  PdfObject* key(PdfObject* dict, const char* name) const {
    dict = resolve(dict);
    if (!dict || !dict->IsDictionary()) return nullptr;
    return resolve(dict->GetDictionary().GetKey(PdfName(name)));
  }
  std::string name_of(PdfObject* o) const {
    o = resolve(o);
    return o && o->IsName() ? o->GetName().GetName() : std::string();
  }
  std::string text_of(PdfObject* o) const {
    o = resolve(o);
    return o && o->IsString() ? o->GetString().GetStringUtf8() : std::string();
  }

  // A stream's data, decoded when it has no filter or FlateDecode alone; nullopt
  // with `problem` set otherwise.
  std::optional<std::string> data(PdfObject* o, std::string& problem) const {
    o = resolve(o);
    if (!o || !o->HasStream()) { problem = "不是数据流"; return std::nullopt; }
    const std::string stored = raw(o);
    PdfObject* filter = key(o, "Filter");
    std::string f = name_of(filter);
    if (filter && filter->IsArray()) {
      const PdfArray& a = filter->GetArray();
      if (a.size() > 1) { problem = "压缩方式不受支持（多重过滤器）"; return std::nullopt; }
      if (a.size() == 1) f = name_of(const_cast<PdfObject*>(&a[0]));
    }
    if (key(o, "DecodeParms")) { problem = "压缩方式不受支持（带 DecodeParms）"; return std::nullopt; }
    if (!filter || (filter->IsArray() && f.empty())) {
      if (stored.size() > limits::kFileBytes) { problem = "过大"; return std::nullopt; }
      return stored;
    }
    if (f != "FlateDecode") { problem = "压缩方式 " + f + " 不受支持"; return std::nullopt; }
    auto out = inflate(stored, limits::kFileBytes);
    if (!out) problem = "压缩数据损坏或解压后过大（上限 " + std::to_string(limits::kFileBytes / 1024 / 1024) + " MB）";
    return out;
  }

  PdfMemDocument& doc_;
};

// pdfaid:part and pdfaid:conformance, as elements or as attributes.
std::string xmp_value(const std::string& xmp, const std::string& name) {
  size_t at = xmp.find("<" + name + ">");
  if (at != std::string::npos) {
    at += name.size() + 2;
    size_t end = xmp.find('<', at);
    return end == std::string::npos ? "" : xmp.substr(at, std::min<size_t>(end - at, 8));
  }
  at = xmp.find(name + "=");
  if (at == std::string::npos || at + name.size() + 2 > xmp.size()) return "";
  const char q = xmp[at + name.size() + 1];
  at += name.size() + 2;
  size_t end = xmp.find(q, at);
  return end == std::string::npos ? "" : xmp.substr(at, std::min<size_t>(end - at, 8));
}

void read_catalog(const Reader& r, PdfObject* catalog, ReadPdf& out) {
  std::string problem;
  if (PdfObject* meta = r.key(catalog, "Metadata"))
    if (auto xmp = r.data(meta, problem)) {
      out.pdfa_part = std::atoi(xmp_value(*xmp, "pdfaid:part").c_str());
      out.pdfa_conformance = xmp_value(*xmp, "pdfaid:conformance");
    }
  if (PdfObject* intents = r.key(catalog, "OutputIntents"); intents && intents->IsArray())
    for (size_t i = 0; i < intents->GetArray().size() && i < 16; ++i) {
      PdfObject* profile = r.key(&intents->GetArray()[i], "DestOutputProfile");
      out.output_intent = out.output_intent || (profile && profile->HasStream());
    }
  PdfObject* mark = r.key(catalog, "MarkInfo");
  PdfObject* marked = mark ? r.key(mark, "Marked") : nullptr;
  out.tagged = marked && marked->IsBool() && marked->GetBool() && r.key(catalog, "StructTreeRoot");

  // Attachments: the catalog's /AF, then the EmbeddedFiles name tree (its leaves).
  std::vector<std::pair<PdfObject*, bool>> specs;
  if (PdfObject* af = r.key(catalog, "AF"); af && af->IsArray())
    for (size_t i = 0; i < af->GetArray().size() && specs.size() < 64; ++i)
      if (PdfObject* s = r.resolve(&af->GetArray()[i])) specs.emplace_back(s, true);
  std::vector<PdfObject*> nodes;
  if (PdfObject* names = r.key(catalog, "Names"))
    if (PdfObject* tree = r.key(names, "EmbeddedFiles")) nodes.push_back(tree);
  for (size_t n = 0; n < nodes.size() && n < 256; ++n) {
    if (PdfObject* kids = r.key(nodes[n], "Kids"); kids && kids->IsArray())
      for (size_t i = 0; i < kids->GetArray().size(); ++i)
        if (PdfObject* k = r.resolve(&kids->GetArray()[i])) nodes.push_back(k);
    if (PdfObject* leaf = r.key(nodes[n], "Names"); leaf && leaf->IsArray())
      for (size_t i = 1; i < leaf->GetArray().size() && specs.size() < 64; i += 2) {
        PdfObject* s = r.resolve(&leaf->GetArray()[i]);
        bool seen = false;
        for (const auto& [o, _] : specs) seen = seen || o == s;
        if (s && !seen) specs.emplace_back(s, false);
      }
  }
  for (const auto& [spec, associated] : specs) {
    if (!spec->IsDictionary()) continue;
    ReadAttachment a;
    a.associated = associated;
    a.name = r.text_of(r.key(spec, "UF"));
    if (a.name.empty()) a.name = r.text_of(r.key(spec, "F"));
    a.relationship = r.name_of(r.key(spec, "AFRelationship"));
    PdfObject* ef = r.key(spec, "EF");
    PdfObject* file = ef ? r.key(ef, "UF") : nullptr;
    if (!file && ef) file = r.key(ef, "F");
    if (!file) {
      a.problem = "没有嵌入的文件内容";
    } else {
      a.mime = r.name_of(r.key(file, "Subtype"));
      if (PdfObject* params = r.key(file, "Params")) a.mod_date = r.text_of(r.key(params, "ModDate"));
      if (auto bytes = r.data(file, a.problem)) a.bytes = std::move(*bytes);
    }
    out.attachments.push_back(std::move(a));
  }
}

void read_fonts(const Reader& r, PdfMemDocument& doc, ReadPdf& out) {
  for (PdfObject* o : doc.GetObjects()) {
    if (!o || !o->IsDictionary() || r.name_of(r.key(o, "Type")) != "Font") continue;
    const std::string subtype = r.name_of(r.key(o, "Subtype"));
    if (subtype == "Type0") continue;  // its descendant is listed
    ReadFont f;
    f.name = r.name_of(r.key(o, "BaseFont"));
    f.subset = f.name.size() > 7 && f.name[6] == '+';
    for (size_t i = 0; f.subset && i < 6; ++i) f.subset = f.name[i] >= 'A' && f.name[i] <= 'Z';
    PdfObject* desc = r.key(o, "FontDescriptor");
    PdfObject* program = nullptr;
    for (const char* k : {"FontFile", "FontFile2", "FontFile3"})
      if (!program && desc) program = r.key(desc, k);
    f.embedded = subtype == "Type3" || program;
    if (program && program->HasStream()) f.program = digest(raw(program));
    out.fonts.push_back(std::move(f));
    if (out.fonts.size() >= 256) break;
  }
}

void read_pages(const Reader& r, PdfMemDocument& doc, ReadPdf& out) {
  out.pages = doc.GetPageCount();
  for (int i = 0; i < out.pages && i < static_cast<int>(limits::kPages); ++i) {
    PdfPage* p = doc.GetPage(i);
    if (!p) continue;
    const PdfRect box = p->GetMediaBox();
    if (std::fabs(box.GetWidth() - 595.276) <= 1 && std::fabs(box.GetHeight() - 841.89) <= 1) ++out.a4_pages;
    ReadPage page;
    page.object = static_cast<int>(p->GetObject()->Reference().ObjectNumber());
    std::vector<PdfObject*> streams;
    if (PdfObject* c = r.key(p->GetObject(), "Contents")) {
      if (c->IsArray())
        for (size_t k = 0; k < c->GetArray().size() && k < 1024; ++k) streams.push_back(r.resolve(&c->GetArray()[k]));
      else
        streams.push_back(c);
    }
    std::string all, problem;
    bool ok = true;
    for (PdfObject* c : streams) {
      auto d = r.data(c, problem);
      ok = ok && d && all.size() + d->size() <= limits::kPdfBytes;
      if (ok) all += *d;
    }
    if (ok) page.content = digest(all);
    out.page_list.push_back(std::move(page));
  }
}

// What a parser error means for the user; PoDoFo's code name kept for support.
std::string broken(const PdfError& e) {
  const EPdfError c = e.GetError();
  std::string what = "文件结构损坏";
  if (c == ePdfError_NoEOFToken || c == ePdfError_UnexpectedEOF)
    what = "文件不完整（可能在下载或复制时被截断）";
  else if (c == ePdfError_NoXRef || c == ePdfError_InvalidXRef || c == ePdfError_InvalidXRefStream ||
           c == ePdfError_InvalidXRefType)
    what = "文件的交叉引用表损坏";
  else if (c == ePdfError_NoTrailer || c == ePdfError_InvalidTrailerSize)
    what = "文件尾（trailer）损坏";
  return "PDF " + what + "，无法读取（错误代码 " + std::string(PdfError::ErrorName(c)) + "）：请向报送单位重新索取";
}

ReadPdf read_document(std::string_view bytes) {
  ReadPdf out;
  if (bytes.size() > limits::kPdfBytes) {
    out.error = "文件过大（上限 " + std::to_string(limits::kPdfBytes / 1024 / 1024) + " MB）";
    return out;
  }
  if (bytes.empty()) {
    out.error = "文件是空的（0 字节）：请向报送单位重新索取";
    return out;
  }
  if (bytes.substr(0, std::min<size_t>(bytes.size(), 1024)).find("%PDF-") == std::string_view::npos) {
    out.error = "不是 PDF 文件（开头没有 %PDF- 标记，可能是改了扩展名的其他文件）：请向报送单位索取 PDF";
    return out;
  }
  PdfMemDocument doc;
  try {
    doc.LoadFromBuffer(bytes.data(), static_cast<long>(bytes.size()));
  } catch (const PdfError& e) {
    if (e.GetError() == ePdfError_InvalidPassword || e.GetError() == ePdfError_InvalidEncryptionDict) {
      out.encrypted = true;
      out.error = "PDF 已加密，无法读取：归档的年报不应加密（PDF/A 不允许加密）";
    } else {
      out.error = broken(e);
    }
    return out;
  }
  if (doc.GetEncrypt()) {
    out.encrypted = true;
    out.error = "PDF 已加密：归档的年报不应加密（PDF/A 不允许加密）";
    return out;
  }
  out.version = std::string(s_szPdfVersionNums[doc.GetPdfVersion()]);
  Reader r(doc);
  read_catalog(r, doc.GetCatalog(), out);
  read_fonts(r, doc, out);
  read_pages(r, doc, out);
  if (PdfInfo* info = doc.GetInfo()) out.producer = info->GetProducer().GetStringUtf8();
  return out;
}

}  // namespace

ReadPdf read_in_process(std::string_view bytes) {
  PdfError::EnableDebug(false);
  PdfError::EnableLogging(false);
  try {
    return read_document(bytes);
  } catch (const PdfError& e) {
    ReadPdf out;
    out.error = broken(e);
    return out;
  } catch (const std::exception& e) {
    ReadPdf out;
    out.error = std::string("PDF 文件无法读取（") + e.what() + "）";
    return out;
  }
}

}  // namespace nb::pdf
