// The Report model: what the clerk wrote, checked for syntax and types, each value
// with its place in the input file.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/limits.hpp"
#include "core/source.hpp"
#include "layout/layout.hpp"

namespace nb::input {

// A run of prose in one style; src[i] is the index of text[i] in the decoded TOML
// string (for locating a character in the input file).
struct Span {
  std::u32string text;
  std::vector<uint32_t> src;
  bool bold = false;
};

// level 0: paragraph; 2–4: sub-heading written as "## …", "### …", "#### …".
struct Block {
  int level = 0;
  std::vector<Span> spans;
};

struct Prose {
  TextOrigin origin;
  std::vector<Block> blocks;
  bool truncated = false;  // blocks beyond the limit were left out (and reported)
};

struct Figure {
  int64_t value = 0;  // amounts in 1/10000
  Loc loc;
  bool given = false;
};

struct Date {
  int year = 0, month = 0, day = 0;
};

struct FieldValue {
  std::vector<Figure> cells;
  Loc loc;           // the key
  std::string unit;  // one of the field's units (元, 万元), when the input names it
};

// A line of text the report prints as written (a title's line, a heading).
struct Line {
  std::string text;
  TextOrigin origin;  // its string, for locating its characters
};

struct SectionInput {
  std::string key;
  Loc loc;
  std::optional<Line> heading;  // the wording the report prints, one of the layout's variants
  std::optional<Prose> text;
  std::map<std::string, FieldValue> figures;  // by layout field key
};

// The 落款 (GB/T 9704 §7.3.5): organ and date at the end of the report.
struct Signature {
  Line organ;  // [signature] organ, else the report's organ
  Date date;   // [signature] date, else the report's date
  bool seal = false;
};

struct FontChoice {
  std::string file;
  int face = 0;
  Loc loc;
};

struct Report {
  SourceRef source;
  const layout::Layout* layout = nullptr;
  int year = 0;
  Loc year_loc;
  std::string organ, title;  // the title's lines joined
  Loc organ_loc, title_loc;
  std::vector<Line> title_lines;     // one, or the lines the input breaks it into
  std::vector<Line> subtitle_lines;  // none, one, or the lines the input breaks it into
  Date date;
  Loc date_loc;
  bool consolidated = false;  // a government's own report (本级政府), due 31 March, not 31 January
  std::optional<Prose> preface;
  std::optional<Signature> signature;  // printed at the end: the layout's default or [signature]
  std::vector<SectionInput> sections;       // in the layout's order
  std::map<layout::Role, FontChoice> fonts;

  const SectionInput* section(const std::string& key) const;
};

// Finds the layout for a format id (empty: the one whose years cover `year`).
using LayoutFinder = std::function<const layout::Layout*(const std::string& format, int year)>;

// Parses the TOML text of a report. Returns nullopt when there were errors
// (all of them reported, not only the first).
std::optional<Report> read(const SourceRef& src, const LayoutFinder& find_layout, Diagnostics& diags);

// Splits marked-up prose into paragraphs and headings (blank line, **bold**, ## heading).
// Characters a report may not contain (see unusable()) are reported, each code point
// once with its first place and count; so are paragraphs over limits::kParagraphChars
// and blocks beyond `max_blocks`.
Prose parse_markup(const std::string& text, const TextOrigin& origin, Diagnostics& diags,
                   size_t max_blocks = limits::kBlocks);

// A character a report's text may not contain (control, private-use, non- and
// invisible format characters): what it is ("控制字符 U+0007"), where such
// characters come from, and what to do.
struct Unusable {
  std::string what, note, fix;
};
std::optional<Unusable> unusable(char32_t c);

}  // namespace nb::input
