#include "pdf/flate.hpp"

#include <zlib.h>

#include "core/source.hpp"

using namespace PoDoFo;

namespace nb::pdf {

std::string deflate(std::string_view data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
                static_cast<uLong>(data.size()), Z_DEFAULT_COMPRESSION) != Z_OK)
    throw EnvironmentError{"内存不足：无法压缩 PDF 数据流"};
  out.resize(size);
  return out;
}

void set_deflated(PdfObject* obj, const std::string& deflated) {
  obj->GetStream()->Set(deflated.data(), static_cast<pdf_long>(deflated.size()), TVecFilters());
  obj->GetDictionary().AddKey(PdfName::KeyFilter, PdfName("FlateDecode"));
}

}  // namespace nb::pdf
