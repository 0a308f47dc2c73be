// The prose markup: a blank line starts a paragraph, **…** is bold, a line starting
// with "## ", "### " or "#### " is a sub-heading of level 2, 3 or 4.
#include <algorithm>
#include <map>

#include "core/limits.hpp"
#include "core/utf8.hpp"
#include "input/report.hpp"

namespace nb::input {

std::optional<Unusable> unusable(char32_t c) {
  const std::string name = codepoint_name(c);
  if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F || (c >= 0x80 && c < 0xA0))
    return Unusable{"控制字符 " + name, "常见于从 Word 复制的文字", "请删除它"};
  if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000)
    return Unusable{"私用区字符 " + name, "不同字体显示为不同的字，存档后无法检索",
                    "请改用 Unicode 标准字符，生僻字可用其标准编码的写法"};
  if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
    return Unusable{"非字符码位 " + name, "不表示任何字符", "请删除它"};
  if (c == 0xAD || (c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) ||
      c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) || (c >= 0xE0000 && c <= 0xE0FFF))
    return Unusable{"不可见的格式字符 " + name, "常见于从网页或 Word 复制的文字", "请删除它"};
  return std::nullopt;
}

namespace {

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == 0x3000; }
bool is_ascii_word(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

std::string thousands(size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

struct Builder {
  const TextOrigin& origin;
  Diagnostics& diags;
  size_t budget;  // blocks this prose may still have
  Prose out;
  Block block;
  bool bold = false;
  uint32_t bold_open = 0;
  bool open = false;
  bool full = false;         // the block budget is spent: stop
  size_t chars = 0;          // characters of the open block
  uint32_t block_start = 0;  // where the open block starts
  struct Bad {
    uint32_t first;
    size_t count = 0;
  };
  std::map<char32_t, Bad> bad;  // unusable characters: first place and count

  void flush() {
    if (!open) return;
    if (bold) {
      diags.error(origin.locate(bold_open), "加粗标记 ** 没有闭合：请在加粗文字的末尾补上 **");
      bold = false;
    }
    if (chars > limits::kParagraphChars)
      diags.error(origin.locate(block_start), "段落过长：有 " + thousands(chars) + " 个字，上限为 " +
                                                  thousands(limits::kParagraphChars) +
                                                  " 个字：请分段（段与段之间空一行）");
    auto& sp = block.spans;
    sp.erase(std::remove_if(sp.begin(), sp.end(), [](const Span& s) { return s.text.empty(); }), sp.end());
    if (!sp.empty()) {
      if (out.blocks.size() == budget) {
        diags.error(origin.locate(block_start), "正文的段落和标题超过 " + thousands(limits::kBlocks) +
                                                    " 个（全部章节合计）：请精简正文，或检查是否多了空行");
        full = out.truncated = true;
      } else {
        out.blocks.push_back(std::move(block));
      }
    }
    block = Block{};
    open = false;
    chars = 0;
  }

  void start(uint32_t at) {
    if (!open) block_start = at;
    open = true;
  }

  void put(char32_t c, uint32_t at) {
    if (++chars > limits::kParagraphChars) return;  // reported by flush(); not kept
    if (block.spans.empty() || block.spans.back().bold != bold) block.spans.push_back(Span{{}, {}, bold});
    block.spans.back().text.push_back(c);
    block.spans.back().src.push_back(at);
  }

  char32_t last() const {
    for (auto it = block.spans.rbegin(); it != block.spans.rend(); ++it)
      if (!it->text.empty()) return it->text.back();
    return 0;
  }

  // One source line [b, e) of the decoded text.
  void line(const std::u32string& t, size_t b, size_t e) {
    while (b < e && is_space(t[b])) ++b;
    while (e > b && is_space(t[e - 1])) --e;
    if (b == e) { flush(); return; }
    int level = 0;
    while (b + level < e && t[b + level] == '#') ++level;
    if (level >= 2 && level <= 4 && b + level < e && t[b + level] != '#') {  // "## 标题"; the space may be left out
      flush();
      start(static_cast<uint32_t>(b));
      block.level = level;
      b += level;
      while (b < e && is_space(t[b])) ++b;
      text(t, b, e);
      flush();
      return;
    }
    if (open && is_ascii_word(last()) && is_ascii_word(t[b])) put(' ', static_cast<uint32_t>(b));
    start(static_cast<uint32_t>(b));
    text(t, b, e);
  }

  void text(const std::u32string& t, size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) {
      char32_t c = t[i];
      if (c == '*' && i + 1 < e && t[i + 1] == '*') {
        bold = !bold;
        if (bold) bold_open = static_cast<uint32_t>(i);
        ++i;
        continue;
      }
      if (unusable(c)) {
        auto& x = bad[c];
        if (x.count++ == 0) x.first = static_cast<uint32_t>(i);
        continue;
      }
      put(c, static_cast<uint32_t>(i));
    }
  }

  // In the order of their first places.
  void report_bad() {
    std::vector<std::pair<uint32_t, char32_t>> order;
    for (const auto& [c, x] : bad) order.emplace_back(x.first, c);
    std::sort(order.begin(), order.end());
    for (const auto& [first, c] : order) {
      const Unusable u = *unusable(c);
      const size_t n = bad[c].count;
      diags.error(origin.locate(first), "文字中含有" + u.what + "（" +
                                            (n > 1 ? "这项文字中共 " + thousands(n) + " 处，这是第一处；" : "") + u.note +
                                            "）：" + u.fix);
    }
  }
};

}  // namespace

Prose parse_markup(const std::string& text, const TextOrigin& origin, Diagnostics& diags, size_t max_blocks) {
  Builder b{origin, diags, max_blocks, Prose{origin, {}, false}, {}, false, 0, false, false, 0, 0, {}};
  auto decoded = decode_utf8(text);
  if (!decoded) {
    diags.error(origin.start, "文字不是有效的 UTF-8");
    return b.out;
  }
  const std::u32string& t = *decoded;
  size_t start = 0;
  for (size_t i = 0; i <= t.size() && !b.full; ++i) {
    if (i == t.size() || t[i] == '\n') {
      b.line(t, start, i);
      start = i + 1;
    }
  }
  if (!b.full) b.flush();
  b.report_bad();
  return b.out;
}

}  // namespace nb::input
