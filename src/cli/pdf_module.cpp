#include "cli/pdf_module.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <vector>

#include "cli/companion.hpp"
#include "core/source.hpp"

namespace fs = std::filesystem;

namespace nb::cli {

namespace {

constexpr const char* kModule = "libnianbao-pdf.so";

// The module's entry point `symbol`, called: what it returns.
template <class Fn>
Fn load(const std::vector<std::string>& candidates, const char* symbol) {
  std::error_code ec;
  for (const auto& path : candidates) {
    if (!fs::is_regular_file(path, ec)) continue;
    // RTLD_NOW: a symbol the module lacks is reported here, not in the middle of a PDF.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* why = dlerror();
      throw EnvironmentError{"无法加载 PDF 模块 " + path + "（" + (why ? why : "dlopen 失败") +
                             "）：请先运行 README 的第一条命令安装所缺的库，或重新构建 nianbao"};
    }
    auto entry = reinterpret_cast<Fn (*)()>(dlsym(handle, symbol));
    if (!entry) throw EnvironmentError{"PDF 模块 " + path + " 不完整（缺少 " + symbol + "）：请重新构建 nianbao"};
    return entry();  // never unloaded: the process ends first
  }
  std::string where;
  for (const auto& path : candidates) where += (where.empty() ? "" : "、") + path;
  throw EnvironmentError{std::string("找不到 PDF 模块 ") + kModule + "（应在 " + where +
                         "）：nianbao 的安装不完整，请重新构建（cmake --build build）或安装（cmake --install build）"};
}

}  // namespace

PdfWriter load_pdf_module() {
  return std::async(std::launch::async, [paths = companion_paths(kModule)] {
           return load<pdf::WriteFn>(paths, "nianbao_pdf_writer");
         }).share();
}

std::string pdf_reader() { return companion_program("nianbao-read-pdf", "PDF 读取"); }

PdfWriter linked_pdf_writer(pdf::WriteFn write) {
  std::promise<pdf::WriteFn> p;
  p.set_value(write);
  return p.get_future().share();
}

}  // namespace nb::cli
