// The entry point of libnianbao-pdf.so, the PDF stage as a module that the nianbao
// binary loads while it reads and sets the report (cli/pdf_module.hpp). The rest
// of the pipeline's symbols come from the binary, which exports them.
#include "core/digest.hpp"
#include "pdf/writer.hpp"

// Called on the loading thread: libcrypto's SHA-256 is made ready there too.
extern "C" __attribute__((visibility("default"))) nb::pdf::WriteFn nianbao_pdf_writer() {
  nb::prepare_digest();
  return &nb::pdf::write;
}
