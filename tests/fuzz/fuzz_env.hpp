// What the fuzz targets share: the program's environment (layouts and fonts of the
// source tree, or of $NIANBAO_DATA), loaded once per process.
#pragma once
#include <cstdlib>
#include <cstdio>
#include <iostream>
#include <string>

#include "cli/env.hpp"
#include "core/source.hpp"

namespace nbfuzz {

inline nb::cli::Env& env() {
  static nb::cli::Env* e = [] {
    setenv("NIANBAO_DATA", NB_SOURCE_DIR, 0);
    setenv("NIANBAO_CACHE", "off", 1);  // every run cuts its fonts
    auto* x = new nb::cli::Env;  // never destroyed: the fuzzer exits without unwinding
    x->writer = nb::cli::linked_pdf_writer(&nb::pdf::write);
    if (!x->load(std::cerr)) {
      std::fprintf(stderr, "fuzz: the layouts do not load\n");
      std::abort();
    }
    return x;
  }();
  return *e;
}

inline nb::SourceRef source(const uint8_t* data, size_t size) {
  auto src = std::make_shared<nb::SourceFile>();
  src->path = "fuzz.toml";
  src->text.assign(reinterpret_cast<const char*>(data), size);
  return src;
}

}  // namespace nbfuzz
