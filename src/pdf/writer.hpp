// Pages -> PDF bytes: subset fonts embedded as CID fonts with ToUnicode, content
// streams written by hand, PoDoFo as the object model and serializer.
#pragma once
#include <string>

#include "typeset/page.hpp"

namespace nb::pdf {

struct Metadata {
  std::string title, author, subject, keywords, creator, producer;
  std::string date;  // PDF date string, e.g. "D:20210131000000+08'00'"
  std::string lang = "zh-CN";
};

// The whole file in memory. Throws EnvironmentError if a font cannot be subset.
std::string write(const typeset::Result& result, const Metadata& meta);

}  // namespace nb::pdf
