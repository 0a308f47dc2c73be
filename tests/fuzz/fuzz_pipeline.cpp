// libFuzzer target: TOML text -> PDF bytes and the HTML page in memory, through
// the same code as `nianbao build --pdf --html` (cli::run_source: read, check,
// compose, typeset, write; fonts loaded once). Must never crash, hang or leak,
// whatever the bytes.
#include <cstdint>
#include <string>

#include "cli/pipeline.hpp"
#include "fuzz_env.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto& env = nbfuzz::env();
  nb::cli::Outcome o;
  std::string pdf, page;
  nb::cli::run_source(env, nbfuzz::source(data, size), nullptr, o, &pdf, std::nullopt, "", {&page, false});
  if (o.code == 0 && pdf.compare(0, 5, "%PDF-") != 0) __builtin_trap();
  if (o.code == 0 && page.compare(0, 15, "<!DOCTYPE html>") != 0) __builtin_trap();
  if (o.code != 0 && o.code != 1 && o.code != 3) __builtin_trap();
  for (const auto& x : o.diags.list()) (void)nb::format(x);
  return 0;
}
