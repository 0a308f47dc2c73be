#include "cli/diagnostics_out.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <cstdlib>
#include <map>
#include <vector>

#include "core/json.hpp"
#include "core/limits.hpp"
#include "core/utf8.hpp"

namespace nb::cli {

namespace {

bool wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFD);
}

// Where each line of a file starts, found once per file printed.
class Lines {
 public:
  std::string_view line(const SourceFile& f, uint32_t n) {
    auto& starts = starts_[&f];
    if (starts.empty()) {
      starts.push_back(0);
      for (size_t i = 0; i < f.text.size(); ++i)
        if (f.text[i] == '\n') starts.push_back(i + 1);
    }
    if (n == 0 || n > starts.size()) return {};
    size_t b = starts[n - 1];
    size_t e = n < starts.size() ? starts[n] - 1 : f.text.size();
    std::string_view line(f.text.data() + b, e - b);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  }

 private:
  std::map<const SourceFile*, std::vector<size_t>> starts_;
};

// The input line as quoted: control characters shown as U+FFFD (never sent to the
// terminal), cut to limits::kQuotedLineChars around column `col`; the column of
// the caret in what is shown.
std::pair<std::u32string, size_t> quoted(std::u32string text, size_t col) {
  for (char32_t& c : text)
    if ((c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0) || (c >= 0x202A && c <= 0x202E) ||
        (c >= 0x2066 && c <= 0x2069))
      c = 0xFFFD;
  const size_t keep = limits::kQuotedLineChars;
  if (text.size() <= keep) return {text, col};
  size_t b = col > keep / 2 ? std::min(col - keep / 2, text.size() - keep) : 0;
  std::u32string shown = (b > 0 ? U"…" : U"") + text.substr(b, keep) + (b + keep < text.size() ? U"…" : U"");
  return {shown, col - b + (b > 0 ? 1 : 0)};
}

// A message as printed on one line: control and bidirectional characters (from a
// key or a file name the input chose) written as \uXXXX, never sent to the terminal.
std::string one_line(const std::string& message) {
  auto text = decode_utf8(message);
  if (!text) return message;
  std::string out;
  for (char32_t c : *text) {
    if (c < 0x20 || (c >= 0x7F && c < 0xA0) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
      char b[12];
      std::snprintf(b, sizeof b, "\\u%04X", static_cast<unsigned>(c));
      out += b;
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

void print_one(const Diagnostic& d, const DiagnosticStyle& style, std::ostream& out, Lines& lines) {
  const bool error = d.severity == Severity::Error;
  const std::string& path = d.loc.file ? d.loc.file->path : d.path;
  if (style.json) {
    json::Object o;
    o["file"] = path;
    o["line"] = d.loc.line;
    o["column"] = d.loc.col;
    o["severity"] = error ? "error" : "warning";
    o["message"] = d.message;
    out << json::dump(o) << '\n';
    return;
  }
  const char* bold = style.color ? "\033[1m" : "";
  const char* reset = style.color ? "\033[0m" : "";
  const char* tone = style.color ? (error ? "\033[1;31m" : "\033[1;35m") : "";
  const char* caret_tone = style.color ? "\033[1;32m" : "";
  std::string where = one_line(path);
  if (d.loc.line > 0) where += ':' + std::to_string(d.loc.line) + ':' + std::to_string(d.loc.col);
  if (!where.empty()) out << bold << where << ":" << reset << ' ';
  out << tone << (error ? "错误:" : "警告:") << reset << ' ' << one_line(d.message) << '\n';
  if (!d.loc.file || d.loc.line == 0) return;
  auto decoded = decode_utf8(lines.line(*d.loc.file, d.loc.line));
  if (!decoded || decoded->empty()) return;
  // The caret goes under column `col` (code points), padded by display width.
  auto [text, col] = quoted(std::move(*decoded), d.loc.col);
  std::string pad;
  for (size_t i = 0; i + 1 < col && i < text.size(); ++i) {
    if (text[i] == '\t') pad += '\t';
    else pad.append(wide(text[i]) ? 2 : 1, ' ');
  }
  std::string number = std::to_string(d.loc.line);
  out << ' ' << std::string(number.size() < 4 ? 4 - number.size() : 0, ' ') << number << " | " << encode_utf8(text)
      << '\n';
  out << ' ' << std::string(std::max<size_t>(number.size(), 4), ' ') << " | " << pad << caret_tone << '^' << reset
      << '\n';
}

}  // namespace

bool want_color(int fd) { return isatty(fd) && !std::getenv("NO_COLOR"); }

size_t display_width(const std::string& utf8) {
  size_t w = 0;
  auto text = decode_utf8(utf8);
  if (!text) return utf8.size();
  for (char32_t c : *text) w += wide(c) ? 2 : 1;
  return w;
}

void print_diagnostic(const Diagnostic& d, const DiagnosticStyle& style, std::ostream& out) {
  Lines lines;
  print_one(d, style, out, lines);
}

void print_diagnostics(const Diagnostics& ds, const DiagnosticStyle& style, std::ostream& out) {
  // In the order of the input, file by file (files in the order they first appear).
  std::vector<const Diagnostic*> sorted;
  std::vector<const SourceFile*> files;
  for (const auto& d : ds.list()) {
    sorted.push_back(&d);
    if (d.loc.file && std::find(files.begin(), files.end(), d.loc.file.get()) == files.end())
      files.push_back(d.loc.file.get());
  }
  auto rank = [&](const Diagnostic* d) {
    size_t file = d->loc.file ? std::find(files.begin(), files.end(), d->loc.file.get()) - files.begin() + 1 : 0;
    return std::make_tuple(file, d->loc.line, d->loc.col);
  };
  std::stable_sort(sorted.begin(), sorted.end(), [&](auto* a, auto* b) { return rank(a) < rank(b); });
  Lines lines;
  for (const auto* d : sorted) print_one(*d, style, out, lines);
  if (ds.dropped() > 0 && !style.json)
    out << "……另有 " << ds.dropped() << " 条未列出（只列出前 " << ds.list().size() << " 条）\n";
}

std::string count_summary(const Diagnostics& ds) {
  const size_t errors = ds.errors(), warnings = ds.warnings();
  std::string s;
  if (errors) s += std::to_string(errors) + " 个错误";
  if (warnings) s += (s.empty() ? "" : "，") + std::to_string(warnings) + " 个警告";
  return s;
}

}  // namespace nb::cli
