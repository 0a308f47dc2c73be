// Report + Layout -> a flat list of blocks (title, headings, paragraphs, tables),
// each piece of text tagged with its font role and its origin in the input.
#pragma once
#include <string>
#include <variant>
#include <vector>

#include "input/report.hpp"
#include "layout/layout.hpp"

namespace nb::compose {

struct Run {
  std::u32string text;
  std::string role;                     // layout font role
  const TextOrigin* origin = nullptr;   // null: text from the layout
  std::vector<uint32_t> src;            // per character: index into the origin's text
  Loc locate(size_t i) const;           // input position of character i
};

enum class Kind { Title, Heading1, Heading2, Heading3, Heading4, Body };

struct Paragraph {
  Kind kind = Kind::Body;
  std::vector<Run> runs;
  std::u32string plain() const;  // text without styles (for bookmarks)
};

struct TableCell {
  int row = 0, col = 0, rowspan = 1, colspan = 1;
  std::vector<Run> runs;
  layout::Align align = layout::Align::Center;
  bool figure = false;  // a figure alone: never broken (a broken number reads as two)
};

struct Table {
  std::string id;
  std::vector<double> widths;  // relative
  int rows = 0, header_rows = 0;
  std::vector<TableCell> cells;  // row-major
};

using Block = std::variant<Paragraph, Table>;

struct Document {
  const layout::Layout* layout = nullptr;
  const input::Report* report = nullptr;
  std::vector<Block> blocks;
  std::vector<std::u32string> title_keep_together;  // the layout's phrases, {organ} and {year} filled in
};

// `report` has passed check::run, which filled the cells its input left out.
Document compose(const input::Report& report);

// Figure as printed: 12, -3, 4068.208.
using layout::format_figure;

}  // namespace nb::compose
