// An official report format, read from layouts/*.toml: page geometry, font roles,
// sections and table templates. Nothing of the format is hard-coded elsewhere.
#pragma once
#include <map>
#include <optional>
#include <string>
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
};

enum class Align { Left, Center, Right };

struct Role {
  double size = 16;
  std::vector<std::string> fonts;  // font ids, fallback order
  double indent = 0;               // first-line indent in characters
  double embolden = 0;             // stroke width in em, 0 = none
  Align align = Align::Left;
};

enum class FigureType { Count, Change, Amount };

struct Field {
  std::string key;
  std::string label;  // official row label, for messages
  std::vector<FigureType> types;
  bool optional = false;
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
  int rows = 0;
  std::vector<Cell> cells;  // row-major
  std::vector<Field> fields;
  const Field* find_field(const std::string& key) const;
};

struct Section {
  std::string key;
  std::string title;
  std::string table;  // empty: prose only
};

struct Layout {
  std::string id, name, document;
  int first_year = 0, last_year = 9999;  // report years this format applies to
  Page page{};
  Typography typography;
  std::map<std::string, FontFile> fonts;
  std::map<std::string, Role> roles;
  std::vector<Section> sections;
  std::map<std::string, Table> tables;
  std::string path;

  const Role& role(const std::string& name) const;  // throws std::out_of_range
  const Table* table_for(const Section& s) const;
};

// Reads and validates a layout file; nullopt with located errors when invalid.
std::optional<Layout> load(const std::string& path, Diagnostics& diags);

}  // namespace nb::layout
