// Stream compression done by us rather than by PoDoFo's filter, so that it can run
// on any thread before the document is assembled. Same zlib settings as PoDoFo
// (deflateInit at the default level), hence the same bytes.
#pragma once
#include <string>
#include <string_view>

#include <podofo/podofo.h>

namespace nb::pdf {

std::string deflate(std::string_view data);

// Sets `obj`'s stream to already deflated data, with /Filter /FlateDecode.
void set_deflated(PoDoFo::PdfObject* obj, const std::string& deflated);

}  // namespace nb::pdf
