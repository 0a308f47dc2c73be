// The entry point of libnianbao-pdf.so, the PDF stage as a module that the nianbao
// binary loads while it reads and sets the report (cli/pdf_module.hpp). The rest
// of the pipeline's symbols come from the binary, which exports them.
#include "pdf/writer.hpp"

extern "C" __attribute__((visibility("default"))) nb::pdf::WriteFn nianbao_pdf_writer() { return &nb::pdf::write; }
