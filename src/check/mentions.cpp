// Prose against tables (R8): a number the prose states next to a concept of the layout's
// [[mentions]] ("收到政府信息公开申请21件") must equal the table; a difference is a warning.
#include <set>

#include "check/passes.hpp"
#include "core/utf8.hpp"

namespace nb::check::detail {

namespace {

constexpr size_t kMaxGap = 10;  // characters a … of a phrase may stand for

int digit(char32_t c) {
  if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
  if (c >= U'０' && c <= U'９') return static_cast<int>(c - U'０');
  return -1;
}

// A gap never crosses a digit or punctuation, so it stays inside one clause.
bool gap_char(char32_t c) {
  static const std::u32string stops = U"，。；：、！？,.;:!?\n";
  return digit(c) < 0 && stops.find(c) == std::u32string::npos;
}

struct Match {
  size_t end = 0, number = 0, number_end = 0;
};

bool match(const std::vector<layout::PhrasePart>& parts, size_t k, const std::u32string& t, size_t i, Match& m) {
  if (k == parts.size()) { m.end = i; return true; }
  const auto& p = parts[k];
  switch (p.kind) {
    case layout::PhrasePart::Text:
      return t.compare(i, p.text.size(), p.text) == 0 && match(parts, k + 1, t, i + p.text.size(), m);
    case layout::PhrasePart::Gap:
      for (size_t g = 0; g <= kMaxGap && i + g <= t.size(); ++g) {
        if (match(parts, k + 1, t, i + g, m)) return true;
        if (i + g == t.size() || !gap_char(t[i + g])) break;
      }
      return false;
    case layout::PhrasePart::Number: {
      size_t j = i;
      while (j < t.size() && digit(t[j]) >= 0) ++j;
      if (j == i) return false;
      if (j + 1 < t.size() && (t[j] == U'.' || t[j] == U'．') && digit(t[j + 1]) >= 0)
        for (++j; j < t.size() && digit(t[j]) >= 0;) ++j;
      m.number = i;
      m.number_end = j;
      return match(parts, k + 1, t, j, m);
    }
  }
  return false;
}

// The stated number in the unit of the cells (amounts in 1/10000); nullopt when it
// cannot be one of them (a fraction for a count, too many digits).
std::optional<int64_t> parse(const std::u32string& s, layout::FigureType type) {
  int64_t whole = 0, frac = 0;
  int frac_digits = -1;
  for (char32_t c : s) {
    if (digit(c) < 0) { frac_digits = 0; continue; }
    if (frac_digits >= 0) {
      if (++frac_digits > 4) return std::nullopt;
      frac = frac * 10 + digit(c);
    } else {
      if (whole > 100'000'000'000LL) return std::nullopt;
      whole = whole * 10 + digit(c);
    }
  }
  if (type != layout::FigureType::Amount) {
    if (frac_digits >= 0) return std::nullopt;
    return whole;
  }
  for (int k = std::max(frac_digits, 0); k < 4; ++k) frac *= 10;
  return whole * 10000 + frac;
}

void check_prose(const Figures& f, const input::Prose& prose, const layout::Layout& l, bool tables_wrong,
                 Diagnostics& diags) {
  for (const auto& block : prose.blocks) {
    std::u32string text;
    std::vector<uint32_t> src;
    for (const auto& span : block.spans) {
      text += span.text;
      src.insert(src.end(), span.src.begin(), span.src.end());
    }
    std::set<std::pair<size_t, size_t>> seen;  // (mention, number position)
    for (size_t mi = 0; mi < l.mentions.size(); ++mi) {
      const layout::Mention& mention = l.mentions[mi];
      int64_t expected = 0;
      bool complete = true;
      for (const auto& cell : mention.sum) {
        int t = f.table_index(cell.table);
        const input::Figure* fig = t < 0 ? nullptr : f.at({t, cell.field, cell.column});
        if (!fig) { complete = false; break; }
        expected += fig->value;
      }
      if (!complete) continue;
      for (size_t i = 0; i < text.size(); ++i)
        for (const auto& phrase : mention.phrases) {
          Match m;
          if (!match(phrase, 0, text, i, m) || !seen.insert({mi, m.number}).second) continue;
          auto stated = parse(text.substr(m.number, m.number_end - m.number), mention.type);
          if (!stated || *stated == expected) continue;
          diags.warning(prose.origin.locate(src[m.number]),
                        "正文与表格不一致（" + mention.id + "，" + mention.name + "）：正文“" +
                            encode_utf8(text.substr(i, m.end - i)) + "”，表格为 " +
                            layout::format_figure(expected, mention.type) +
                            (tables_wrong ? "：表格的勾稽关系尚有错误，请先改正表格，再核对此处" : "：请核对正文或表格"));
        }
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
