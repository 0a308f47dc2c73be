// A variant of the sample that takes more paths through the typesetter and the
// writer, for the PDF/A and golden tests.
#pragma once
#include <stdexcept>
#include <string>

#include "support.hpp"

namespace nbtest {

// The sample with sub-headings, XML-special characters in the organ, a base +
// combining mark drawn as two glyphs (DejaVu Serif, TrueType) and a name-keyed
// CFF font (Nimbus Sans) in the tables.
inline std::string rich_input() {
  std::string s = read_file(kSample2019);
  auto replace = [&](const std::string& from, const std::string& to) {
    auto at = s.find(from);
    if (at == std::string::npos) throw std::runtime_error("rich_input: the sample no longer holds " + from);
    s.replace(at, from.size(), to);
  };
  replace("\n**一是规范各项制度。**", "\n## （一）规范各项制度\n\n");
  replace("\n**二是完善基础性、常规性工作。**", "\n## （二）完善基础性、常规性工作\n\n### 1.严格落实\n\n");
  replace("organ  = \"长春市南关区全安街道办事处\"",
          "organ  = \"长春市南关区全安街道办事处 & <测试> \\\"引号\\\" '单'\"");
  replace("无。", "无。Cliq\xCC\x81ue.");
  s += "\n[fonts]\nbody = \"DejaVuSerif.ttf\"\ntable = \"NimbusSans-Regular.otf\"\n";
  return s;
}

}  // namespace nbtest
