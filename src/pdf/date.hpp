// A DateTime as the Info dictionary and XMP write it.
#pragma once
#include <string>

#include "pdf/writer.hpp"

namespace nb::pdf {

std::string pdf_date(const DateTime& d);  // "D:20210131000000+08'00'"
std::string xmp_date(const DateTime& d);  // "2021-01-31T00:00:00+08:00"

}  // namespace nb::pdf
