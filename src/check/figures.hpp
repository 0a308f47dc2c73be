// The figures of a report addressed as (table, field, column): those the input
// gives, copied, and once derived those computed by the layout's rules, with the
// cells each was computed from. The input's Report is never changed.
#pragma once
#include <compare>
#include <map>
#include <string>
#include <vector>

#include "input/report.hpp"

namespace nb::check {

struct CellId {
  int table = 0, field = 0, column = 0;  // table: index into Figures::tables()
  auto operator<=>(const CellId&) const = default;
};

class Figures {
 public:
  struct Entry {
    const layout::Table* table;
    const layout::Section* section;
    std::map<std::string, input::FieldValue> values;  // by field key; a row left out is absent
  };

  explicit Figures(const input::Report& report);

  const input::Report& report() const { return *report_; }
  const std::vector<Entry>& tables() const { return tables_; }
  int table_index(const std::string& id) const;  // -1 when none
  const layout::Field& field(CellId c) const { return tables_[c.table].table->fields[c.field]; }
  // Null when absent (an optional row left out, or no such table or field).
  const input::FieldValue* value(int table, int field) const;
  const input::FieldValue* value(const std::string& table_id, const std::string& field_key) const;
  const input::Figure* at(CellId c) const;  // null when absent
  // A figure by field key and column: by name when `column` is not empty (a column
  // of that name must exist: the same position may mean something else in another
  // format, as in last year's report), else by index. Null when there is none.
  const input::Figure* find(const std::string& table_id, const std::string& field_key, const std::string& column,
                            int index) const;
  input::Figure* at(CellId c);
  bool known(CellId c) const;  // given, or derived already

  // Derived cell -> the cells it was computed from.
  std::map<CellId, std::vector<CellId>> sources;
  // The given cells behind a cell: itself when given, else those behind its sources.
  void given_behind(CellId c, std::vector<CellId>& out) const;

 private:
  const input::Report* report_;
  std::vector<Entry> tables_;
};

}  // namespace nb::check
