// The prose markup: a blank line starts a paragraph, **…** is bold, a line starting
// with "## ", "### " or "#### " is a sub-heading of level 2, 3 or 4.
#include <algorithm>

#include "core/utf8.hpp"
#include "input/report.hpp"

namespace nb::input {

namespace {

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == 0x3000; }
bool is_ascii_word(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

struct Builder {
  const TextOrigin& origin;
  Diagnostics& diags;
  Prose out;
  Block block;
  bool bold = false;
  uint32_t bold_open = 0;
  bool open = false;

  void flush() {
    if (!open) return;
    if (bold) {
      diags.error(origin.locate(bold_open), "加粗标记 ** 没有闭合：请在加粗文字的末尾补上 **");
      bold = false;
    }
    auto& sp = block.spans;
    sp.erase(std::remove_if(sp.begin(), sp.end(), [](const Span& s) { return s.text.empty(); }), sp.end());
    if (!sp.empty()) out.blocks.push_back(std::move(block));
    block = Block{};
    open = false;
  }

  void put(char32_t c, uint32_t at) {
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
      open = true;
      block.level = level;
      b += level;
      while (b < e && is_space(t[b])) ++b;
      text(t, b, e);
      flush();
      return;
    }
    if (open && is_ascii_word(last()) && is_ascii_word(t[b])) put(' ', static_cast<uint32_t>(b));
    open = true;
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
      if ((c < 0x20 && c != '\t') || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
        diags.error(origin.locate(i), "文字中含有控制字符 " + codepoint_name(c) + "：请删除它（常见于从 Word 复制的文字）");
        continue;
      }
      put(c, static_cast<uint32_t>(i));
    }
  }
};

}  // namespace

Prose parse_markup(const std::string& text, const TextOrigin& origin, Diagnostics& diags) {
  Builder b{origin, diags, Prose{origin, {}}, {}};
  auto decoded = decode_utf8(text);
  if (!decoded) {
    diags.error(origin.start, "文字不是有效的 UTF-8");
    return b.out;
  }
  const std::u32string& t = *decoded;
  size_t start = 0;
  for (size_t i = 0; i <= t.size(); ++i) {
    if (i == t.size() || t[i] == '\n') {
      b.line(t, start, i);
      start = i + 1;
    }
  }
  b.flush();
  return b.out;
}

}  // namespace nb::input
