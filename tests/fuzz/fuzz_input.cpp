// libFuzzer target: TOML text -> Report -> checked Report -> Document (the input,
// check and compose stages), every diagnostic formatted and located. Must never
// crash, hang or leak, whatever the bytes.
#include <cstdint>
#include <string>

#include "check/check.hpp"
#include "compose/document.hpp"
#include "fuzz_env.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto& env = nbfuzz::env();
  nb::Diagnostics d;
  auto report = nb::input::read(
      nbfuzz::source(data, size), [&](const std::string& id, int y) { return env.layouts.find(id, y); }, d);
  if (auto checked = report ? nb::check::run(std::move(*report), {}, d) : std::nullopt) {
    auto doc = nb::compose::compose(*checked);
    for (const auto& b : doc.blocks)
      if (const auto* p = std::get_if<nb::compose::Paragraph>(&b))
        for (const auto& r : p->runs)
          for (size_t i = 0; i < r.text.size(); i += 97) (void)r.locate(i);
  }
  for (const auto& x : d.list()) (void)nb::format(x);
  return 0;
}
