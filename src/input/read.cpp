// TOML text -> Report, with located errors for syntax, types and unknown keys.
#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "core/limits.hpp"
#include "core/numerals.hpp"
#include "core/toml_util.hpp"
#include "core/utf8.hpp"
#include "input/report.hpp"

namespace nb::input {

const SectionInput* Report::section(const std::string& key) const {
  for (const auto& s : sections)
    if (s.key == key) return &s;
  return nullptr;
}

namespace {

// A date as messages write it: 2021-01-31.
std::string date_text(const Date& d) {
  char b[40];
  std::snprintf(b, sizeof b, "%04d-%02d-%02d", d.year, d.month, d.day);
  return b;
}

// Edit distance for "did you mean" suggestions.
size_t distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// A key as echoed in a message: at most 40 characters.
std::string shorten(const std::string& key) {
  auto text = decode_utf8(key);
  if (!text) return "(?)";
  if (text->size() <= 40) return key;
  return encode_utf8(text->substr(0, 40)) + "…";
}

// The known key closest to `key`, or "" when none is close.
std::string closest(const std::string& key, const std::vector<std::string>& known) {
  std::string best;
  size_t best_d = std::max<size_t>(2, key.size() / 3) + 1;
  for (const auto& k : known) {
    if (key.size() > k.size() + best_d) continue;  // too far apart (and a long key costs nothing)
    size_t d = distance(key, k);
    if (d < best_d) { best_d = d; best = k; }
  }
  return best;
}

std::string suggest(const std::string& key, const std::vector<std::string>& known) {
  std::string best = closest(key, known);
  std::string out;
  if (!best.empty()) out = "；是否想写 " + best + "？";
  else {
    out = "；这里可用的键：";
    for (size_t i = 0; i < known.size(); ++i) out += (i ? "、" : "") + known[i];
  }
  return out;
}

// The entries of a table in the order they are written (toml++ sorts them by key).
std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& t) {
  std::vector<std::pair<const toml::key*, const toml::node*>> out;
  for (const auto& [k, v] : t) out.emplace_back(&k, &v);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    const auto &x = a.first->source().begin, &y = b.first->source().begin;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  return out;
}

// Where a key missing from the top of the file belongs: a value before the first
// table header (after it, it would belong to that table), a table at the end.
struct Places {
  Loc first_table;          // the first [table] header, or none
  std::string first_name;   // its key
  Loc end;                  // just after the file's last character that is not a space
};

Places places(const SourceRef& src, const toml::table& doc) {
  Places p;
  for (const auto& [k, v] : doc) {
    const toml::table* t = v.as_table();
    if (!t || t->is_inline()) continue;
    Loc at = loc_of(src, k.source());
    if (at.line && (!p.first_table.line || at.line < p.first_table.line)) {
      p.first_table = Loc{src, at.line, 1};
      p.first_name = std::string(k.str());
    }
  }
  const std::string& text = src->text;
  size_t last = text.find_last_not_of(" \t\r\n");
  uint32_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; last != std::string::npos && i < last; ++i)
    if (text[i] == '\n') { ++line; line_start = i + 1; }
  auto head = decode_utf8(std::string_view(text).substr(line_start, last == std::string::npos ? 0 : last + 1 - line_start));
  p.end = Loc{src, line, static_cast<uint32_t>((head ? head->size() : 0) + 1)};
  return p;
}

class ReportReader {
 public:
  ReportReader(const SourceRef& src, const toml::table& doc, Diagnostics& d)
      : src_(src), d_(d), places_(places(src, doc)) {}

  Loc loc(const toml::node& n) const { return loc_of(src_, n); }
  Loc loc(const toml::key& k) const { return loc_of(src_, k.source()); }

  void type_error(const toml::node& n, const std::string& key, const std::string& expected) {
    d_.error(loc(n), "键 " + key + " 应为" + expected + "，实际为" + type_name(n));
  }

  // A top-level string; `example` is the line to add when it is missing.
  std::optional<std::string> string(const toml::table& doc, const char* key, const char* what, Loc* where,
                                    const std::string& example) {
    const toml::node* n = doc.get(key);
    if (!n) { missing_top(key, what, example); return std::nullopt; }
    if (where) *where = loc(*n);
    if (auto v = n->value<std::string>()) {
      if (v->empty()) d_.error(loc(*n), std::string("键 ") + key + "（" + what + "）不能为空");
      line_text(*v, loc(*n), key, what);
      return *v;
    }
    type_error(*n, key, std::string("字符串（") + what + (key == std::string("title") || key == std::string("subtitle") ? "；要分行时写成 [\"第一行\", \"第二行\"]" : "") + "）");
    return std::nullopt;
  }

  // A text printed in lines (title, subtitle): a string, or an array of strings,
  // one a line (a break the clerk wants: ["洪泽区人民政府", "2023年政府信息公开工作年度报告"]).
  // Absent: no lines, reported as missing when there is an `example` to add.
  std::vector<Line> lines(const toml::table& doc, const char* key, const std::string& what, const std::string& example,
                          Loc& where) {
    std::vector<Line> out;
    const toml::node* n = doc.get(key);
    if (!n && example.empty()) return out;
    if (!n || !n->is_array()) {
      if (auto s = string(doc, key, what.c_str(), &where, example)) out.push_back({*s, TextOrigin{where}});
      return out;
    }
    where = loc(*n);
    const toml::array& a = *n->as_array();
    if (a.empty()) d_.error(where, std::string("键 ") + key + "（" + what + "）不能为空");
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string k = std::string(key) + "[" + std::to_string(i + 1) + "]";
      auto v = a[i].value<std::string>();
      if (!v) { type_error(a[i], k, "字符串（" + what + "的一行）"); continue; }
      if (v->empty()) d_.error(loc(a[i]), "键 " + k + "（" + what + "的一行）不能为空：请删去这一行");
      line_text(*v, loc(a[i]), k, what + "的一行");
      out.push_back({*v, TextOrigin{loc(a[i])}});
    }
    if (out.size() > 8) d_.error(where, what + "不能超过 8 行：请分成较少的几行");
    return out;
  }

  std::optional<Date> date(const toml::node& n, const std::string& key, const std::string& what) {
    auto v = n.value<toml::date>();
    if (!v) {
      type_error(n, key, "日期（" + what + "，如 2021-01-31，不加引号）");
      return std::nullopt;
    }
    if (v->year < 1990 || v->year > 2999) d_.error(loc(n), key + "（" + what + "）的年份应在 1990–2999 之间");
    return Date{v->year, v->month, v->day};
  }

  std::optional<bool> boolean(const toml::node& n, const std::string& key, const std::string& what) {
    if (auto v = n.value_exact<bool>()) return *v;
    type_error(n, key, "布尔值 true 或 false（" + what + "）");
    return std::nullopt;
  }

  // The 落款: printed when the layout's style asks for it or the input has
  // [signature], unless it says print = false; organ and date default to the report's.
  void signature(const toml::node* n, const layout::Layout& l, Report& r) {
    bool print = l.signature.by_default;
    Signature sg{{r.organ, TextOrigin{r.organ_loc}}, r.date, false};
    if (n) {
      const toml::table* t = n->as_table();
      if (!t) { type_error(*n, "signature", "表（落款：organ、date、seal、print）"); return; }
      print = true;
      const std::vector<std::string> known{"organ", "date", "seal", "print"};
      for (const auto& [k, v] : in_file_order(*t)) {
        const std::string key(k->str()), name = "signature." + key;
        if (key == "organ") {
          auto text = v->value<std::string>();
          if (!text) { type_error(*v, name, "字符串（落款的发文机关署名）"); continue; }
          if (text->empty()) d_.error(loc(*v), "键 " + name + "（落款的署名）不能为空：不要落款时写 print = false");
          line_text(*text, loc(*v), name, "落款的署名");
          sg.organ = {*text, TextOrigin{loc(*v)}};
        } else if (key == "date") {
          if (auto d = date(*v, name, "落款的成文日期")) sg.date = *d;
        } else if (key == "seal") {
          sg.seal = boolean(*v, name, "是否加盖印章：true 时成文日期右空四字，署名居中于其上").value_or(false);
        } else if (key == "print") {
          print = boolean(*v, name, "是否排落款").value_or(true);
        } else {
          const std::string elsewhere = belongs(key, "signature");
          d_.error(loc(*k), "未知的键 " + shorten(name) + "（落款）" + (elsewhere.empty() ? suggest(key, known) : elsewhere));
        }
      }
      const toml::node* date = t->get("date");
      if (!print && t->size() > 1)
        d_.warning(loc(*n), "落款写了 print = false（不排落款），其余各项不起作用：要排落款时删去 print = false");
      else if (date && sg.date.year && r.year && sg.date.year <= r.year)
        d_.warning(loc(*date), "落款的成文日期 " + date_text(sg.date) + " 不晚于报告年度 " + std::to_string(r.year) +
                                   " 年末：年度报告在次年成文发布，请核对 signature.date");
      else if (date && sg.date.year && r.date.year &&
               std::tie(sg.date.year, sg.date.month, sg.date.day) > std::tie(r.date.year, r.date.month, r.date.day))
        d_.warning(loc(*date), "落款的成文日期 " + date_text(sg.date) + " 晚于发布日期 " + date_text(r.date) +
                                   "：请核对 signature.date 和 date");
    }
    if (print) r.signature = std::move(sg);
  }

  // A section's heading as the report prints it: the layout's title or one of its variants.
  std::optional<Line> heading(const toml::node& n, const layout::Layout& l, const layout::Section& ls) {
    const std::string key = ls.key + ".heading";
    auto text = n.value<std::string>();
    if (!text) { type_error(n, key, "字符串（本节标题的写法）"); return std::nullopt; }
    if (*text == ls.title || std::find(ls.variants.begin(), ls.variants.end(), *text) != ls.variants.end())
      return Line{*text, TextOrigin{loc(n)}};
    auto trimmed = decode_utf8(*text).value_or(U"");
    while (!trimmed.empty() && (trimmed.back() == U' ' || trimmed.back() == U'\u3000')) trimmed.pop_back();
    while (!trimmed.empty() && (trimmed.front() == U' ' || trimmed.front() == U'\u3000')) trimmed.erase(0, 1);
    const std::string bare = encode_utf8(trimmed);
    if (bare != *text && (bare == ls.title || std::find(ls.variants.begin(), ls.variants.end(), bare) != ls.variants.end())) {
      d_.error(loc(n), "键 " + key + " 的标题开头或末尾有空格：请删去空格，写成 \"" + bare + "\"");
      return std::nullopt;
    }
    std::string allowed = "“" + ls.title + "”";
    for (const auto& v : ls.variants) allowed += "、“" + v + "”";
    d_.error(loc(n), "键 " + key + " 的标题“" + shorten(*text) + "”不是 " + l.id + " 格式允许的写法" +
                         (ls.variants.empty() ? "：本节标题只能是 " + allowed + "，请删去这一行"
                                              : "：可写 " + allowed + "（序号和次序不变），或删去这一行用格式的标题"));
    return std::nullopt;
  }

  // For a key written where it does not belong (a line commented out above it, a
  // table moved): where it does. Empty when it belongs nowhere else.
  static std::string belongs(const std::string& key, const std::string& here) {
    static const char* const kSignature[] = {"organ", "date", "seal", "print"};
    const bool report = std::find(std::begin(layout::kReportKeys), std::end(layout::kReportKeys), key) !=
                        std::end(layout::kReportKeys);
    const bool signature = here != "signature" &&
                           std::find(std::begin(kSignature), std::end(kSignature), key) != std::end(kSignature);
    std::string where;
    if (report) where = key + " 是报告本身的键，须写在第一个 [表] 之前";
    if (signature) where += std::string(where.empty() ? "" : "；或是") + (where.empty() ? key + " 是" : "") +
                            "落款 [signature] 的键：请去掉 [signature] 一行前的 #（或在这一行之前加一行 [signature]）";
    if (!where.empty())
      where = "：" + where + "（[" + here + "] 之下、下一个 [表] 之前的各项都属于 [" + here + "]）";
    return where;
  }

  // A key written with a typo is reported once, as unknown with its suggestion,
  // not again as missing.
  void misspelt(const std::string& as_written, const std::string& prefix, const std::vector<std::string>& known,
                const std::string& suffix = "") {
    std::string best = closest(as_written, known);
    if (!best.empty()) suggested_.insert(prefix + best + suffix);
  }

  // A one-line text (title, organ): no line breaks nor unusable characters, at most
  // limits::kTitleChars characters.
  void line_text(const std::string& v, const Loc& at, const std::string& key, const std::string& what) {
    auto text = decode_utf8(v);
    if (!text) return;
    TextOrigin origin{at};
    if (text->size() > limits::kTitleChars) {
      d_.error(at, "键 " + key + "（" + what + "）过长：有 " + std::to_string(text->size()) + " 个字，上限为 " +
                       std::to_string(limits::kTitleChars) + " 个字");
      return;
    }
    for (size_t i = 0; i < text->size(); ++i) {
      char32_t c = (*text)[i];
      if (c == '\n') {
        d_.error(origin.locate(i), "键 " + key + "（" + what + "）中不能换行：过长时会自动分行，请写在一行内" +
                                       (key == "title" || key == "subtitle" ? "；要自己分行时写成 [\"第一行\", \"第二行\"]" : ""));
        return;
      }
      if (auto u = unusable(c)) {
        d_.error(origin.locate(i), "键 " + key + "（" + what + "）中含有" + u->what + "（" + u->note + "）：" + u->fix);
        return;
      }
    }
  }

  // A key missing from a section's table: at the table.
  void missing(const toml::table& t, const std::string& key, const std::string& what) {
    if (suggested_.count(key)) return;
    d_.error(loc_of(src_, t.source()), "缺少 " + key + "（" + what + "）：请补上这一项");
  }

  // A top-level value: before the first table header, or at the end of a file without one.
  void missing_top(const std::string& key, const std::string& what, const std::string& example) {
    if (suggested_.count(key)) return;
    if (places_.first_table.line)
      d_.error(places_.first_table, "缺少 " + key + "（" + what + "）：请在第一个表 [" + shorten(places_.first_name) +
                                        "] 之前加一行，如 " + example);
    else
      d_.error(places_.end, "缺少 " + key + "（" + what + "）：请在文件末尾加一行，如 " + example);
  }

  // A section: at the end of the file.
  void missing_section(const layout::Section& s) {
    const std::string key = "[" + s.key + "]";
    if (suggested_.count(key)) return;
    d_.error(places_.end, "缺少 " + key + "（" + s.title + "）：请在文件末尾加上这一节（nianbao init 写出的模板中有它的各项）");
  }

  std::optional<Prose> prose(const toml::node& n, const std::string& key) {
    auto v = n.value<std::string>();
    if (!v) { type_error(n, key, "字符串（正文，用 \"\"\" 括起的多行文字）"); return std::nullopt; }
    TextOrigin origin{loc(n)};
    if (blocks_over_) return Prose{origin, {}, true};  // reported once already
    origin.index();
    Prose p = parse_markup(*v, origin, d_, blocks_left_);
    blocks_left_ -= p.blocks.size();
    blocks_over_ = p.truncated;
    return p;
  }

  // One figure: an integer (or, for amounts, a number with at most 4 decimals).
  Figure figure(const toml::node& n, const std::string& key, layout::FigureType type) {
    Figure f;
    f.loc = loc(n);
    f.given = true;
    using layout::FigureType;
    if (auto i = n.value_exact<int64_t>()) {
      f.value = *i;
      if (*i < 0 && type != FigureType::Change) {
        d_.error(f.loc, "键 " + key + " 的数值不能为负数（" + std::to_string(*i) + "）：件数和金额须为非负");
      } else if (type == FigureType::Amount) {
        if (*i > limits::kAmountWan) amount_too_large(f.loc, key);
        else f.value = *i * 10000;
      } else if (*i > limits::kCount || *i < -limits::kCount) {
        d_.error(f.loc, "键 " + key + " 的数值 " + std::to_string(*i) + " 超出范围（最大 " +
                            std::to_string(limits::kCount) + "）");
      }
      return f;
    }
    if (auto x = n.value_exact<double>()) {
      if (type != FigureType::Amount) {
        d_.error(f.loc, "键 " + key + " 应为整数（件数），实际为小数");
        return f;
      }
      if (!std::isfinite(*x)) {
        d_.error(f.loc, "键 " + key + " 的金额须为有限的数（不能是 nan 或 inf）");
        return f;
      }
      if (*x < 0) {
        const std::string shown =
            *x >= -static_cast<double>(limits::kAmountWan) ? "（" + layout::format_figure(std::llround(*x * 10000), type) + "）" : "";
        d_.error(f.loc, "键 " + key + " 的数值不能为负数" + shown + "：件数和金额须为非负");
        return f;
      }
      if (*x > static_cast<double>(limits::kAmountWan)) {
        amount_too_large(f.loc, key);
        return f;
      }
      double scaled = *x * 10000;
      f.value = static_cast<int64_t>(std::llround(scaled));
      if (std::fabs(scaled - static_cast<double>(f.value)) > 1e-6 * std::max(1.0, scaled))
        d_.error(f.loc, "键 " + key + " 的金额至多保留 4 位小数（单位：万元）");
      return f;
    }
    std::string expected = type == FigureType::Amount ? "数字（金额）" : "整数";
    if (const auto* text = n.as_string())
      d_.error(f.loc, "键 " + key + " 应为" + expected + "，实际为字符串" + string_figure_advice(text->get(), type));
    else
      type_error(n, key, expected);
    return f;
  }

  // What to write instead of a figure given as text.
  static std::string string_figure_advice(const std::string& text, layout::FigureType type) {
    if (text.find_first_not_of(" \t") == std::string::npos) return "（空的）：没有的填 0";
    if (auto plain = plain_number(text))
      return *plain == text ? "：请去掉引号，写作 " + *plain : "：请写作 " + *plain + "（不加引号，不用千位分隔符和全角数字）";
    if (text.find_first_not_of("0123456789") == std::string::npos) return "：数字过大，请检查是否多写了数字";
    return std::string("：请只写数字，不加引号和单位") +
           (type == layout::FigureType::Amount ? "（如 0.86，而不是 \"0.86万元\"）" : "（如 12，而不是 \"12件\"）");
  }

  void amount_too_large(const Loc& at, const std::string& key) {
    d_.error(at, "键 " + key + " 的金额超出范围（最大 " + std::to_string(limits::kAmountWan) +
                     " 万元）：金额以万元为单位，请检查是否按元填写");
  }

  // An array may leave out its trailing derivable cells (总计), computed by the check stage.
  void figures(const toml::node& n, const std::string& key, const layout::Field& field, SectionInput& s) {
    FieldValue fv;
    fv.loc = loc(n);
    const size_t want = field.types.size();
    size_t optional_tail = 0;
    while (optional_tail < want && field.derivable[want - 1 - optional_tail]) ++optional_tail;
    if (const toml::array* a = n.as_array(); a && want == 1) {
      type_error(n, key, field.label.empty() ? "一个数（不加方括号）" : "一个数（" + field.label + "，不加方括号）");
    } else if (a) {
      if (a->size() > want || a->size() < want - optional_tail) {
        std::string may_omit;
        if (optional_tail) {
          std::string names;
          for (size_t i = want - optional_tail; i < want; ++i) names += (names.empty() ? "" : "、") + field.column_name(i);
          may_omit = "（末尾的" + names + "可省略，由程序计算：写 " + std::to_string(want - optional_tail) + " 个亦可）";
        }
        d_.error(loc(n), "键 " + key + "（" + field.label + "）应有 " + std::to_string(want) + " 个数" + may_omit +
                             "，实际有 " + std::to_string(a->size()) + " 个");
      }
      for (size_t i = 0; i < a->size() && i < want; ++i) fv.cells.push_back(figure((*a)[i], key, field.types[i]));
    } else if (want == 1) {
      fv.cells.push_back(figure(n, key, field.types[0]));
    } else {
      type_error(n, key, "含 " + std::to_string(want) + " 个数的数组（" + field.label + "）");
    }
    fv.cells.resize(want);
    s.figures[field.key] = std::move(fv);
  }

  // The formats before and after the report's, whose rows a clerk may have kept.
  void set_neighbours(std::vector<const layout::Layout*> others) { others_ = std::move(others); }

  // For a key of another format's table: which format and row it is, and the rows
  // this format has in its place (those whose label starts with its label or the
  // other way round: 2021 splits （六）其他处理 into three).
  // The rows named are not reported missing again (`named`).
  std::string other_format(const layout::Layout& l, const layout::Section& ls, const std::string& key,
                           std::set<std::string>& named) const {
    for (const layout::Layout* o : others_)
      for (const auto& os : o->sections) {
        const layout::Table* ot = os.key == ls.key ? o->table_for(os) : nullptr;
        const layout::Field* of = ot ? ot->find_field(key) : nullptr;
        if (!of) continue;
        std::string rows;
        int count = 0;
        if (const layout::Table* t = l.table_for(ls))
          for (const auto& f : t->fields)
            if (f.label.rfind(of->label, 0) == 0 || of->label.rfind(f.label, 0) == 0) {
              rows += (rows.empty() ? "" : "、") + f.key + "（" + f.label + "）";
              named.insert(f.key);
              ++count;
            }
        return "：这是 " + o->id + " 格式的行（" + of->label + "），" + l.id + " 格式" +
               (count == 0 ? "没有这一行：请删去" : "中对应的行为 " + rows + (count == 1 ? "：请改用这个键" : "：请改用这些键"));
      }
    return "";
  }

  void section(const toml::table& doc, const layout::Layout& l, const layout::Section& ls, Report& r) {
    SectionInput s;
    s.key = ls.key;
    const toml::node* n = doc.get(ls.key);
    const layout::Table* table = l.table_for(ls);
    if (!n) {
      missing_section(ls);
      r.sections.push_back(std::move(s));
      return;
    }
    s.loc = loc(*n);
    const toml::table* t = n->as_table();
    if (!t) {
      type_error(*n, ls.key, "表（" + ls.title + "）");
      r.sections.push_back(std::move(s));
      return;
    }
    std::vector<std::string> known{"heading", "text"};
    std::set<std::string> named;  // rows an error about another format's key names already
    std::map<std::string, std::string> units;  // by field key
    if (table)
      for (const auto& f : table->fields) {
        known.push_back(f.key);
        if (!f.units.empty()) known.push_back(f.key + "_unit");
      }
    for (const auto& [k, v] : in_file_order(*t)) {
      std::string key(k->str());
      if (key == "text") {
        s.text = prose(*v, ls.key + ".text");
        continue;
      }
      if (key == "heading") {
        s.heading = heading(*v, l, ls);
        continue;
      }
      if (const layout::Field* f = unit_of(table, key)) {
        units[f->key] = unit(*v, ls.key + "." + key, *f).value_or("");  // "": reported, no warning again
        continue;
      }
      const layout::Field* field = table ? table->find_field(key) : nullptr;
      if (!field) {
        std::string elsewhere = other_format(l, ls, key, named);
        if (elsewhere.empty()) elsewhere = belongs(key, ls.key);
        d_.error(loc(*k), "未知的键 " + ls.key + "." + shorten(key) + "（" + ls.title + "）" +
                              (elsewhere.empty() ? suggest(key, known) : elsewhere));
        misspelt(key, ls.key + ".", known);
        continue;
      }
      figures(*v, ls.key + "." + key, *field, s);
    }
    if (table) {
      for (const auto& f : table->fields) {
        if (s.figures.count(f.key) || f.optional || named.count(f.key)) continue;
        if (std::all_of(f.derivable.begin(), f.derivable.end(), [](bool d) { return d; })) {
          // Every cell is computed by the check stage (the （七）总计 row).
          s.figures[f.key] = FieldValue{std::vector<Figure>(f.types.size(), Figure{0, s.loc, false}), s.loc, {}};
          continue;
        }
        missing(*t, ls.key + "." + f.key, f.label);
      }
      for (const auto& f : table->fields) {
        auto fv = s.figures.find(f.key);
        if (f.units.empty() || fv == s.figures.end()) continue;
        if (auto u = units.find(f.key); u != units.end()) {  // given (or wrong, and reported)
          fv->second.unit = u->second;
          continue;
        }
        for (size_t i = 0; i < f.types.size() && i < fv->second.cells.size(); ++i)
          if (f.types[i] == layout::FigureType::Amount && fv->second.cells[i].value != 0) {
            d_.warning(fv->second.cells[i].loc, ls.key + "." + f.key + "（" + f.label + "）的" + f.column_name(static_cast<int>(i)) +
                                                    "没有写单位：请加一行 " + f.key + "_unit = \"" + f.units[0] + "\"（可写 " +
                                                    f.units_text() + "），单位印在金额之后");
            break;
          }
      }
    } else if (!s.text) {
      missing(*t, ls.key + ".text", ls.title + "的正文");
    } else if (s.text->blocks.empty()) {
      d_.warning(loc(*t->get("text")), ls.title + "的正文为空：请写上这一部分" +
                                           (ls.may_be_none ? "（没有需要报告的事项时写“无。”）" : "：" + ls.hint));
    }
    r.sections.push_back(std::move(s));
  }

  // A key naming the unit of a field that takes one (procurement_unit): the field.
  static const layout::Field* unit_of(const layout::Table* table, const std::string& key) {
    const std::string suffix = "_unit";
    if (!table || key.size() <= suffix.size() || key.compare(key.size() - suffix.size(), suffix.size(), suffix) != 0)
      return nullptr;
    const layout::Field* f = table->find_field(key.substr(0, key.size() - suffix.size()));
    return f && !f->units.empty() ? f : nullptr;
  }

  std::optional<std::string> unit(const toml::node& n, const std::string& key, const layout::Field& f) {
    auto v = n.value<std::string>();
    if (!v) { type_error(n, key, "字符串（" + f.label + "的金额单位：" + f.units_text() + "）"); return std::nullopt; }
    if (std::find(f.units.begin(), f.units.end(), *v) != f.units.end()) return *v;
    d_.error(loc(n), "键 " + key + " 的单位“" + shorten(*v) + "”不可用：" + f.label + "的金额单位只能是 " + f.units_text());
    return std::nullopt;
  }

  void fonts(const toml::node& n, Report& r) {
    const toml::table* t = n.as_table();
    if (!t) { type_error(n, "fonts", "表"); return; }
    std::vector<std::string> roles;
    for (layout::Role x : layout::kRoles) roles.push_back(layout::role_name(x));
    std::sort(roles.begin(), roles.end());
    for (const auto& [k, v] : *t) {
      const std::string name(k.str());
      const std::optional<layout::Role> role = layout::parse_role(name);
      if (!role) {
        d_.error(loc(k), "未知的字体角色 fonts." + shorten(name) + suggest(name, roles));
        continue;
      }
      FontChoice c;
      c.loc = loc(v);
      const std::string key = "fonts." + name;
      if (auto s = v.value<std::string>()) {
        c.file = *s;
      } else if (const toml::table* ft = v.as_table()) {
        for (const auto& [fk, fv] : *ft)
          if (fk.str() != "file" && fk.str() != "face")
            d_.error(loc(fk), "未知的键 " + key + "." + shorten(std::string(fk.str())) + "：字体只有 file 和 face 两项");
        if (const toml::node* file = ft->get("file")) {
          if (auto fs = file->value<std::string>()) c.file = *fs;
          else type_error(*file, key + ".file", "字符串（字体文件名）");
        } else {
          d_.error(c.loc, key + " 须给出 file（字体文件名）");
        }
        if (const toml::node* face = ft->get("face")) {
          auto i = face->value_exact<int64_t>();
          if (!i) type_error(*face, key + ".face", "整数（.ttc 字体集合中的序号，从 0 起）");
          else if (*i < 0 || *i > 65535) d_.error(loc(*face), key + ".face 应为 0–65535 之间的整数（.ttc 字体集合中的序号，从 0 起）");
          else c.face = static_cast<int>(*i);
        }
      } else {
        type_error(v, key, "字体文件名或 { file = …, face = … }");
        continue;
      }
      if (v.is_string() && c.file.empty()) d_.error(c.loc, key + " 不能为空：请写字体文件名");
      r.fonts[*role] = c;
    }
  }

  // Keys of the file that neither the report nor the layout's sections have. Without
  // a layout (its format unknown) only those close to a report key are reported.
  void unknown_keys(const toml::table& doc, const layout::Layout* l) {
    std::vector<std::string> known(std::begin(layout::kReportKeys), std::end(layout::kReportKeys));
    if (l)
      for (const auto& s : l->sections) known.push_back(s.key);
    for (const auto& [k, v] : in_file_order(doc)) {
      std::string key(k->str());
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      if (!l && closest(key, known).empty()) continue;
      d_.error(loc(*k), "未知的键 " + shorten(key) + suggest(key, known));
      misspelt(key, "", known);
      if (v->is_table()) misspelt(key, "[", known, "]");  // a section: [name]
    }
  }

 private:
  SourceRef src_;
  Diagnostics& d_;
  std::vector<const layout::Layout*> others_;
  std::set<std::string> suggested_;
  Places places_;
  size_t blocks_left_ = limits::kBlocks;  // paragraphs and headings, all prose together
  bool blocks_over_ = false;
};

}  // namespace

std::optional<Report> read(const SourceRef& src, const LayoutFinder& find_layout, Diagnostics& diags) {
  Diagnostics local;
  auto doc = parse_toml(src, local);
  if (!doc) { diags.append(local); return std::nullopt; }
  if (doc->empty()) {
    diags.error({src, 1, 1}, "文件中没有任何内容（空文件或只有注释）：可用 nianbao init 生成一份填写模板");
    return std::nullopt;
  }
  ReportReader rr(src, *doc, local);
  Report r;
  r.source = src;

  const toml::node* y = doc->get("year");
  if (y) {
    r.year_loc = rr.loc(*y);
    if (auto v = y->value_exact<int64_t>(); v && *v >= 1990 && *v <= 2999) r.year = static_cast<int>(*v);
    else if (v) local.error(r.year_loc, "year（报告年度）应为四位年份，如 2020");
    else rr.type_error(*y, "year", "整数（报告年度，如 2020）");
  }
  std::string format;
  Loc format_loc;
  if (const toml::node* f = doc->get("format")) {
    format_loc = rr.loc(*f);
    if (auto v = f->value<std::string>()) format = *v;
    else if (auto n = f->value_exact<int64_t>()) format = std::to_string(*n);  // format = 2021 without quotes
    else rr.type_error(*f, "format", "字符串（年报格式，如 \"2021\"）");
  }
  r.layout = find_layout(format, r.year);
  const layout::Layout* implied = r.year ? find_layout("", r.year) : nullptr;  // the format of the year
  auto used = [&](const layout::Layout& l) {
    const std::string years = std::to_string(l.first_year) +
                              (l.last_year == 9999 ? " 年度起" : "–" + std::to_string(l.last_year) + " 年度");
    return std::to_string(r.year) + " 年度的报告使用了 " + l.id + " 格式（" + l.document + "，适用于 " + years + "）";
  };
  if (r.layout && r.layout->superseded(r.year, implied)) {
    // A superseded format (last year's template reused): every table would be
    // checked against the old rows, so nothing else is read.
    local.error(format_loc, used(*r.layout) + "，该格式已由 " + implied->id + " 格式（" + implied->document +
                                "）取代：请把 format 改为 \"" + implied->id + "\"（或删去 format 一行），表格的项目随之改变，可用 nianbao init --year " +
                                std::to_string(r.year) + " 生成新模板对照填写");
    diags.append(local);
    return std::nullopt;
  }
  // Unknown keys first: a key written with a typo is reported once, as unknown
  // with its suggestion, not again as missing.
  rr.unknown_keys(*doc, r.layout);
  if (!y) rr.missing_top("year", "报告年度", "year = 2020");
  if (!r.layout) {
    if (!format.empty()) local.error(format_loc, "未知的年报格式 \"" + shorten(format) + "\"：可用 nianbao layouts 查看已有格式");
    else if (r.year) local.error(r.year_loc, "没有适用于 " + std::to_string(r.year) + " 年度的年报格式：请用 format 指定");
    diags.append(local);
    return std::nullopt;
  }
  const layout::Layout& l = *r.layout;
  if (r.year && (r.year < l.first_year || r.year > l.last_year)) {
    std::string msg = used(l);
    if (implied)
      msg += "，而 " + std::to_string(r.year) + " 年度适用 " + implied->id + " 格式（" + implied->document + "）";
    local.warning(format_loc.line ? format_loc : r.year_loc, msg + "：请确认 format");
  }

  if (auto s = rr.string(*doc, "organ", "发布机关", &r.organ_loc, "organ = \"某某县人民政府办公室\"")) r.organ = *s;
  const std::string title_example =
      "title = \"" + std::to_string(r.year ? r.year : 2020) + "年某某县政府信息公开工作年度报告\"";
  r.title_lines = rr.lines(*doc, "title", "报告标题", title_example, r.title_loc);
  for (const auto& line : r.title_lines) r.title += line.text;
  Loc subtitle_loc;
  r.subtitle_lines = rr.lines(*doc, "subtitle", "副标题", "", subtitle_loc);
  if (const toml::node* d = doc->get("date")) {
    r.date_loc = rr.loc(*d);
    if (auto v = rr.date(*d, "date", "发布日期")) r.date = *v;
  } else {
    rr.missing_top("date", "发布日期", "date = " + std::to_string(r.year ? r.year + 1 : 2021) + "-01-31");
  }
  if (const toml::node* c = doc->get("consolidated"))
    r.consolidated = rr.boolean(*c, "consolidated", "是否为县级以上人民政府的本级年度报告").value_or(false);
  // 条例第四十九条: a department publishes its report by 31 January; a government's
  // own report (本级政府) is published by 31 March.
  if (r.year && r.date.year) {
    const Date due{r.year + 1, r.consolidated ? 3 : 1, 31};
    if (std::tie(r.date.year, r.date.month, r.date.day) > std::tie(due.year, due.month, due.day))
      local.warning(r.date_loc, "发布日期 " + date_text(r.date) + " 晚于法定时限 " + date_text(due) + "（政府信息公开条例第四十九条：" +
                                    (r.consolidated ? "本级政府的年度报告于每年3月31日前公布）：请核对 date"
                                                    : "部门的年度报告于每年1月31日前公布）：请核对 date；县级以上人民政府的本级年度报告"
                                                      "（3月31日前公布）请加一行 consolidated = true"));
  }
  if (const toml::node* p = doc->get("preface")) r.preface = rr.prose(*p, "preface");
  if (r.year && r.date.year && r.date.year <= r.year)
    local.warning(r.date_loc, "发布日期 " + date_text(r.date) + " 不晚于报告年度 " + std::to_string(r.year) +
                                  " 年末：年度报告在次年发布（1月31日前），请核对 date 和 year");
  if (r.year && !r.title.empty() && r.title.find(std::to_string(r.year)) == std::string::npos)
    local.warning(r.title_loc, "标题中没有报告年度 " + std::to_string(r.year) + "：请核对 title 和 year");

  if (const toml::node* f = doc->get("fonts")) rr.fonts(*f, r);
  rr.signature(doc->get("signature"), l, r);
  std::vector<const layout::Layout*> neighbours;
  for (const layout::Layout* o : {find_layout("", l.first_year - 1), find_layout("", l.last_year + 1)})
    if (o && o != &l) neighbours.push_back(o);
  rr.set_neighbours(std::move(neighbours));
  for (const auto& s : l.sections) rr.section(*doc, l, s, r);

  diags.append(local);
  if (local.has_errors()) return std::nullopt;
  return r;
}

}  // namespace nb::input
