// A long synthetic report made from the sample's paragraphs, for tests and benchmarks.
#pragma once
#include <string>

#include "support.hpp"

namespace nbtest {

// The sample report with section 一 replaced by `blocks` sub-sections, each a
// heading and the sample's prose paragraphs (about four pages per ten blocks).
inline std::string synthetic_report(int blocks) {
  std::string sample = read_file(kSample2019);
  auto paragraphs_of = [&](const std::string& key) {
    size_t b = sample.find("text = \"\"\"", sample.find("[" + key + "]")) + 10;
    size_t e = sample.find("\"\"\"", b);
    return sample.substr(b, e - b);
  };
  std::string prose = paragraphs_of("overall") + "\n" + paragraphs_of("problems");
  static const char* const kNumbers[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  std::string text;
  for (int i = 0; i < blocks; ++i) {
    text += "\n## （" + std::string(kNumbers[i % 10]) + "）第" + std::to_string(i + 1) + "部分工作情况\n";
    if (i % 3 == 1) text += "\n### 1.具体措施\n";
    text += prose;
  }
  size_t b = sample.find("text = \"\"\"", sample.find("[overall]")) + 10;
  size_t e = sample.find("\"\"\"", b);
  return sample.replace(b, e - b, text + "\n");
}

}  // namespace nbtest
