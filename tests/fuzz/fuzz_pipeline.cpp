// libFuzzer target: TOML text -> PDF bytes in memory (the whole pipeline, fonts
// loaded once). Must never crash, hang or leak, whatever the bytes.
#include <cstdint>
#include <string>

#include "compose/document.hpp"
#include "fuzz_env.hpp"
#include "pdf/writer.hpp"
#include "typeset/page.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto& env = nbfuzz::env();
  nb::Diagnostics d;
  auto report = env.read(std::string(reinterpret_cast<const char*>(data), size), d);
  if (!report) return 0;
  auto doc = nb::compose::compose(*report);
  try {
    auto pages = nb::typeset::typeset(doc, env.fonts, d);
    if (d.has_errors()) return 0;
    nb::pdf::Metadata meta;
    meta.date = "D:20210131000000+08'00'";
    auto bytes = nb::pdf::write(pages, meta);
    if (bytes.compare(0, 5, "%PDF-") != 0) __builtin_trap();
  } catch (const nb::EnvironmentError&) {
    // a font the input names that does not exist: a located error, not a crash
  }
  return 0;
}
