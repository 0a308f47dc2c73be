// What the editor page is sent, as JSON: the form of a format (its sections and
// tables as the official layout draws them), the values of a file, the figures
// the check stage computed, and the diagnostics, each tied to the value it is about.
#pragma once
#include <string>

#include <toml++/toml.h>

#include "check/figures.hpp"
#include "core/json.hpp"
#include "layout/layout.hpp"

namespace nb::serve {

json::Object format_json(const layout::Layout& l);
// A format in the list of formats: id, name, document, years.
json::Object format_summary(const layout::Layout& l);

// The file's values: tables as objects, numbers as the text written in the file
// (4068.208, 1_000), dates as YYYY-MM-DD.
json::Object values_json(const toml::table& doc, const std::string& text);

// Every cell of every table by section and field key: its figure as printed and
// whether the file gives it (or a rule computed it).
json::Object figures_json(const check::Figures& f);

// The diagnostics with, for each, the path of the value it points at
// (["requests", "new", 2]) when the file parses, those of its related cells, and
// in prose the sentence it points into.
json::Object diagnostics_json(const Diagnostics& d, const toml::table* doc, const std::string& text);

}  // namespace nb::serve
