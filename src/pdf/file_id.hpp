// The trailer's /ID: both strings set to the first 128 bits of the SHA-256 of
// the file's bytes (taken with the ID's digits zeroed), so that the ID follows
// the content, not the clock. Patched in place: same length, no offset moves.
#pragma once
#include <string>

namespace nb::pdf {

// Throws EnvironmentError if the file has no /ID of PoDoFo's form.
void set_file_id(std::string& pdf);

}  // namespace nb::pdf
