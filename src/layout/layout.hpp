// An official report format, read from layouts/*.toml: page geometry, font roles,
// sections and table templates. Nothing of the format is hard-coded elsewhere.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/source.hpp"

namespace nb::layout {

constexpr double kPtPerMm = 72.0 / 25.4;

struct Page {  // all lengths in points
  double width, height, top, left, body_width, body_height, page_number_gap;
  int chars_per_line, lines_per_page;
};

struct Typography {
  double cjk_latin_space = 0.25;             // em, between Han and Latin letters or digits
  std::vector<std::string> title_keep_together;  // phrases a title line never breaks inside
};

struct FontFile {
  std::string file;
  int face = 0;
  Loc loc;  // of the file name, in the layout file
};

enum class Align { Left, Center, Right };

// What a piece of text is set as. Every format defines a style for each role;
// an input may choose the font of any ([fonts]).
enum class Role { Title, Body, Emphasis, Heading1, Heading2, Heading3, Heading4, Table, PageNumber, Subtitle, Signature };
inline constexpr Role kRoles[] = {Role::Title,      Role::Body,     Role::Emphasis, Role::Heading1,
                                  Role::Heading2,   Role::Heading3, Role::Heading4, Role::Table,
                                  Role::PageNumber, Role::Subtitle, Role::Signature};

// The name layouts and inputs write for a role: "body", "page_number", …
std::string role_name(Role r);
std::optional<Role> parse_role(std::string_view name);

struct RoleStyle {
  std::string label;               // what users call it (正文, 二级标题), for messages
  double size = 16;
  std::vector<std::string> fonts;  // font ids, fallback order
  double indent = 0;               // first-line indent in characters
  double embolden = 0;             // stroke width in em, 0 = none
  Align align = Align::Left;
};

// "body（正文）": the key users write in [fonts], and what it is.
std::string role_named(Role r, const RoleStyle& style);

enum class FigureType { Count, Change, Amount };

struct Field {
  std::string key;
  std::string label;                 // official row label, for messages
  std::string name;                  // short name in formulas of messages (一, （七）总计); default label
  std::vector<FigureType> types;     // one per column
  std::vector<std::string> columns;  // column names (自然人 …), empty when unnamed
  std::vector<bool> derivable;       // per column: may be omitted, computed by a rule
  bool optional = false;
  std::vector<std::string> units;    // units the input may name for it (元, 万元), printed after the figure
  std::string units_text() const;    // as messages and templates list them: "元"、"万元"

  // Columns a clerk writes: all but the trailing ones a rule computes.
  size_t written_columns() const;
  // Every column computed (a 总计 row): the row may be left out.
  bool computed() const;
  int column(const std::string& name) const;  // index by name, -1 when none
  std::string column_name(int i) const;       // name, or 第N列
};

// A consistency rule (勾稽关系): the sum of the left terms equals the sum of the right
// terms. Axis::Row checks each listed field (row) and its terms are column names;
// Axis::Column checks each listed column and its terms are field keys.
enum class Axis { Row, Column };

struct Term {
  std::string key;        // field key (Axis::Column) or column name (Axis::Row)
  int sign = 1;           // -1: subtracted
  bool previous = false;  // the value in last year's report
  Loc loc;                // in the layout file
};

struct Rule {
  std::string id;  // named in messages: R1 …
  Axis axis = Axis::Column;
  std::vector<Term> left, right;
  std::vector<int> scope;  // Axis::Row: field indices; Axis::Column: column indices
  bool derive = false;     // the single right term may be omitted in the input and is computed
  Severity severity = Severity::Error;
  std::string note;  // appended to the message
  Loc loc;

  bool cross_year() const;
};

struct Cell {
  int row = 0, col = 0, rowspan = 1, colspan = 1;
  std::string text;  // label, or template with {year} and {value}
  int field = -1;    // index into Table::fields
  int column = 0;    // column of the field's array
  Align align = Align::Center;
};

struct Table {
  std::string id;
  std::vector<double> widths;  // relative
  int header_rows = 0;
  // A row of one label across the table (no figure) starts a group: it and the
  // next group_header_rows rows are repeated above a group's rows continued on a
  // new page (table 二: 第二十条第（五）项 and its 信息内容… row).
  int group_header_rows = 0;
  int rows = 0;
  std::vector<Cell> cells;  // row-major
  std::vector<Field> fields;
  std::vector<Rule> rules;
  const Field* find_field(const std::string& key) const;
  int field_index(const std::string& key) const;  // -1 when none
};

// A concept the prose may state a figure of (R8): phrases like 受理…公开申请, the units
// a stated number takes (件), and its readings: each a sum of table cells the number
// may equal (本年新收, or 本年新收加上年结转).
struct MentionCell {
  std::string table;
  int field = -1, column = 0;
};

struct PhrasePart {
  enum Kind { Text, Gap } kind = Text;
  std::u32string text;  // Kind::Text
};
using Phrase = std::vector<PhrasePart>;

struct MentionReading {
  std::string name;  // may be empty
  std::vector<MentionCell> sum;
};

struct Mention {
  std::string id;    // R8
  std::string name;  // the concept, named in messages
  std::vector<Phrase> phrases;
  std::vector<std::u32string> units;
  std::vector<MentionReading> readings;
  FigureType type = FigureType::Count;
  Loc loc;
};

// The keys of an input file outside its sections: no section may take one.
inline constexpr const char* kReportKeys[] = {"format", "year",    "organ",     "title", "subtitle", "date",
                                              "consolidated", "preface", "signature", "fonts"};

struct Section {
  std::string key;
  std::string title;
  std::string table;  // empty: prose only
  std::string hint;   // what the section must contain (for nianbao init)
  std::vector<std::string> variants;  // other wordings of the title a report may print (its number kept)
  bool may_be_none = true;            // "无。" is an answer when there is nothing to report
};

// The 落款 (GB/T 9704 §7.3.5), distances in characters of the body grid.
struct SignatureStyle {
  bool by_default = false;     // printed unless the input says print = false
  int gap_lines = 1;           // blank lines between the text and the organ
  double organ_right = 2;      // without a seal: the organ 右空二字
  double date_shift = 2;       // and the date's first character two right of the organ's;
  double date_right = 2;       // a date longer than that: 右空二字, the organ moved left with it
  double seal_date_right = 4;  // with a seal: the date 右空四字, the organ centred on it
};

struct Layout {
  std::string id, name, document;
  int first_year = 0, last_year = 9999;  // report years this format applies to
  Page page{};
  Typography typography;
  std::map<std::string, FontFile> fonts;
  std::map<Role, RoleStyle> roles;  // every role
  std::vector<Section> sections;
  SignatureStyle signature;
  std::map<std::string, Table> tables;
  std::vector<Mention> mentions;
  // R9 (with --previous): the share of a section's prose also in last year's at
  // which it is reported as copied (内容雷同); 0: not checked.
  double copied_prose = 0;
  std::vector<Phrase> mention_stops;  // end the scope of a concept: 其中, 同比 …
  std::string path;

  const Table* table_for(const Section& s) const;
  // Replaced for reports of `year` by `current` (the format whose years cover it,
  // or null): last year's template must not be reused.
  bool superseded(int year, const Layout* current) const { return current && current != this && year > last_year; }
};

// Figure as printed and in messages: 12, -3, 4068.208 (amounts are stored in 1/10000).
std::string format_figure(int64_t value, FigureType type);

// Reads and validates a layout file; nullopt with located errors when invalid.
std::optional<Layout> load(const std::string& path, Diagnostics& diags);

}  // namespace nb::layout
