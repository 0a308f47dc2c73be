// Files carried inside the PDF as PDF/A-3 associates them with the document
// (ISO 19005-3 §6.8): each an embedded file stream (/Subtype its MIME type,
// /Params with /Size, /CheckSum and /ModDate) under a file specification with
// /F, /UF, /Desc and /AFRelationship; all listed on the catalog's /AF and in its
// EmbeddedFiles name tree.
#pragma once
#include <vector>

#include <podofo/podofo.h>

#include "pdf/writer.hpp"

namespace nb::pdf {

// Adds the attachments to the catalog; `mod_date` as Info writes dates.
void attach_files(PoDoFo::PdfVecObjects& objs, PoDoFo::PdfDictionary& catalog, const std::vector<Attachment>& files,
                  const std::string& mod_date);

}  // namespace nb::pdf
