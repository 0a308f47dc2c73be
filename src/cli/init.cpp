#include "cli/init.hpp"

#include <algorithm>
#include <ctime>

#include "cli/diagnostics_out.hpp"
#include "core/utf8.hpp"

namespace nb::cli {

namespace {

// Pads `left` to `width` display cells, then adds the comment.
std::string commented(const std::string& left, size_t width, const std::string& comment) {
  size_t w = display_width(left);
  return left + std::string(w < width ? width - w : 1, ' ') + "# " + comment + "\n";
}

// The columns of a row, and the computed ones.
std::string columns_comment(const layout::Field& f) {
  std::string c;
  const size_t n = f.written_columns();
  for (size_t i = 0; i < n && i < f.columns.size(); ++i) c += (i ? "、" : "") + f.columns[i];
  if (n < f.columns.size()) c += "（" + f.columns.back() + "由程序计算；写上第 " + std::to_string(f.columns.size()) + " 个数则由程序核对）";
  return c;
}

// The column header of a field's column: the nearest label above it in a row
// without figures (本年处理决定数量, 本年收费金额（单位：万元）).
std::string header_above(const layout::Table& t, const layout::Field& f, int column) {
  const layout::Cell* cell = nullptr;
  for (const auto& c : t.cells)
    if (c.field >= 0 && &t.fields[c.field] == &f && c.column == column) cell = &c;
  if (!cell || !cell->text.empty()) return {};
  for (int row = cell->row - 1; row >= 0; --row) {
    bool has_figures = false;
    const layout::Cell* above = nullptr;
    for (const auto& c : t.cells) {
      if (c.row != row) continue;
      has_figures = has_figures || c.field >= 0;
      if (c.col <= cell->col && cell->col < c.col + c.colspan) above = &c;
    }
    if (!has_figures && above && above->field < 0) return above->text;
  }
  return {};
}

std::string field_comment(const layout::Table& t, const layout::Field& f, bool shared_columns, int year) {
  std::string c = f.label;
  if (c.empty())  // a sentence with the figure in it: its text without the figure
    for (const auto& cell : t.cells)
      if (cell.field >= 0 && &t.fields[cell.field] == &f && !cell.text.empty()) {
        c = cell.text;
        for (auto [from, to] : {std::pair<std::string, std::string>{"{year}", std::to_string(year)}, {"：{value}", ""}, {"{value}", ""}})
          for (size_t at; (at = c.find(from)) != std::string::npos;) c.replace(at, from.size(), to);
      }
  if (!shared_columns && !f.columns.empty()) c += "：" + columns_comment(f);
  if (f.columns.empty()) {
    std::string heads;
    for (size_t i = 0; i < f.types.size(); ++i) {
      std::string h = header_above(t, f, static_cast<int>(i));
      if (h.empty()) { heads.clear(); break; }
      heads += (i ? "、" : "") + h;
    }
    if (!heads.empty()) c += "：" + heads;
  }
  for (auto t : f.types) {
    if (t == layout::FigureType::Change) { c += "；本年增/减可为负数"; break; }
    if (t == layout::FigureType::Amount) { c += "；金额至多4位小数"; break; }
  }
  return c;
}

// Last year's text for this year: its year of publication and its report year
// each moved on (《2020年…》 published 2021年1月 → 2021年, 2022年1月).
std::string years_on(std::string text, int was, int year) {
  const std::pair<std::string, std::string> moves[] = {{std::to_string(was + 1), "\x01"},
                                                       {std::to_string(was), std::to_string(year)},
                                                       {"\x01", std::to_string(year + 1)}};
  for (const auto& [from, to] : moves)
    for (size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) text.replace(at, from.size(), to);
  return text;
}

// The report's usual title. An organ that is a government (…人民政府, …政府) goes
// before the year, so that 政府 is not said twice: 洪泽区人民政府2023年政府信息公开…
std::string report_title(int year, const std::string& organ) {
  const std::string y = std::to_string(year) + "年", rest = "政府信息公开工作年度报告";
  const std::string gov = "政府";
  if (organ.size() > gov.size() && organ.compare(organ.size() - gov.size(), gov.size(), gov) == 0)
    return organ + y + rest;
  return y + organ + rest;
}

}  // namespace

namespace {

// A row's value as the template writes it: 0, or [0, 0, …] for its written columns.
std::string zeros(const layout::Field& f) {
  if (f.types.size() <= 1) return "0";
  std::string z = "[";
  for (size_t i = 0; i < f.written_columns(); ++i) z += i ? ", 0" : "0";
  return z + "]";
}

}  // namespace

Template make_template(const layout::Catalog& layouts, const TemplateRequest& r) {
  int year = r.year;
  const input::Report* last = r.last;
  auto fail = [](std::string why) { return Template{{}, nullptr, 0, std::move(why)}; };
  if (last) {
    if (!year) year = last->year + 1;
    else if (year != last->year + 1)
      return fail("--from 给出的是 " + std::to_string(last->year) + " 年度的报告，而 --year 为 " + std::to_string(year) +
                  "：请给出上一年度的报告，或去掉 --year");
  }
  if (!year) {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    year = tm.tm_year + 1900 - 1;  // reports are written early in the next year
  }
  const layout::Layout* l = layouts.find(r.format, year);
  if (!l) {
    if (!r.format.empty()) return fail("没有格式 " + r.format + "：nianbao layouts 列出已有的格式");
    return fail("没有适用于 " + std::to_string(year) + " 年度的格式：请用 --format 指定");
  }
  // A superseded format: `build` would refuse the report.
  if (const layout::Layout* current = layouts.find("", year); l->superseded(year, current))
    return fail(l->id + " 格式只适用于 " + std::to_string(l->first_year) + "–" + std::to_string(l->last_year) + " 年度，" +
                std::to_string(year) + " 年度应使用 " + current->id + " 格式：请去掉 --format");
  const std::vector<std::string> optional = optional_rows(*l);
  for (const auto& key : r.with)
    if (std::find(optional.begin(), optional.end(), key) == optional.end()) {
      std::string names;
      for (const auto& k : optional) names += (names.empty() ? "" : "、") + k;
      return fail("--with " + key + "：" + l->id + " 格式没有这个可选项目" +
                  (names.empty() ? "（它没有可选项目）" : "，可选的有：" + names));
    }
  FollowOn from;
  if (last && r.last_figures) from = {last, check::roll_over(*l, *r.last_figures)};
  const std::string organ = r.organ.empty() && last ? last->organ : r.organ;
  return {init_template(*l, year, organ, r.with, from), l, year, {}};
}

std::vector<std::string> optional_rows(const layout::Layout& l) {
  std::vector<std::string> keys;
  for (const auto& [id, t] : l.tables)
    for (const auto& f : t.fields)
      if (f.optional) keys.push_back(f.key);
  return keys;
}

namespace {

// A row of last year's section that named its unit, or null.
const input::FieldValue* with_unit(const input::SectionInput* section, const std::string& key) {
  if (!section) return nullptr;
  const auto it = section->figures.find(key);
  return it == section->figures.end() || it->second.unit.empty() ? nullptr : &it->second;
}

// Last year's prose as comment lines, headings and bold as written (## …, **…**).
std::string prose_comment(const input::Prose& p) {
  std::string o;
  for (const auto& b : p.blocks) {
    std::string line = b.level ? std::string(b.level, '#') + " " : "";
    for (const auto& s : b.spans) line += (s.bold ? "**" : "") + encode_utf8(s.text) + (s.bold ? "**" : "");
    o += "# " + line + "\n";
  }
  return o;
}

// The 落款: as last year's report had it when it differed from the default (its
// organ, a seal, none), else the keys as comments.
std::string signature_part(const layout::Layout& l, int year, const std::string& organ, const FollowOn& from) {
  const input::Report* last = from.last;
  const bool none = last && last->layout->signature.by_default && !last->signature;
  const input::Signature* sg = last && last->signature ? &*last->signature : nullptr;
  const bool own_organ = sg && sg->organ.text != last->organ;
  std::string o = "\n# 落款（署名和成文日期，排在正文之后，GB/T 9704）：" +
                  std::string(l.signature.by_default ? "默认用 organ 和 date；" : "本格式默认不排落款；") +
                  "要改写署名或日期、加盖印章或不要落款时，去掉 [signature] 和相应行前的 #\n";
  if (none) return o + "[signature]\nprint = false   # 上年报告没有落款\n";
  if (!own_organ && !(sg && sg->seal))
    return o + "# [signature]\n# organ = \"" + organ + "\"\n# date  = " + std::to_string(year + 1) +
           "-01-31\n# seal  = true    # 加盖印章：成文日期右空四字，署名居中于其上\n# print = false   # 不要落款\n";
  o += "[signature]   # 按上年报告\n";
  if (own_organ) o += "organ = \"" + sg->organ.text + "\"\n";
  if (sg->seal) o += "seal  = true\n";
  return o + "# date  = " + std::to_string(year + 1) + "-01-31   # 成文日期（默认同 date）\n";
}

}  // namespace

std::string init_template(const layout::Layout& l, int year, const std::string& organ,
                          const std::vector<std::string>& with, const FollowOn& from) {
  const std::string name = organ.empty() ? "（机关名称）" : organ;
  std::string o;
  o += "# " + report_title(year, name) + " — nianbao 输入文件\n";
  o += "# 由 nianbao init 生成，格式：" + l.name + "（" + l.document + "）。\n";
  o += "# 填写：文字写在 \"\"\" 与 \"\"\" 之间；空一行为新段落；**文字** 为加粗；以“## ”开头的一行为\n";
  o += "# 二级标题（如 ## （一）主动公开），“### ”三级，“#### ”四级。数字不加引号和单位，没有的填 0。\n";
  o += "# 写完后运行：nianbao check 本文件；无误后 nianbao build 本文件。\n\n";
  const size_t w = 34;
  o += commented("format = \"" + l.id + "\"", w, "年报格式：" + l.document);
  o += commented("year   = " + std::to_string(year), w, "报告年度");
  o += commented("organ  = \"" + organ + "\"", w, "发布机关（全称）");
  std::string title = report_title(year, organ);
  if (from.last && from.last->title_lines.size() <= 1) {  // last year's title, the year moved on
    const std::string was = std::to_string(from.last->year);
    if (const size_t at = from.last->title.find(was); at != std::string::npos && from.last->organ == organ)
      title = std::string(from.last->title).replace(at, was.size(), std::to_string(year));
  }
  o += commented("title  = \"" + title + "\"", w,
                 "报告标题（要自己分行时写成 [\"第一行\", \"第二行\"]）");
  std::string subtitle = "# subtitle = \"（" + name + " " + std::to_string(year + 1) + "年1月）\"";
  if (from.last && from.last->subtitle_lines.size() == 1)  // last year's, its years moved on
    subtitle = "# subtitle = \"" + years_on(from.last->subtitle_lines[0].text, from.last->year, year) + "\"";
  o += commented(subtitle, w, from.last && !from.last->subtitle_lines.empty() ? "上年的副标题：需要时去掉 # 并改写"
                                                                               : "副标题（可选，印在标题下居中）：需要时去掉 #");
  o += commented("date   = " + std::to_string(year + 1) + "-01-31", w,
                 "发布日期（不加引号；法定时限为次年1月31日前）");
  o += commented("# consolidated = true", w, "县级以上人民政府的本级年度报告时去掉 #（时限为3月31日前）");
  o += "\n# 前言（可删去）：报告的依据、组成、统计期限、电子版下载地址和联系方式。\n";
  o += "preface = \"\"\"\n\"\"\"\n";
  if (from.last && from.last->preface && !from.last->preface->blocks.empty())
    o += "# 上年报告的前言（供对照）：\n" + prose_comment(*from.last->preface);
  for (const auto& s : l.sections) {
    o += "\n[" + s.key + "]   # " + s.title + "\n";
    if (!s.hint.empty()) o += "# " + s.hint + "\n";
    const input::SectionInput* last_section = from.last ? from.last->section(s.key) : nullptr;
    const bool kept = last_section && last_section->heading &&
                      std::find(s.variants.begin(), s.variants.end(), last_section->heading->text) != s.variants.end();
    for (const auto& v : s.variants)
      o += commented((kept && v == last_section->heading->text ? "" : "# ") + std::string("heading = \"") + v + "\"", w,
                     kept && v == last_section->heading->text ? "上年报告用的标题写法" : "本节标题的另一种写法（可选）：需要时去掉 #");
    o += "text = \"\"\"\n\"\"\"\n";
    if (const input::SectionInput* last = from.last ? from.last->section(s.key) : nullptr; last && last->text &&
                                                                                          !last->text->blocks.empty())
      o += "# 上年报告的这一部分（供对照，请按本年情况重写，不要照抄）：\n" + prose_comment(*last->text);
    const layout::Table* t = l.table_for(s);
    if (!t) continue;
    size_t key_w = 0;
    for (const auto& f : t->fields) key_w = std::max(key_w, f.key.size());
    std::vector<std::string> lines;
    size_t line_w = 0;
    std::vector<const layout::Field*> fields, derived;
    for (const auto& f : t->fields) (f.computed() ? derived : fields).push_back(&f);
    std::vector<const layout::Field*> left_out;  // optional rows not asked for
    std::erase_if(fields, [&](const layout::Field* f) {
      // An optional row is written when asked for, or when last year's report had it.
      const input::SectionInput* had = from.last ? from.last->section(s.key) : nullptr;
      const bool out = f->optional && std::find(with.begin(), with.end(), f->key) == with.end() &&
                       !(had && had->figures.count(f->key));
      if (out) left_out.push_back(f);
      return out;
    });
    std::vector<std::string> notes;  // per written field: where its values came from
    const layout::Table* last_table = nullptr;
    if (from.last)
      for (const auto& ls : from.last->layout->sections)
        if (ls.key == s.key) last_table = from.last->layout->table_for(ls);
    for (const auto* f : fields) {
      std::string value = zeros(*f), note;
      std::vector<std::string> cells(f->types.size() <= 1 ? 1 : f->written_columns(), "0");
      std::string rules;
      for (const auto& r : from.rolled)
        if (r.table == t->id && r.field == f->key && r.column < static_cast<int>(cells.size())) {
          cells[r.column] = layout::format_figure(r.value, f->types[r.column]);
          if (rules.find(r.rule) == std::string::npos) rules += (rules.empty() ? "" : "、") + r.rule;
        }
      if (!rules.empty()) {
        value = cells.size() == 1 ? cells[0] : "[";
        for (size_t i = 0; cells.size() > 1 && i < cells.size(); ++i) value += (i ? ", " : "") + cells[i];
        if (cells.size() > 1) value += "]";
        note = "；按" + rules + "由上年报告填入";
      } else if (from.last && (!last_table || !last_table->find_field(f->key))) {
        note = "；本年格式新增，上年报告没有这一行";
      }
      notes.push_back(note);
      lines.push_back(f->key + std::string(key_w - f->key.size(), ' ') + " = " + value);
      line_w = std::max(line_w, lines.back().size());
    }
    // Rows with the same columns (table 三, 四) name them once.
    bool shared = t->fields.size() > 1 && !t->fields[0].columns.empty();
    for (const auto& f : t->fields) shared = shared && f.columns == t->fields[0].columns;
    if (shared) o += "# 每行依次为：" + columns_comment(t->fields[0]) + "\n";
    for (size_t i = 0; i < lines.size(); ++i)
      o += commented(lines[i], line_w + 3, field_comment(*t, *fields[i], shared, year) + notes[i]);
    for (const auto* f : fields) {
      if (f->units.empty()) continue;
      const input::FieldValue* lv = with_unit(last_section, f->key);
      const std::string units = f->units_text();
      o += commented((lv ? "" : "# ") + f->key + "_unit = \"" + (lv ? lv->unit : f->units.front()) + "\"", line_w + 3,
                     f->label + "的金额单位（可写 " + units + "，印在金额之后）" + (lv ? "：按上年报告" : "：金额不为 0 时去掉 # 写明"));
    }
    for (const auto* f : derived)
      o += "# " + f->key + "（" + f->label + "）由程序计算；写上则由程序核对。\n";
    for (const auto* f : left_out)
      o += "# 可选（地方增加的项目，不在国家格式中；需要时去掉 # 填写）：\n# " + f->key + " = 0   # " +
           field_comment(*t, *f, false, year) + "\n";
  }
  o += signature_part(l, year, organ, from);
  return o;
}

}  // namespace nb::cli
