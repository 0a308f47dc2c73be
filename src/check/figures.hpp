// The figures of a report addressed as (table, field, column), and where each derived
// cell came from. Private to nb_check.
#pragma once
#include <compare>
#include <map>
#include <string>
#include <vector>

#include "input/report.hpp"

namespace nb::check::detail {

struct CellId {
  int table = 0, field = 0, column = 0;  // table: index into Figures::tables()
  auto operator<=>(const CellId&) const = default;
};

class Figures {
 public:
  struct Entry {
    const layout::Table* table;
    input::SectionInput* section;
  };

  explicit Figures(input::Report& report);

  const std::vector<Entry>& tables() const { return tables_; }
  int table_index(const std::string& id) const;  // -1 when none
  const layout::Field& field(CellId c) const { return tables_[c.table].table->fields[c.field]; }
  input::FieldValue* value(int table, int field) const;  // null when absent (an optional row)
  input::Figure* at(CellId c) const;                      // null when absent
  bool known(CellId c) const;                             // given, or derived already

  // Derived cell -> the cells it was computed from.
  std::map<CellId, std::vector<CellId>> sources;
  // The given cells behind a cell: itself when given, else those behind its sources.
  void given_behind(CellId c, std::vector<CellId>& out) const;

 private:
  std::vector<Entry> tables_;
};

// The cell of this year's `term` when `rule` is applied to `scope` (a field index for
// Axis::Row, a column index for Axis::Column) in table `table`.
CellId term_cell(const Figures& f, int table, const layout::Rule& rule, const layout::Term& term, int scope);

// A figure of another report (last year's) by table id, field key and column: by name
// when `column` is not empty (a column of that name must exist: the same position may
// mean something else in another format), else by index. Null when there is none.
const input::Figure* find_figure(const input::Report& r, const std::string& table, const std::string& field,
                                 const std::string& column, int column_index);

}  // namespace nb::check::detail
