// The PDF's metadata from the report: title, organ, subject, keywords, the
// program's name and version, and the date (the report's publication date at
// 00:00 China Standard Time, or SOURCE_DATE_EPOCH in UTC when set; never the clock).
#pragma once
#include <optional>
#include <string>

#include "compose/document.hpp"
#include "pdf/writer.hpp"

namespace nb::cli {

// SOURCE_DATE_EPOCH as a date: nullopt when unset; throws EnvironmentError when malformed.
std::optional<pdf::DateTime> source_date_epoch();

// A PDF date (D:20210131000000+08'00', or …Z) as written by pdf::pdf_date; nullopt
// when it is not one.
std::optional<pdf::DateTime> parse_pdf_date(const std::string& text);

pdf::Metadata metadata(const compose::About& report, const std::optional<pdf::DateTime>& epoch,
                       pdf::Conformance conformance);

}  // namespace nb::cli
