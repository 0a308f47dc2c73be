#include "core/source.hpp"

#include <algorithm>
#include <string_view>

namespace nb {

std::string format(const Diagnostic& d) {
  std::string out = d.loc.file ? d.loc.file->path : d.path;
  if (d.loc.line > 0) {
    out += ':' + std::to_string(d.loc.line) + ':' + std::to_string(d.loc.col);
  }
  if (!out.empty()) out += ": ";
  out += d.severity == Severity::Error ? "错误: " : "警告: ";
  out += d.message;
  return out;
}

void Diagnostics::error(Loc loc, std::string msg) {
  list_.push_back({Severity::Error, std::move(loc), std::move(msg), {}});
}

void Diagnostics::warning(Loc loc, std::string msg) {
  list_.push_back({Severity::Warning, std::move(loc), std::move(msg), {}});
}

bool Diagnostics::has_errors() const {
  return std::any_of(list_.begin(), list_.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

void Diagnostics::append(const Diagnostics& other) {
  list_.insert(list_.end(), other.list_.begin(), other.list_.end());
}

namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte offset of (line, col) in text; col counts code points.
size_t offset_of(std::string_view text, uint32_t line, uint32_t col) {
  size_t i = 0;
  for (uint32_t l = 1; l < line && i < text.size(); ++i)
    if (text[i] == '\n') ++l;
  for (uint32_t c = 1; c < col && i < text.size();) {
    ++i;
    while (i < text.size() && is_continuation(text[i])) ++i;
    ++c;
  }
  return i;
}

// Walks the raw text of a TOML string and counts decoded code points.
class StringWalker {
 public:
  StringWalker(std::string_view text, size_t pos, uint32_t line, uint32_t col)
      : text_(text), pos_(pos), line_(line), col_(col) {}

  Loc locate(const SourceRef& file, size_t target) {
    char quote = peek(0);
    bool multi = peek(1) == quote && peek(2) == quote;
    bool basic = quote == '"';
    advance(multi ? 3 : 1);
    if (multi) {
      if (peek(0) == '\n') newline(1);
      else if (peek(0) == '\r' && peek(1) == '\n') newline(2);
    }
    size_t index = 0;
    while (pos_ < text_.size()) {
      char c = peek(0);
      if (c == quote && (!multi || (peek(1) == quote && peek(2) == quote))) break;
      if (basic && c == '\\') {
        char e = peek(1);
        if (multi && (e == ' ' || e == '\t' || e == '\n' || e == '\r')) {
          advance(1);
          while (pos_ < text_.size() && (peek(0) == ' ' || peek(0) == '\t' || peek(0) == '\n' ||
                                          peek(0) == '\r')) {
            if (peek(0) == '\n') newline(1); else advance(1);
          }
          continue;
        }
        if (index == target) break;
        advance(e == 'u' ? 6 : e == 'U' ? 10 : 2);
        ++index;
        continue;
      }
      if (index == target) break;
      if (c == '\n') newline(1);
      else if (c == '\r' && peek(1) == '\n') newline(2);
      else advance(1);
      ++index;
    }
    return Loc{file, line_, col_};
  }

 private:
  char peek(size_t k) const { return pos_ + k < text_.size() ? text_[pos_ + k] : '\0'; }
  void advance(size_t codepoints) {
    for (size_t k = 0; k < codepoints && pos_ < text_.size(); ++k) {
      ++pos_;
      while (pos_ < text_.size() && is_continuation(text_[pos_])) ++pos_;
      ++col_;
    }
  }
  void newline(size_t bytes) {
    pos_ += bytes;
    ++line_;
    col_ = 1;
  }

  std::string_view text_;
  size_t pos_;
  uint32_t line_, col_;
};

}  // namespace

Loc TextOrigin::locate(size_t codepoint_index) const {
  if (!start.file || start.line == 0) return start;
  const std::string& text = start.file->text;
  size_t pos = offset_of(text, start.line, start.col);
  if (pos >= text.size() || (text[pos] != '"' && text[pos] != '\'')) return start;
  return StringWalker(text, pos, start.line, start.col).locate(start.file, codepoint_index);
}

}  // namespace nb
