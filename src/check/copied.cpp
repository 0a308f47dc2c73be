// R9, prose copied from last year's report (内容雷同): the share of a section's
// character trigrams (figures, spaces and punctuation left out) that last year's
// same section also has, counted with multiplicity.
#include <cmath>
#include <map>

#include "check/passes.hpp"

namespace nb::check::detail {

namespace {

constexpr size_t kShortest = 60;  // characters: shorter sections (无。) are not compared
constexpr size_t kCompared = 20'000;  // characters compared at most (a real section has a few thousand)

// The section's words as one string: Han, letters; no digits, spaces or punctuation.
std::u32string letters(const input::Prose& prose) {
  std::u32string out;
  for (const auto& b : prose.blocks)
    for (const auto& s : b.spans)
      for (char32_t c : s.text) {
        const bool han = (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || c >= 0x20000;
        const bool latin = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (han || latin) out += c;
        if (out.size() == kCompared) return out;
      }
  return out;
}

std::map<std::u32string, int> trigrams(const std::u32string& s) {
  std::map<std::u32string, int> out;
  for (size_t i = 0; i + 3 <= s.size(); ++i) ++out[s.substr(i, 3)];
  return out;
}

}  // namespace

void check_copied(const Figures& f, const Figures& previous, Diagnostics& diags) {
  const input::Report& r = f.report();
  const double threshold = r.layout->copied_prose;
  if (threshold <= 0) return;
  for (const auto& s : r.sections) {
    const input::SectionInput* before = previous.report().section(s.key);
    if (!s.text || !before || !before->text) continue;
    const std::u32string now = letters(*s.text), then = letters(*before->text);
    if (now.size() < kShortest || then.size() < kShortest) continue;
    const auto a = trigrams(now), b = trigrams(then);
    size_t total = 0, shared = 0;
    for (const auto& [g, n] : a) {
      total += n;
      if (auto it = b.find(g); it != b.end()) shared += std::min(n, it->second);
    }
    const double share = total ? static_cast<double>(shared) / total : 0;
    if (share < threshold) continue;
    std::string title = s.key;
    for (const auto& ls : r.layout->sections)
      if (ls.key == s.key) title = ls.title;
    diags.warning(s.text->origin.locate(0),
                  "正文与上年报告雷同（R9，" + title + "）：与上年同一部分相同的文字占 " +
                      std::to_string(static_cast<int>(std::floor(share * 100))) +
                      "%（“内容雷同”是年报评议指出的常见问题）：请按本年度的实际情况重写这一部分");
  }
}

}  // namespace nb::check::detail
