#include "pdf/xmp.hpp"

#include "core/utf8.hpp"
#include "pdf/date.hpp"

namespace nb::pdf {

namespace {

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

}  // namespace

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

std::string xmp_packet(const Metadata& meta) {
  const bool a1 = meta.conformance == Conformance::A1b;
  const std::string date = xmp_date(meta.date);
  std::string o = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
  o += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
  o += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  o += description("xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"",
                   element("pdfaid:part", a1 ? "1" : "2") + element("pdfaid:conformance", a1 ? "B" : "U"));
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

}  // namespace nb::pdf
