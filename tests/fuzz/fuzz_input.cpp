// libFuzzer target: TOML text -> Report (input stage), every diagnostic formatted
// and located. Must never crash, hang or leak, whatever the bytes.
#include <cstdint>
#include <string>

#include "compose/document.hpp"
#include "fuzz_env.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto& env = nbfuzz::env();
  nb::Diagnostics d;
  auto report = env.read(std::string(reinterpret_cast<const char*>(data), size), d);
  for (const auto& x : d.list()) (void)nb::format(x);
  if (report) {
    auto doc = nb::compose::compose(*report);
    for (const auto& b : doc.blocks)
      if (const auto* p = std::get_if<nb::compose::Paragraph>(&b))
        for (const auto& r : p->runs)
          for (size_t i = 0; i < r.text.size(); i += 97) (void)r.locate(i);
  }
  return 0;
}
