#include "core/source.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/limits.hpp"

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

void Diagnostics::error(Loc loc, std::string msg) { add({Severity::Error, std::move(loc), std::move(msg), {}}); }

void Diagnostics::warning(Loc loc, std::string msg) {
  add({Severity::Warning, std::move(loc), std::move(msg), {}});
}

void Diagnostics::add(Diagnostic d) {
  (d.severity == Severity::Error ? errors_ : warnings_)++;
  if (list_.size() < limits::kDiagnostics) list_.push_back(std::move(d));
}

void Diagnostics::append(const Diagnostics& other) {
  size_t errors = other.errors_, warnings = other.warnings_;
  for (const auto& d : other.list_) {
    add(d);
    (d.severity == Severity::Error ? errors : warnings)--;
  }
  errors_ += errors;  // those `other` counted without keeping
  warnings_ += warnings;
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
  struct State {
    size_t pos = 0, index = 0;  // byte offset in the file; code point of the value
    uint32_t line = 0, col = 0;
  };

  // At the opening quote, which open() skips.
  StringWalker(std::string_view text, State at) : text_(text), s_(at) {}

  void open() {
    quote_ = peek(0);
    multi_ = peek(1) == quote_ && peek(2) == quote_;
    advance(multi_ ? 3 : 1);
    if (multi_) {
      if (peek(0) == '\n') newline(1);
      else if (peek(0) == '\r' && peek(1) == '\n') newline(2);
    }
  }
  char quote() const { return quote_; }
  bool multi() const { return multi_; }
  void resume(char quote, bool multi, State at) {
    quote_ = quote;
    multi_ = multi;
    s_ = at;
  }
  const State& state() const { return s_; }

  // Stops at code point `target` of the value (or at the closing quote). With
  // `marks`, records the state every `step` code points on the way.
  void walk(size_t target, std::vector<State>* marks = nullptr, size_t step = 1) {
    const bool basic = quote_ == '"';
    while (s_.pos < text_.size()) {
      char c = peek(0);
      if (c == quote_ && (!multi_ || (peek(1) == quote_ && peek(2) == quote_))) break;
      if (basic && c == '\\') {
        char e = peek(1);
        if (multi_ && (e == ' ' || e == '\t' || e == '\n' || e == '\r')) {
          advance(1);
          while (s_.pos < text_.size() && (peek(0) == ' ' || peek(0) == '\t' || peek(0) == '\n' ||
                                            peek(0) == '\r')) {
            if (peek(0) == '\n') newline(1); else advance(1);
          }
          continue;
        }
        if (s_.index == target) break;
        mark(marks, step);
        advance(e == 'u' ? 6 : e == 'U' ? 10 : 2);
        ++s_.index;
        continue;
      }
      if (s_.index == target) break;
      mark(marks, step);
      if (c == '\n') newline(1);
      else if (c == '\r' && peek(1) == '\n') newline(2);
      else advance(1);
      ++s_.index;
    }
  }

 private:
  void mark(std::vector<State>* marks, size_t step) {
    if (marks && s_.index % step == 0 && (marks->empty() || marks->back().index != s_.index)) marks->push_back(s_);
  }
  char peek(size_t k) const { return s_.pos + k < text_.size() ? text_[s_.pos + k] : '\0'; }
  void advance(size_t codepoints) {
    for (size_t k = 0; k < codepoints && s_.pos < text_.size(); ++k) {
      ++s_.pos;
      while (s_.pos < text_.size() && is_continuation(text_[s_.pos])) ++s_.pos;
      ++s_.col;
    }
  }
  void newline(size_t bytes) {
    s_.pos += bytes;
    ++s_.line;
    s_.col = 1;
  }

  std::string_view text_;
  State s_;
  char quote_ = '"';
  bool multi_ = false;
};

constexpr size_t kCheckpointStep = 64;

// The walker at the opening quote of `start`; nullopt when `start` is not at one.
std::optional<StringWalker> walker_at(const Loc& start) {
  if (!start.file || start.line == 0) return std::nullopt;
  const std::string& text = start.file->text;
  size_t pos = offset_of(text, start.line, start.col);
  if (pos >= text.size() || (text[pos] != '"' && text[pos] != '\'')) return std::nullopt;
  StringWalker w(text, {pos, 0, start.line, start.col});
  w.open();
  return w;
}

}  // namespace

struct TextIndex {
  char quote;
  bool multi;
  std::vector<StringWalker::State> marks;  // every kCheckpointStep code points of the value
};

void TextOrigin::index() {
  auto w = walker_at(start);
  if (!w) return;
  auto ix = std::make_shared<TextIndex>(TextIndex{w->quote(), w->multi(), {}});
  w->walk(SIZE_MAX, &ix->marks, kCheckpointStep);
  checkpoints = std::move(ix);
}

Loc TextOrigin::locate(size_t codepoint_index) const {
  if (checkpoints && !checkpoints->marks.empty()) {
    const auto& marks = checkpoints->marks;
    size_t k = std::min(codepoint_index / kCheckpointStep, marks.size() - 1);
    StringWalker w(start.file->text, marks[k]);
    w.resume(checkpoints->quote, checkpoints->multi, marks[k]);
    w.walk(codepoint_index);
    return Loc{start.file, w.state().line, w.state().col};
  }
  auto w = walker_at(start);
  if (!w) return start;
  w->walk(codepoint_index);
  return Loc{start.file, w->state().line, w->state().col};
}

}  // namespace nb
