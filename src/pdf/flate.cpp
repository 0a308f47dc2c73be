#include "pdf/flate.hpp"

#include <libdeflate.h>

#include <memory>

#include "core/source.hpp"

using namespace PoDoFo;

namespace nb::pdf {

namespace {

constexpr int kLevel = 6;

struct FreeCompressor {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

}  // namespace

std::string deflate(std::string_view data) {
  // One compressor per thread, kept: its tables are a megabyte to fault in.
  thread_local std::unique_ptr<libdeflate_compressor, FreeCompressor> compressor(libdeflate_alloc_compressor(kLevel));
  if (!compressor) throw EnvironmentError{"内存不足：无法压缩 PDF 数据流"};
  std::string out(libdeflate_zlib_compress_bound(compressor.get(), data.size()), '\0');
  size_t size = libdeflate_zlib_compress(compressor.get(), data.data(), data.size(), out.data(), out.size());
  if (size == 0) throw EnvironmentError{"生成 PDF 失败：无法压缩数据流"};
  out.resize(size);
  return out;
}

void set_deflated(PdfObject* obj, const std::string& deflated) {
  obj->GetStream()->Set(deflated.data(), static_cast<pdf_long>(deflated.size()), TVecFilters());
  obj->GetDictionary().AddKey(PdfName::KeyFilter, PdfName("FlateDecode"));
}

}  // namespace nb::pdf
