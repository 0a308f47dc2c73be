// The report's figures as data, for the filing office and its tools: every figure
// cell of every table, with the key the input writes it under, the labels that
// head it on the official form and its value. Read from the composed document,
// like every output. Attached to the archived PDF by `build --attach`.
#pragma once
#include <string>

#include "compose/document.hpp"

namespace nb::data {

// One line of JSON (UTF-8), the same bytes for the same document:
// {"format","format_name","year","organ","title","published","tables":[{"section",
//  "caption","cells":[{"key","column","labels","value","text","unit","given"}]}]}
// key: the section's and field's keys (requests.new); column: 1-based; labels: the
// row's labels outermost first, then the column's; value: a count, or an amount in
// 万元 (unit: what the input named, 元 or 万元, else absent); given: false for a
// figure the check derived (a total) or a cell left empty (0).
std::string figures_json(const compose::Document& doc);

}  // namespace nb::data
