// Prose against tables (R8), a small grammar over the layout's [[mentions]]: the prose
// is read clause by clause (。；！？ end one); in a clause, concept phrases (受理…公开申请,
// 予以公开及部分公开), stops (其中, 同比 …) and numerals followed by a unit (17件,
// 二十一件, 1,234件) are read left to right, the longest phrase at a position winning.
// A number belongs to the concept read last before it, unless a stop came between;
// a concept takes one number. The number must equal one of the concept's readings
// (sums of table cells); equal to none, it is a warning quoting every reading.
#include "core/numerals.hpp"
#include "check/passes.hpp"
#include "core/utf8.hpp"

namespace nb::check::detail {

namespace {

constexpr size_t kMaxGap = 10;    // characters a … of a phrase may stand for
constexpr size_t kMaxQuote = 40;  // characters of the prose a message quotes

bool clause_end(char32_t c) { return std::u32string_view(U"。；;！？!?").find(c) != std::u32string_view::npos; }

// A gap never crosses a digit or punctuation, so it stays inside one phrase.
bool gap_char(char32_t c) {
  static const std::u32string_view stops = U"，。；：、！？,.;:!?（）()“”\n";
  return !(c >= U'0' && c <= U'9') && !(c >= U'０' && c <= U'９') && stops.find(c) == std::u32string_view::npos;
}

// The end of `phrase` matched at t[i], or 0 when it does not match there.
size_t match(const layout::Phrase& phrase, size_t k, std::u32string_view t, size_t i) {
  if (k == phrase.size()) return i;
  const auto& p = phrase[k];
  if (p.kind == layout::PhrasePart::Text)
    return t.substr(i, p.text.size()) == p.text ? match(phrase, k + 1, t, i + p.text.size()) : 0;
  for (size_t g = 0; g <= kMaxGap && i + g < t.size(); ++g) {
    if (size_t e = match(phrase, k + 1, t, i + g)) return e;
    if (!gap_char(t[i + g])) break;
  }
  return 0;
}

// The longest of `phrases` at t[i]: its end, or 0.
size_t longest(const std::vector<layout::Phrase>& phrases, std::u32string_view t, size_t i) {
  size_t best = 0;
  for (const auto& p : phrases) best = std::max(best, match(p, 0, t, i));
  return best;
}

// The stated number in the unit of the cells (amounts in 1/10000); nullopt when it
// cannot be one of them (a fraction for a count, too many digits).
std::optional<int64_t> value_of(const Numeral& n, layout::FigureType type) {
  if (n.too_long || n.whole > 100'000'000'000LL) return std::nullopt;
  if (type != layout::FigureType::Amount) {
    if (n.frac_digits > 0) return std::nullopt;
    return n.whole;
  }
  if (n.frac_digits > 4) return std::nullopt;
  int64_t frac = n.frac;
  for (int k = n.frac_digits; k < 4; ++k) frac *= 10;
  return n.whole * 10000 + frac;
}

// 一·总计, 行政复议·总计, （七）总计, 行政事业性收费.
std::string cell_name(const layout::Layout& l, const layout::MentionCell& c) {
  const layout::Field& f = l.tables.at(c.table).fields[c.field];
  const std::string column = f.types.size() > 1 ? f.column_name(c.column) : "";
  const bool named = f.name.size() >= column.size() && f.name.compare(f.name.size() - column.size(), column.size(), column) == 0;
  return named ? f.name : f.name + "·" + column;
}

struct Reading {
  const layout::MentionReading* reading;
  int64_t value;
};

// The readings whose cells the report has, with their sums.
std::vector<Reading> readings_of(const Figures& f, const layout::Mention& m) {
  std::vector<Reading> out;
  for (const auto& reading : m.readings) {
    int64_t sum = 0;
    bool complete = true;
    for (const auto& cell : reading.sum) {
      int t = f.table_index(cell.table);
      const input::Figure* fig = t < 0 ? nullptr : f.at({t, cell.field, cell.column});
      if (!fig) { complete = false; break; }
      sum += fig->value;
    }
    if (complete) out.push_back({&reading, sum});
  }
  return out;
}

std::string quote(std::u32string_view t) {
  if (t.size() <= kMaxQuote) return encode_utf8(t);
  return encode_utf8(t.substr(0, kMaxQuote / 2)) + "……" + encode_utf8(t.substr(t.size() - kMaxQuote / 2));
}

std::string describe(const layout::Layout& l, const layout::Mention& m, const std::vector<Reading>& readings) {
  std::string s;
  for (size_t k = 0; k < readings.size(); ++k) {
    std::string cells;
    for (const auto& c : readings[k].reading->sum) cells += (cells.empty() ? "" : "+") + cell_name(l, c);
    const std::string& name = readings[k].reading->name.empty() ? m.name : readings[k].reading->name;
    s += (k ? "，或" : "") + name + (cells == name ? " " : "（" + cells + "）") +
         layout::format_figure(readings[k].value, m.type);
  }
  return s;
}

void check_prose(const Figures& f, const input::Prose& prose, const layout::Layout& l, bool tables_wrong,
                 Diagnostics& diags) {
  std::vector<std::vector<Reading>> readings;
  for (const auto& m : l.mentions) readings.push_back(readings_of(f, m));
  for (const auto& block : prose.blocks) {
    std::u32string text;
    std::vector<uint32_t> src;
    for (const auto& span : block.spans) {
      text += span.text;
      src.insert(src.end(), span.src.begin(), span.src.end());
    }
    int current = -1;  // the concept read last in this clause and not yet given a number
    size_t current_at = 0;
    for (size_t i = 0; i < text.size();) {
      if (clause_end(text[i])) {
        current = -1;
        ++i;
        continue;
      }
      // The longest concept phrase or stop here.
      size_t end = longest(l.mention_stops, text, i);
      int found = -1;
      for (size_t mi = 0; mi < l.mentions.size(); ++mi)
        if (size_t e = longest(l.mentions[mi].phrases, text, i); e > end) {
          end = e;
          found = static_cast<int>(mi);
        }
      if (end > i) {
        current = found;
        current_at = i;
        i = end;
        continue;
      }
      auto numeral = read_numeral(text, i);
      if (!numeral) { ++i; continue; }
      const size_t at = i;
      i = numeral->end;
      if (current < 0 || (at > 0 && text[at - 1] == U'第')) continue;  // 第三件: an ordinal
      const layout::Mention& m = l.mentions[current];
      size_t unit_at = i, unit_end = 0;
      while (unit_at < text.size() && unit_at < i + 2 && (text[unit_at] == U' ' || text[unit_at] == U'\u3000')) ++unit_at;
      for (const auto& u : m.units)
        if (std::u32string_view(text).substr(unit_at, u.size()) == u) unit_end = unit_at + u.size();
      if (!unit_end) continue;  // 2021年, 80%, 95余件: not a count of the concept
      const auto& rs = readings[current];
      current = -1;
      auto stated = value_of(*numeral, m.type);
      if (rs.empty() || !stated) continue;
      bool agrees = false;
      for (const auto& r : rs) agrees = agrees || r.value == *stated;
      if (agrees) continue;
      diags.warning(prose.origin.locate(src[at]),
                    "正文与表格不一致（" + m.id + "，" + m.name + "）：正文“" +
                        quote(std::u32string_view(text).substr(current_at, unit_end - current_at)) + "”为 " +
                        layout::format_figure(*stated, m.type) + "，表格为 " + describe(l, m, rs) +
                        (tables_wrong ? "：表格的勾稽关系尚有错误，请先改正表格，再核对此处" : "：请核对正文或表格"));
    }
  }
}

}  // namespace

void check_mentions(const Figures& f, bool tables_wrong, Diagnostics& diags) {
  const input::Report& r = f.report();
  if (r.preface) check_prose(f, *r.preface, *r.layout, tables_wrong, diags);
  for (const auto& s : r.sections)
    if (s.text) check_prose(f, *s.text, *r.layout, tables_wrong, diags);
}

}  // namespace nb::check::detail
