// Speed device (docs/ARCHITECTURE.md): the PDF stage of the nianbao binary lives
// in libnianbao-pdf.so. PoDoFo and the fifteen libraries it pulls in (libcrypto,
// libtiff, fontconfig, …) take about 5 ms to load; the binary loads the module
// on a second thread as soon as it knows it will write a PDF, and waits for it
// only when the pages are ready.
// Measured on the sample, whole process: 2.8 ms of 55.1 saved against the same
// binary with the stage linked in (60 alternating runs, 2026-12-06). Programs
// that link nb_pdf themselves (tests, benchmarks, fuzzers) hand pdf::write over.
#pragma once
#include <future>
#include <string>

#include "pdf/reader.hpp"
#include "pdf/writer.hpp"

namespace nb::cli {

using PdfWriter = std::shared_future<pdf::WriteFn>;

// Starts loading the module found next to the binary (build tree) or in
// ../LIBDIR/nianbao (installed). get() rethrows an EnvironmentError when the module
// is missing or does not load.
PdfWriter load_pdf_module();

// The program pdf::read parses received PDFs in (extract, verify, sum):
// nianbao-read-pdf, found as the module is; EnvironmentError when it is missing.
std::string pdf_reader();

// A writer linked into the program.
PdfWriter linked_pdf_writer(pdf::WriteFn write);

}  // namespace nb::cli
