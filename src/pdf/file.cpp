#include "pdf/file.hpp"

#include <podofo/podofo.h>

#include <algorithm>

#include "pdf/flate.hpp"

using namespace PoDoFo;

namespace nb::pdf {

namespace {

// Objects a compressed stream holds: enough to compress well, few enough for a
// reader that loads one stream to find one object.
constexpr size_t kPerStream = 500;

std::string serialized(const PdfVariant& v) {
  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  v.Write(&device, ePdfWriteMode_Clean, nullptr);
  return std::string(buffer.GetBuffer(), device.GetLength());
}

std::string whole_object(const PdfObject& o) {
  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  o.WriteObject(&device, ePdfWriteMode_Clean, nullptr);
  return std::string(buffer.GetBuffer(), device.GetLength());
}

void put_be(std::string& out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

std::string ref(uint32_t number) { return std::to_string(number) + " 0 R"; }

}  // namespace

std::string write_compact(PdfMemDocument& doc) {
  std::vector<const PdfObject*> objects;
  uint32_t size = 1;
  for (const PdfObject* o : doc.GetObjects()) {
    objects.push_back(o);
    size = std::max<uint32_t>(size, o->Reference().ObjectNumber() + 1);
  }
  std::sort(objects.begin(), objects.end(), [](const PdfObject* a, const PdfObject* b) {
    return a->Reference().ObjectNumber() < b->Reference().ObjectNumber();
  });

  // Per object number: 1 and its offset, 2 and its stream and index there, or 0 (free).
  struct Entry {
    int type = 0;
    uint64_t field2 = 0;
    uint32_t field3 = 0;
  };
  std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";  // a comment of bytes over 127 (PDF/A)
  std::vector<const PdfObject*> packed;
  std::vector<Entry> xref;
  for (const PdfObject* o : objects) {
    const uint32_t n = o->Reference().ObjectNumber();
    if (xref.size() <= n) xref.resize(n + 1);
    if (o->HasStream() || o->Reference().GenerationNumber() != 0) {
      xref[n] = {1, out.size(), o->Reference().GenerationNumber()};
      out += whole_object(*o);
    } else {
      packed.push_back(o);
    }
  }
  uint32_t next = size;
  for (size_t first = 0; first < packed.size(); first += kPerStream) {
    const size_t last = std::min(packed.size(), first + kPerStream);
    std::string head, body;
    for (size_t i = first; i < last; ++i) {
      const uint32_t n = packed[i]->Reference().ObjectNumber();
      head += std::to_string(n) + " " + std::to_string(body.size()) + (i + 1 < last ? " " : "\n");
      body += serialized(*packed[i]) + "\n";
      xref[n] = {2, next, static_cast<uint32_t>(i - first)};
    }
    const std::string data = deflate(head + body);
    const uint32_t stream = next++;
    xref.resize(next);
    xref[stream] = {1, out.size(), 0};
    out += std::to_string(stream) + " 0 obj\n<<\n/Type /ObjStm\n/N " + std::to_string(last - first) + "\n/First " +
           std::to_string(head.size()) + "\n/Filter /FlateDecode\n/Length " + std::to_string(data.size()) +
           "\n>>\nstream\n" + data + "\nendstream\nendobj\n";
  }

  // The cross-reference stream, its own entry included, with the trailer's keys.
  const uint32_t self = next++;
  xref.resize(next);
  xref[self] = {1, out.size(), 0};
  std::string entries;
  for (uint32_t n = 0; n < next; ++n) {
    const Entry& e = xref[n];
    put_be(entries, e.type, 1);
    put_be(entries, e.field2, 4);
    put_be(entries, n == 0 ? 65535 : e.field3, 2);  // object 0: the head of the free list
  }
  const std::string data = deflate(entries);
  const PdfObject* trailer = doc.GetTrailer();
  std::string dict = "<<\n/Type /XRef\n/Size " + std::to_string(next) + "\n/W [ 1 4 2 ]\n/Root " +
                     ref(trailer->GetDictionary().GetKey("Root")->GetReference().ObjectNumber());
  if (const PdfObject* info = trailer->GetDictionary().GetKey("Info"))
    dict += "\n/Info " + ref(info->GetReference().ObjectNumber());
  dict += "\n/ID [ <" + std::string(32, '0') + "> <" + std::string(32, '0') + "> ]";
  out += std::to_string(self) + " 0 obj\n" + dict + "\n/Filter /FlateDecode\n/Length " + std::to_string(data.size()) +
         "\n>>\nstream\n" + data + "\nendstream\nendobj\nstartxref\n" + std::to_string(xref[self].field2) +
         "\n%%EOF\n";
  return out;
}

}  // namespace nb::pdf
