// A checked report + its layout -> the document: a flat list of blocks (title,
// headings, paragraphs, tables), each piece of text tagged with its font role and
// its origin in the input, and the fonts the input chose. What typesets it (and
// every other output) reads this, never the report.
#pragma once
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "core/source.hpp"
#include "layout/layout.hpp"

namespace nb::check {
class CheckedReport;
}

namespace nb::compose {

struct Run {
  std::u32string text;
  layout::Role role = layout::Role::Body;
  const TextOrigin* origin = nullptr;   // null: text from the layout
  std::vector<uint32_t> src;            // per character: index into the origin's text
  bool line_break = false;              // a line break the input forces before this run (a title's lines)
  Loc locate(size_t i) const;           // input position of character i
};

// Signature: the 落款, its organ's lines then the date's (GB/T 9704 §7.3.5).
enum class Kind { Title, Subtitle, Heading1, Heading2, Heading3, Heading4, Body, Signature };

// The role whose style (size, indent, alignment) a paragraph of this kind takes.
constexpr layout::Role style_role(Kind k) {
  switch (k) {
    case Kind::Title: return layout::Role::Title;
    case Kind::Subtitle: return layout::Role::Subtitle;
    case Kind::Signature: return layout::Role::Signature;
    case Kind::Heading1: return layout::Role::Heading1;
    case Kind::Heading2: return layout::Role::Heading2;
    case Kind::Heading3: return layout::Role::Heading3;
    case Kind::Heading4: return layout::Role::Heading4;
    case Kind::Body: break;
  }
  return layout::Role::Body;
}

struct Paragraph {
  Kind kind = Kind::Body;
  std::vector<Run> runs;
  bool seal = false;  // Kind::Signature: laid out for a seal (date 右空四字, organ centred on it)
  std::u32string plain() const;  // text without styles (for bookmarks)
};

struct TableCell {
  int row = 0, col = 0, rowspan = 1, colspan = 1;
  std::vector<Run> runs;
  layout::Align align = layout::Align::Center;
  bool figure = false;  // a figure alone: never broken (a broken number reads as two)
  bool data = false;    // shows a figure, alone or in its text
  // What heads what (for tagged PDF and HTML tables): a label heads the figures of
  // its rows to its right (row_scope) or, in a row without figures, those below it.
  bool header = false;
  bool row_scope = false;
  std::vector<int> headers;  // a figure: the cells heading it, its row's labels outermost first, then its column's
  // A cell showing a figure (data): the layout's field (index into Table::layout's
  // fields) and column, the value (amounts in 1/10000), whether the input gave it
  // (else the check derived it or it is an empty 0), and the amount's unit named.
  int field = -1, column = -1;
  int64_t value = 0;
  bool given = false;
  std::string unit;
};

struct Table {
  std::string id;
  const layout::Table* layout = nullptr;
  std::string section;  // the input's key of the section holding it
  std::string caption;  // the section's heading as printed
  std::vector<double> widths;  // relative
  int rows = 0, header_rows = 0, group_header_rows = 0;  // see layout::Table
  std::vector<TableCell> cells;  // row-major
};

using Block = std::variant<Paragraph, Table>;

// A font the input chose for a role ([fonts]), tried before the layout's.
struct FontChoice {
  std::string file;  // as written
  std::string path;  // to look up: relative to the input's folder when it names a folder
  int face = 0;
  Loc loc;
};

// What the report says of itself, for the file's metadata.
struct About {
  std::string title, organ;
  int year = 0;                        // of the report
  int published[3] = {0, 0, 0};        // publication date: year, month, day
};

// The runs' origins point into the CheckedReport: a Document must not outlive it.
struct Document {
  const layout::Layout* layout = nullptr;
  About about;
  std::vector<Block> blocks;
  std::vector<std::u32string> title_keep_together;  // the layout's phrases, {organ} and {year} filled in
  std::map<layout::Role, FontChoice> fonts;
  std::string source_path;  // the input file, named by messages without a position in it
};

Document compose(const check::CheckedReport& report);

// Figure as printed: 12, -3, 4068.208.
using layout::format_figure;

}  // namespace nb::compose
