#include "pdf/flate.hpp"

#include <libdeflate.h>

#include <memory>
#include <mutex>
#include <vector>

#include "core/source.hpp"

using namespace PoDoFo;

namespace nb::pdf {

namespace {

constexpr int kLevel = 6;

struct FreeCompressor {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};
using Compressor = std::unique_ptr<libdeflate_compressor, FreeCompressor>;

// Compressors kept for the next stream: one faults in a megabyte of tables. A
// pool rather than thread_local: the threads that prepare a PDF live for one
// report, and a pool hands their compressors on to the next report's threads.
class Pool {
 public:
  Compressor take() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!free_.empty()) {
        Compressor c = std::move(free_.back());
        free_.pop_back();
        return c;
      }
    }
    return Compressor(libdeflate_alloc_compressor(kLevel));
  }
  void give(Compressor c) {
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(c));
  }

 private:
  std::mutex mutex_;
  std::vector<Compressor> free_;
};

Pool& pool() {
  static Pool* p = new Pool;  // never destroyed: threads may compress until the process ends
  return *p;
}

}  // namespace

std::string deflate(std::string_view data) {
  Compressor compressor = pool().take();
  if (!compressor) throw EnvironmentError{"内存不足：无法压缩 PDF 数据流"};
  std::string out(libdeflate_zlib_compress_bound(compressor.get(), data.size()), '\0');
  size_t size = libdeflate_zlib_compress(compressor.get(), data.data(), data.size(), out.data(), out.size());
  pool().give(std::move(compressor));
  if (size == 0) throw EnvironmentError{"生成 PDF 失败：无法压缩数据流"};
  out.resize(size);
  return out;
}

std::optional<std::string> inflate(std::string_view zlib, size_t limit) {
  std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)> d(libdeflate_alloc_decompressor(),
                                                                               libdeflate_free_decompressor);
  if (!d) throw EnvironmentError{"内存不足：无法解压 PDF 数据流"};
  std::string out(limit, '\0');
  size_t size = 0;
  if (libdeflate_zlib_decompress(d.get(), zlib.data(), zlib.size(), out.data(), out.size(), &size) != LIBDEFLATE_SUCCESS)
    return std::nullopt;
  out.resize(size);
  return out;
}

void set_deflated(PdfObject* obj, const std::string& deflated) {
  obj->GetStream()->Set(deflated.data(), static_cast<pdf_long>(deflated.size()), TVecFilters());
  obj->GetDictionary().AddKey(PdfName::KeyFilter, PdfName("FlateDecode"));
}

std::string deflate_recipe() { return "libdeflate " LIBDEFLATE_VERSION_STRING " zlib level " + std::to_string(kLevel); }

}  // namespace nb::pdf
