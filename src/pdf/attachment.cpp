#include "pdf/attachment.hpp"

#include <algorithm>

#include "core/digest.hpp"
#include "pdf/flate.hpp"
#include "pdf/metadata.hpp"

using namespace PoDoFo;

namespace nb::pdf {

namespace {

// /F of a file specification is a byte string: the name with every byte outside
// printable ASCII as '_' (/UF holds the name itself).
std::string ascii_name(const std::string& name) {
  std::string o;
  for (unsigned char c : name) o += c >= 0x20 && c < 0x7F ? static_cast<char>(c) : '_';
  return o;
}

}  // namespace

void attach_files(PdfVecObjects& objs, PdfDictionary& catalog, const std::vector<Attachment>& files,
                  const std::string& mod_date) {
  if (files.empty()) return;
  PdfArray af;
  std::vector<std::pair<std::string, PdfReference>> names;
  for (const Attachment& a : files) {
    PdfObject* stream = objs.CreateObject("EmbeddedFile");
    stream->GetDictionary().AddKey(PdfName::KeySubtype, PdfName(a.mime));
    PdfDictionary params;
    params.AddKey("Size", PdfVariant(static_cast<pdf_int64>(a.bytes.size())));
    const Md5 sum = md5(a.bytes);
    params.AddKey("CheckSum", PdfString(reinterpret_cast<const char*>(sum.data()), static_cast<pdf_long>(sum.size()), true));
    params.AddKey("ModDate", PdfString(mod_date));
    stream->GetDictionary().AddKey("Params", params);
    set_deflated(stream, deflate(a.bytes));

    PdfObject* spec = objs.CreateObject("Filespec");
    PdfDictionary& d = spec->GetDictionary();
    const std::string f = ascii_name(a.name);
    d.AddKey("F", PdfString(f));
    d.AddKey("UF", text_string(a.name));
    if (!a.description.empty()) d.AddKey("Desc", text_string(a.description));
    d.AddKey("AFRelationship", PdfName(a.relationship));
    PdfDictionary ef;
    ef.AddKey("F", stream->Reference());
    ef.AddKey("UF", stream->Reference());
    d.AddKey("EF", ef);
    af.push_back(spec->Reference());
    names.emplace_back(f, spec->Reference());
  }
  std::stable_sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  PdfArray leaf;
  for (const auto& [name, ref] : names) {
    leaf.push_back(PdfString(name));
    leaf.push_back(ref);
  }
  PdfDictionary tree;
  tree.AddKey("Names", leaf);
  PdfDictionary names_dict;
  names_dict.AddKey("EmbeddedFiles", tree);
  catalog.AddKey("Names", names_dict);
  catalog.AddKey("AF", af);
}

}  // namespace nb::pdf
