// Every limit on what nianbao accepts, in one place (documented in README.md,
// "Limits"). Each is far above what a real report needs and keeps time and memory
// bounded for any input below it; going over one is a located error, never a crash
// or a run without end.
#pragma once
#include <cstddef>
#include <cstdint>

namespace nb::limits {

// An input or layout file (bytes). Larger files are not read.
constexpr size_t kFileBytes = 8 * 1024 * 1024;
// A paragraph or heading of prose (characters); a real report's longest is ~2,000.
constexpr size_t kParagraphChars = 50'000;
// Paragraphs and headings of one report, all sections together.
constexpr size_t kBlocks = 20'000;
// The title and the organ (characters).
constexpr size_t kTitleChars = 200;
// Pages of one report; a real report has 5 to 30.
constexpr size_t kPages = 2'000;
constexpr size_t kPdfBytes = 64 * 1024 * 1024;  // a PDF read by extract, verify and sum
// A count (件数, 本年增/减): |value| at most 2^31 − 1.
constexpr int64_t kCount = 2'147'483'647;
// An amount in 万元: at most 10^11 (ten times China's GDP), 4 decimals.
constexpr int64_t kAmountWan = 100'000'000'000;
// Layout tables: columns of the grid and rows, columns of one field.
constexpr int kTableColumns = 32;
constexpr int kTableRows = 300;
// A table cell's text in a layout (characters).
constexpr size_t kCellChars = 500;
// Diagnostics kept and printed per report; the rest are only counted.
constexpr size_t kDiagnostics = 200;
// A quoted input line is cut to this many characters around the caret.
constexpr size_t kQuotedLineChars = 100;

// nianbao serve: a request's body (a whole input file fits, JSON-escaped), the
// nesting of its JSON, the edits one request may carry (a pasted block of every
// table), a file name in --data, the report names remembered for their locks,
// and the connections served at once (the rest wait in the kernel's queue).
constexpr size_t kRequestBytes = 2 * kFileBytes;
constexpr int kJsonDepth = 8;
constexpr size_t kEditsPerRequest = 1'000;
constexpr size_t kFileNameBytes = 200;
constexpr size_t kServeLocks = 4'096;
constexpr int kServeConnections = 128;

}  // namespace nb::limits
