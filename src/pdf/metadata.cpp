// The document's metadata in every place a PDF keeps it: the Info dictionary and
// the catalog's XMP packet (the same title, organ, subject, keywords, tools and
// dates; the PDF/A claim), the catalog's /Lang and DisplayDocTitle, and the
// trailer's /ID taken from the bytes.
#include "pdf/metadata.hpp"

#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "core/digest.hpp"
#include "core/hex.hpp"
#include "core/source.hpp"
#include "core/utf8.hpp"

using namespace PoDoFo;

namespace nb::pdf {

namespace {

// A date as Info writes it ("D:20210131000000+08'00'") or XMP ("2021-01-31T00:00:00+08:00").
enum class DateForm { Pdf, Xmp };

std::string date_text(const DateTime& d, DateForm form) {
  const int m = d.utc_offset_minutes;
  char b[64];
  std::snprintf(b, sizeof b,
                form == DateForm::Pdf ? "D:%04d%02d%02d%02d%02d%02d%c%02d'%02d'" : "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
                d.year, d.month, d.day, d.hour, d.minute, d.second, m < 0 ? '-' : '+', std::abs(m) / 60, std::abs(m) % 60);
  return b;
}

std::string escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&apos;"; break;
      case '\n': o += "&#xA;"; break;
      case '\r': o += "&#xD;"; break;
      case '\t': o += "&#x9;"; break;
      default: o += c;
    }
  }
  return o;
}

std::string element(const std::string& name, const std::string& value) {
  return "   <" + name + ">" + escape(value) + "</" + name + ">\n";
}

// rdf:Alt with one x-default item (dc:title, dc:description).
std::string alt(const std::string& name, const std::string& value) {
  return "   <" + name + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + escape(value) + "</rdf:li></rdf:Alt></" +
         name + ">\n";
}

std::string list(const std::string& name, const char* kind, const std::string& value) {
  return "   <" + name + "><rdf:" + kind + "><rdf:li>" + escape(value) + "</rdf:li></rdf:" + kind + "></" + name +
         ">\n";
}

std::string description(const std::string& ns, const std::string& body) {
  return "  <rdf:Description rdf:about=\"\"\n    " + ns + ">\n" + body + "  </rdf:Description>\n";
}

// UTF-8 text without the characters XML 1.0 cannot hold (controls other than tab
// and line breaks, U+FFFE/U+FFFF) and without malformed bytes.
std::string xml_safe(const std::string& s) {
  auto text = decode_utf8(s);
  if (!text) return {};
  std::u32string o;
  for (char32_t c : *text) {
    bool control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    if (control || c == 0xFFFE || c == 0xFFFF || c == 0xFEFF || (c >= 0x7F && c < 0xA0)) continue;
    o += c;
  }
  return encode_utf8(o);
}

// nianbao's XMP namespace: the names of the files attached (FileName after each
// one's relationship: SourceFileName, DataFileName).
constexpr const char* kAttachNs = "urn:nianbao:pdfa:attachments:1p0#";
constexpr const char* kAttachPrefix = "nbattach";

struct Property {
  std::string name, type, category, text;
};

// An rdf:li of pdfaExtension:schemas declaring a namespace and its properties.
std::string extension_schema(const std::string& name, const std::string& ns, const std::string& prefix,
                             const std::vector<Property>& props) {
  std::string o = "<rdf:li rdf:parseType=\"Resource\">\n"
                  "    <pdfaSchema:schema>" + escape(name) + "</pdfaSchema:schema>\n"
                  "    <pdfaSchema:namespaceURI>" + escape(ns) + "</pdfaSchema:namespaceURI>\n"
                  "    <pdfaSchema:prefix>" + prefix + "</pdfaSchema:prefix>\n"
                  "    <pdfaSchema:property><rdf:Seq>";
  for (const auto& p : props)
    o += "<rdf:li rdf:parseType=\"Resource\">\n"
         "     <pdfaProperty:name>" + escape(p.name) + "</pdfaProperty:name>\n"
         "     <pdfaProperty:valueType>" + p.type + "</pdfaProperty:valueType>\n"
         "     <pdfaProperty:category>" + p.category + "</pdfaProperty:category>\n"
         "     <pdfaProperty:description>" + escape(p.text) + "</pdfaProperty:description>\n"
         "    </rdf:li>";
  return o + "</rdf:Seq></pdfaSchema:property>\n   </rdf:li>";
}

// Expects text already passed through xml_safe.
std::string xmp_packet(const Metadata& meta) {
  const bool a1 = meta.conformance == Conformance::A1b;
  const std::string date = date_text(meta.date, DateForm::Xmp);
  std::string o = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
  o += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
  o += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  // PDF/A-2a or 3a (tagged, Unicode) and PDF/UA-1, whose pdfuaid namespace PDF/A
  // needs declared in an extension schema, as it needs nianbao's own (the files
  // attached); the PDF/A-1b variant (PDF 1.4) claims neither.
  const char* part = a1 ? "1" : meta.conformance == Conformance::A3a ? "3" : "2";
  o += description("xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"",
                   element("pdfaid:part", part) + element("pdfaid:conformance", a1 ? "B" : "A"));
  if (!a1) {
    std::string schemas = extension_schema("PDF/UA Universal Accessibility Schema", "http://www.aiim.org/pdfua/ns/id/",
                                           "pdfuaid", {{"part", "Integer", "internal", "Indicates, which part of ISO 14289 standard is followed"}});
    std::string attached;
    if (!meta.attachments.empty()) {
      std::vector<Property> props;
      for (const Attachment& a : meta.attachments) {
        props.push_back({a.relationship + "FileName", "Text", "external",
                         "The name of the file attached with AFRelationship " + a.relationship + " (" + a.mime + ")"});
        attached += element(std::string(kAttachPrefix) + ":" + a.relationship + "FileName", a.name);
      }
      schemas += extension_schema("nianbao attached files", kAttachNs, kAttachPrefix, props);
    }
    o += description(
        "xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
        "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
        "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"",
        "   <pdfaExtension:schemas><rdf:Bag>" + schemas + "</rdf:Bag></pdfaExtension:schemas>\n");
    o += description("xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"", element("pdfuaid:part", "1"));
    if (!attached.empty())
      o += description("xmlns:" + std::string(kAttachPrefix) + "=\"" + kAttachNs + "\"", attached);
  }
  std::string dc = element("dc:format", "application/pdf") + alt("dc:title", meta.title);
  if (!meta.author.empty()) dc += list("dc:creator", "Seq", meta.author);
  if (!meta.subject.empty()) dc += alt("dc:description", meta.subject);
  dc += list("dc:language", "Bag", meta.lang);
  o += description("xmlns:dc=\"http://purl.org/dc/elements/1.1/\"", dc);
  o += description("xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"",
                   element("xmp:CreateDate", date) + element("xmp:ModifyDate", date) +
                       element("xmp:MetadataDate", date) + element("xmp:CreatorTool", meta.creator));
  std::string pdf = element("pdf:Producer", meta.producer);
  if (!meta.keywords.empty()) pdf += element("pdf:Keywords", meta.keywords);
  o += description("xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"", pdf);
  o += " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
  return o;
}

void set_info(PdfMemDocument& doc, const Metadata& m) {
  PdfInfo* info = doc.GetInfo();
  info->SetTitle(text_string(m.title));
  if (!m.author.empty()) info->SetAuthor(text_string(m.author));
  if (!m.subject.empty()) info->SetSubject(text_string(m.subject));
  if (!m.keywords.empty()) info->SetKeywords(text_string(m.keywords));
  info->SetCreator(text_string(m.creator));
  info->SetProducer(text_string(m.producer));
  PdfDictionary& d = info->GetObject()->GetDictionary();
  d.AddKey("CreationDate", PdfString(date_text(m.date, DateForm::Pdf)));  // replaces PoDoFo's "now"
  d.AddKey("ModDate", PdfString(date_text(m.date, DateForm::Pdf)));
}

constexpr size_t kHex = 32;  // digits of a 16-byte string

bool hex_digits(const std::string& s, size_t at) {
  if (at + kHex > s.size()) return false;
  for (size_t i = at; i < at + kHex; ++i)
    if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

}  // namespace

void set_metadata(PdfMemDocument& doc, Metadata meta) {
  for (std::string* s : {&meta.title, &meta.author, &meta.subject, &meta.keywords, &meta.creator, &meta.producer})
    *s = xml_safe(*s);  // Info and XMP must hold the same text
  set_info(doc, meta);
  PdfDictionary& catalog = doc.GetCatalog()->GetDictionary();
  catalog.AddKey("Lang", PdfString(meta.lang));
  PdfDictionary prefs;
  prefs.AddKey("DisplayDocTitle", PdfVariant(true));
  catalog.AddKey("ViewerPreferences", prefs);
  const std::string xmp = xmp_packet(meta);
  PdfObject* metadata = doc.GetObjects().CreateObject("Metadata");
  metadata->GetDictionary().AddKey(PdfName::KeySubtype, PdfName("XML"));
  metadata->GetStream()->Set(xmp.data(), static_cast<pdf_long>(xmp.size()), TVecFilters());  // not compressed
  catalog.AddKey("Metadata", metadata->Reference());
}

PdfString text_string(const std::string& utf8) { return PdfString(reinterpret_cast<const pdf_utf8*>(utf8.c_str())); }

std::string pdf_date(const DateTime& d) { return date_text(d, DateForm::Pdf); }

void set_file_id(std::string& pdf) {
  // "/ID [ <32 hex> <32 hex> ]" in the trailer after the last cross-reference
  // table (PoDoFo's) or in the dictionary of the cross-reference stream
  // (write_compact's), where the last startxref points: before its compressed data.
  const size_t startxref = pdf.rfind("\nstartxref\n");
  const size_t xref = startxref == std::string::npos ? startxref : std::strtoull(pdf.c_str() + startxref + 11, nullptr, 10);
  size_t id = xref < pdf.size() ? pdf.find("/ID [ <", xref) : std::string::npos;
  size_t first = id + 7, second = first + kHex + 3;
  if (id == std::string::npos || !hex_digits(pdf, first) || pdf.compare(first + kHex, 3, "> <") != 0 ||
      !hex_digits(pdf, second))
    throw EnvironmentError{"生成 PDF 失败：找不到文件尾的 /ID（PoDoFo 的输出格式与预期不同）"};
  pdf.replace(first, kHex, kHex, '0');
  pdf.replace(second, kHex, kHex, '0');
  const auto digest = sha256(pdf);
  const std::string hex = to_hex(std::span(digest).first(kHex / 2), true);  // the first 128 bits
  pdf.replace(first, kHex, hex);
  pdf.replace(second, kHex, hex);
}

}  // namespace nb::pdf
