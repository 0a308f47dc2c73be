// Stream compression (FlateDecode), done by us rather than by PoDoFo's filter so
// that it runs on any thread before the document is assembled. libdeflate at its
// level 6: on the sample's streams 241.3 KB in 7 ms where zlib's default level
// (PoDoFo's) gave 242.5 KB in 13 ms, and on a 500-page report 985 KB in 50 ms
// where zlib gave 995 KB in 70 ms (bench.py; zlib's level 1 is faster still but
// makes the sample 2.6 % larger).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include <podofo/podofo.h>

namespace nb::pdf {

std::string deflate(std::string_view data);
// The compressor and its level (part of a stored program's key).
std::string deflate_recipe();

// zlib data (a FlateDecode stream) inflated, or nullopt when it is malformed or
// inflates to more than `limit` bytes (a stream of a PDF read, never trusted).
std::optional<std::string> inflate(std::string_view zlib, size_t limit);

// Sets `obj`'s stream to already deflated data, with /Filter /FlateDecode.
void set_deflated(PoDoFo::PdfObject* obj, const std::string& deflated);

}  // namespace nb::pdf
