// Diagnostics as a compiler prints them: FILE:LINE:COL: 错误: …, the input line and
// a caret under the column; colour only on a terminal without NO_COLOR; or JSON lines.
#pragma once
#include <ostream>
#include <string>

#include "core/source.hpp"

namespace nb::cli {

struct DiagnosticStyle {
  bool color = false;
  bool json = false;
};

// Colour when `fd` is a terminal and NO_COLOR is not set.
bool want_color(int fd);

void print_diagnostic(const Diagnostic& d, const DiagnosticStyle& style, std::ostream& out);
void print_diagnostics(const Diagnostics& ds, const DiagnosticStyle& style, std::ostream& out);

// "2 个错误，1 个警告" (empty when there are none).
std::string count_summary(const Diagnostics& ds);

// Display width of UTF-8 text in a terminal (East Asian wide characters take two cells).
size_t display_width(const std::string& utf8);

}  // namespace nb::cli
