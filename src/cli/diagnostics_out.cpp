#include "cli/diagnostics_out.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <vector>
#include <cstdlib>

#include "core/utf8.hpp"

namespace nb::cli {

namespace {

bool wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFD);
}

}  // namespace

std::string json_quote(const std::string& s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\t': o += "\\t"; break;
      case '\r': o += "\\r"; break;
      default:
        if (c < 0x20) {
          char b[8];
          std::snprintf(b, sizeof b, "\\u%04x", c);
          o += b;
        } else {
          o += static_cast<char>(c);
        }
    }
  }
  return o + "\"";
}

namespace {

// Line `n` (1-based) of the file, without its end of line.
std::string source_line(const SourceFile& f, uint32_t n) {
  size_t b = 0;
  for (uint32_t i = 1; i < n; ++i) {
    b = f.text.find('\n', b);
    if (b == std::string::npos) return {};
    ++b;
  }
  size_t e = f.text.find('\n', b);
  std::string line = f.text.substr(b, e == std::string::npos ? std::string::npos : e - b);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
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
  const bool error = d.severity == Severity::Error;
  const std::string path = d.loc.file ? d.loc.file->path : d.path;
  if (style.json) {
    out << "{\"file\":" << json_quote(path) << ",\"line\":" << d.loc.line << ",\"column\":" << d.loc.col
        << ",\"severity\":\"" << (error ? "error" : "warning") << "\",\"message\":" << json_quote(d.message)
        << "}\n";
    return;
  }
  const char* bold = style.color ? "\033[1m" : "";
  const char* reset = style.color ? "\033[0m" : "";
  const char* tone = style.color ? (error ? "\033[1;31m" : "\033[1;35m") : "";
  const char* caret_tone = style.color ? "\033[1;32m" : "";
  std::string where = path;
  if (d.loc.line > 0) where += ':' + std::to_string(d.loc.line) + ':' + std::to_string(d.loc.col);
  if (!where.empty()) out << bold << where << ":" << reset << ' ';
  out << tone << (error ? "错误:" : "警告:") << reset << ' ' << d.message << '\n';
  if (!d.loc.file || d.loc.line == 0) return;
  std::string line = source_line(*d.loc.file, d.loc.line);
  if (line.empty() || !decode_utf8(line)) return;
  // The caret goes under column `col` (code points), padded by display width.
  std::u32string text = *decode_utf8(line);
  std::string pad;
  for (size_t i = 0; i + 1 < d.loc.col && i < text.size(); ++i) {
    if (text[i] == '\t') pad += '\t';
    else pad.append(wide(text[i]) ? 2 : 1, ' ');
  }
  std::string number = std::to_string(d.loc.line);
  out << ' ' << std::string(number.size() < 4 ? 4 - number.size() : 0, ' ') << number << " | " << line << '\n';
  out << ' ' << std::string(std::max<size_t>(number.size(), 4), ' ') << " | " << pad << caret_tone << '^' << reset
      << '\n';
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
  for (const auto* d : sorted) print_diagnostic(*d, style, out);
}

std::string count_summary(const Diagnostics& ds) {
  size_t errors = 0, warnings = 0;
  for (const auto& d : ds.list()) (d.severity == Severity::Error ? errors : warnings)++;
  std::string s;
  if (errors) s += std::to_string(errors) + " 个错误";
  if (warnings) s += (s.empty() ? "" : "，") + std::to_string(warnings) + " 个警告";
  return s;
}

}  // namespace nb::cli
