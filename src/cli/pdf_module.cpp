#include "cli/pdf_module.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <vector>

#include "core/source.hpp"

namespace fs = std::filesystem;

namespace nb::cli {

namespace {

constexpr const char* kModule = "libnianbao-pdf.so";

pdf::WriteFn load(const fs::path& exe) {
  std::vector<fs::path> candidates{exe.parent_path() / kModule,
                                   exe.parent_path().parent_path() / NIANBAO_LIBDIR / "nianbao" / kModule};
  std::error_code ec;
  for (const auto& path : candidates) {
    if (!fs::is_regular_file(path, ec)) continue;
    // RTLD_NOW: a symbol the module lacks is reported here, not in the middle of a PDF.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* why = dlerror();
      throw EnvironmentError{"无法加载 PDF 模块 " + path.string() + "（" + (why ? why : "dlopen 失败") +
                             "）：请先运行 README 的第一条命令安装所缺的库，或重新构建 nianbao"};
    }
    auto entry = reinterpret_cast<pdf::WriteFn (*)()>(dlsym(handle, "nianbao_pdf_writer"));
    if (!entry) throw EnvironmentError{"PDF 模块 " + path.string() + " 不完整（缺少 nianbao_pdf_writer）：请重新构建 nianbao"};
    return entry();  // never unloaded: the process ends first
  }
  std::string where;
  for (const auto& path : candidates) where += (where.empty() ? "" : "、") + path.string();
  throw EnvironmentError{std::string("找不到 PDF 模块 ") + kModule + "（应在 " + where +
                         "）：nianbao 的安装不完整，请重新构建（cmake --build build）或安装（cmake --install build）"};
}

}  // namespace

PdfWriter load_pdf_module() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return std::async(std::launch::async, [exe] { return load(exe); }).share();
}

PdfWriter linked_pdf_writer(pdf::WriteFn write) {
  std::promise<pdf::WriteFn> p;
  p.set_value(write);
  return p.get_future().share();
}

}  // namespace nb::cli
