// The composed document as HTML for a government portal: one self-contained page
// (inline CSS, no script, nothing fetched) or a fragment for a portal's editor
// with its CSS apart. Headings as h1–h5, paragraphs with their bold lead phrases
// as strong, each table a real table — caption, thead/tbody, th with scope and id
// for every label, rowspan/colspan as the layout draws them, headers on every
// figure naming the labels that head it (as the PDF's tags do). The same
// document gives the same bytes.
#pragma once
#include <string>

#include "compose/document.hpp"

namespace nb::html {

// Every class name and id starts with this (a portal's page has its own).
inline constexpr const char* kPrefix = "nb-";

// The whole page: <!DOCTYPE html>, lang="zh-CN", the title, the CSS inline.
std::string page(const compose::Document& doc, const std::string& generator);
// Only the report's content (<article class="nb-report">…</article>), for
// pasting into a portal's editor; its look is `stylesheet()`.
std::string fragment(const compose::Document& doc);
// The CSS of both: the official look by role, tables scrolling inside their box
// on a phone, A4 when printed. A table's caption (its section's heading, printed
// just above it) is for screen readers only.
std::string stylesheet();

}  // namespace nb::html
