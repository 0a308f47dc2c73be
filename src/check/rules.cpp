// Table rules (勾稽关系), within the year and across years: every violation is reported,
// located at the given cell a clerk most likely mistyped.
#include <algorithm>
#include <optional>

#include "check/passes.hpp"

namespace nb::check::detail {

namespace {

struct TermValue {
  std::string name;
  int64_t value = 0;
  int sign = 1;
  bool derived = false;
  std::optional<CellId> cell;  // this year's cell; none for last year's
};

struct Violation {
  const layout::Rule* rule = nullptr;
  int table = 0;
  std::string scope;   // 自然人列, or the row's label
  std::string column;  // Axis::Column: the column's name (自然人)
  layout::FigureType type = layout::FigureType::Count;
  std::vector<TermValue> left, right;
  std::vector<CellId> suspects;  // given cells behind the terms, in order of preference
  Loc fallback;                  // where to point when no cell was given
};

// One side of the equation: 一(5) + 二(1) = 6. A side of more than six terms (R2) shows
// only its non-zero terms.
std::string side(const std::vector<TermValue>& terms, layout::FigureType type) {
  const bool terse = terms.size() > 6;
  std::string s;
  int64_t sum = 0;
  int shown = 0;
  bool dropped = false;
  for (const auto& t : terms) {
    sum += t.sign * t.value;
    if (terse && t.value == 0) { dropped = true; continue; }
    if (shown++) s += t.sign < 0 ? " − " : " + ";
    else if (t.sign < 0) s += "−";
    s += t.name + "(" + layout::format_figure(t.value, type) + (t.derived ? "，推算" : "") + ")";
  }
  if (!shown) return "各项均为0";
  if (terms.size() > 1) s += " = " + layout::format_figure(sum, type);
  if (dropped) s += "（其余各项为0）";
  return s;
}

int64_t total(const std::vector<TermValue>& terms) {
  int64_t s = 0;
  for (const auto& t : terms) s += t.sign * t.value;
  return s;
}

int64_t difference(const Violation& v) { return total(v.left) - total(v.right); }

// A column rule broken in a total column (总计) only because it is broken in the
// columns the total sums (by a row rule of the table: 总计 = 自然人 + …) is one
// mistake, reported in those columns: one wrong 上年结转 figure is one error.
bool explained(const Violation& v, const std::vector<Violation>& found, const layout::Table& t) {
  if (v.rule->axis != layout::Axis::Column) return false;
  for (const auto& sum : t.rules) {
    if (sum.axis != layout::Axis::Row || sum.right.size() != 1 || sum.right[0].key != v.column) continue;
    int64_t parts = 0;
    bool any = false;
    for (const auto& other : found)
      if (other.rule == v.rule && other.table == v.table && &other != &v)
        for (const auto& term : sum.left)
          if (term.key == other.column) parts += term.sign * difference(other), any = true;
    if (any && parts * sum.right[0].sign == difference(v)) return true;
  }
  return false;
}

class Evaluator {
 public:
  Evaluator(const Figures& f, const Figures* previous) : f_(f), previous_(previous) {}

  // The rule applied to one row or column; nullopt when it holds or cannot be
  // evaluated (an absent optional row, a term last year's report does not have).
  std::optional<Violation> apply(int table, const layout::Rule& rule, int scope) {
    Violation v;
    v.rule = &rule;
    v.table = table;
    for (const auto& [terms, out] : {std::pair{&rule.left, &v.left}, std::pair{&rule.right, &v.right}})
      for (const auto& term : *terms) {
        auto tv = value(table, rule, term, scope);
        if (!tv) return std::nullopt;
        out->push_back(*tv);
      }
    if (total(v.left) == total(v.right)) return std::nullopt;
    const layout::Table& t = *f_.tables()[table].table;
    if (rule.axis == layout::Axis::Row) {
      v.scope = t.fields[scope].label;
    } else {
      const layout::Field& first = t.fields[t.field_index(rule.right[0].key)];
      v.column = first.column_name(scope);
      v.scope = v.column + (first.columns.empty() ? "" : "列");
    }
    const CellId anchor = term_cell(f_, table, rule, rule.right[0], scope);
    v.type = f_.field(anchor).types[anchor.column];
    for (const auto* terms : {&v.right, &v.left})
      for (auto it = terms->rbegin(); it != terms->rend(); ++it)
        if (it->cell) f_.given_behind(*it->cell, v.suspects);
    if (const input::FieldValue* fv = f_.value(anchor.table, anchor.field)) v.fallback = fv->loc;
    return v;
  }

 private:
  std::optional<TermValue> value(int table, const layout::Rule& rule, const layout::Term& term, int scope) {
    const layout::Table& t = *f_.tables()[table].table;
    TermValue tv;
    tv.sign = term.sign;
    CellId c = term_cell(f_, table, rule, term, scope);
    const layout::Field& field = f_.field(c);
    tv.name = rule.axis == layout::Axis::Row ? term.key : field.name;
    if (term.previous) {
      tv.name = "上年" + tv.name;
      const std::string& key = rule.axis == layout::Axis::Row ? t.fields[scope].key : term.key;
      const std::string column = field.columns.empty() ? "" : field.columns[c.column];
      const input::Figure* p = previous_->find(t.id, key, column, c.column);
      if (!p) return std::nullopt;
      tv.value = p->value;
      tv.derived = !p->given;
      return tv;
    }
    const input::Figure* fig = f_.at(c);
    if (!fig) return std::nullopt;
    tv.value = fig->value;
    tv.derived = !fig->given;
    tv.cell = c;
    return tv;
  }

  const Figures& f_;
  const Figures* previous_;
};

}  // namespace

void check_rules(const Figures& f, const Figures* previous, Diagnostics& diags) {
  Evaluator eval(f, previous);
  std::vector<Violation> found;
  for (size_t t = 0; t < f.tables().size(); ++t)
    for (const auto& rule : f.tables()[t].table->rules) {
      if (rule.cross_year() && !previous) continue;
      for (int scope : rule.scope)
        if (auto v = eval.apply(static_cast<int>(t), rule, scope)) found.push_back(std::move(*v));
    }

  // The cell a clerk most likely mistyped. A wrong cell breaks every rule it takes part
  // in, so the given cell behind the most violations is the likeliest (a derived cell
  // stands for the given cells it was computed from). Among equals, the right side goes
  // before the left and its last term first: the total, a sum worked out by hand and the
  // commonest error in published reports (总计 0 beside non-zero parts), or in R1 四、结转
  // 下年度继续办理, the residue of the balance. Last year's cells are never blamed: that
  // report is published already.
  std::map<CellId, int> count;
  for (const auto& v : found)
    for (CellId c : v.suspects) ++count[c];
  for (const auto& v : found) {
    if (explained(v, found, *f.tables()[v.table].table)) continue;
    Loc at = v.fallback;
    int best = 0;
    for (CellId c : v.suspects)
      if (count[c] > best) {
        best = count[c];
        at = f.at(c)->loc;
      }
    std::string msg = std::string(v.rule->cross_year() ? "跨年度勾稽关系不成立" : "勾稽关系不成立") + "（" +
                      v.rule->id + "，" + v.scope + "）：" + side(v.left, v.type) + "，" + side(v.right, v.type);
    if (!v.rule->note.empty()) msg += "：" + v.rule->note;
    std::vector<Loc> cells;
    for (CellId c : v.suspects) cells.push_back(f.at(c)->loc);
    diags.add({v.rule->severity, at, msg, {}, std::move(cells)});
  }
}

}  // namespace nb::check::detail
