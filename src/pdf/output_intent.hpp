// The PDF/A OutputIntent: GTS_PDFA1 with the sRGB ICC profile compiled into the
// program (third_party/icc-profiles-free/sRGB.icc, ICC v2, Zlib licence).
#pragma once
#include <podofo/podofo.h>

namespace nb::pdf {

// The value of the catalog's /OutputIntents.
PoDoFo::PdfArray make_output_intents(PoDoFo::PdfVecObjects& objs);

}  // namespace nb::pdf
