#include "layout/layout.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/limits.hpp"
#include "core/utf8.hpp"
#include "layout/reader.hpp"

namespace nb::layout {

const Field* Table::find_field(const std::string& key) const {
  for (const auto& f : fields)
    if (f.key == key) return &f;
  return nullptr;
}

int Table::field_index(const std::string& key) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].key == key) return static_cast<int>(i);
  return -1;
}

size_t Field::written_columns() const {
  size_t n = types.size();
  while (n > 0 && n <= derivable.size() && derivable[n - 1]) --n;
  return n;
}

bool Field::computed() const {
  return !derivable.empty() && std::all_of(derivable.begin(), derivable.end(), [](bool b) { return b; });
}

int Field::column(const std::string& n) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == n) return static_cast<int>(i);
  return -1;
}

std::string Field::column_name(int i) const {
  if (i >= 0 && i < static_cast<int>(columns.size())) return columns[i];
  return "第" + std::to_string(i + 1) + "列";
}

bool Rule::cross_year() const {
  for (const auto* side : {&left, &right})
    for (const auto& t : *side)
      if (t.previous) return true;
  return false;
}

std::string Field::units_text() const {
  std::string out;
  for (const auto& u : units) out += (out.empty() ? "\"" : "、\"") + u + "\"";
  return out;
}

std::string format_figure(int64_t value, FigureType type) {
  if (type != FigureType::Amount) return std::to_string(value);
  std::string s = value < 0 ? "-" : "";
  uint64_t v = value < 0 ? -static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  s += std::to_string(v / 10000);
  if (uint64_t frac = v % 10000) {
    std::string f = std::to_string(frac + 10000).substr(1);
    while (!f.empty() && f.back() == '0') f.pop_back();
    s += "." + f;
  }
  return s;
}

namespace {

constexpr const char* kRoleNames[] = {"title",    "body",  "emphasis",    "heading1", "heading2",  "heading3",
                                      "heading4", "table", "page_number", "subtitle", "signature"};
static_assert(std::size(kRoleNames) == std::size(kRoles));

}  // namespace

std::string role_name(Role r) { return kRoleNames[static_cast<size_t>(r)]; }

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : kRoles)
    if (name == kRoleNames[static_cast<size_t>(r)]) return r;
  return std::nullopt;
}

std::string role_named(Role r, const RoleStyle& style) {
  return style.label.empty() ? role_name(r) : role_name(r) + "（" + style.label + "）";
}

const Table* Layout::table_for(const Section& s) const {
  auto it = tables.find(s.table);
  return it == tables.end() ? nullptr : &it->second;
}

namespace {

using detail::Reader;

std::optional<Align> parse_align(const std::string& s) {
  if (s == "left") return Align::Left;
  if (s == "center") return Align::Center;
  if (s == "right") return Align::Right;
  return std::nullopt;
}

void read_page(Reader& r, const toml::table& t, Page& p) {
  bool ok = true;  // every number read: check how they fit together
  auto mm = [&](const char* k) {
    auto v = r.number(t, k, "毫米数", 0, 2000);
    ok = ok && v;
    return v.value_or(0) * kPtPerMm;
  };
  p.width = mm("width");
  p.height = mm("height");
  p.top = mm("top");
  p.left = mm("left");
  p.body_width = mm("body_width");
  p.body_height = mm("body_height");
  p.page_number_gap = mm("page_number_gap");
  p.chars_per_line = r.integer(t, "chars_per_line", "每行字数", 1, 200).value_or(28);
  p.lines_per_page = r.integer(t, "lines_per_page", "每页行数", 1, 200).value_or(22);
  if (!ok) return;
  if (p.width <= 0 || p.height <= 0 || p.body_width <= 0 || p.body_height <= 0)
    r.error_at(t.source(), "纸张和版心的宽、高须为正数");
  else if (p.left + p.body_width > p.width || p.top + p.body_height > p.height)
    r.error_at(t.source(), "版心超出纸张");
}

void read_role(Reader& r, Role id, const std::string& name, const toml::node& n, Layout& l) {
  const toml::table* t = n.as_table();
  if (!t) { r.error(n, "字体角色 " + name + " 应为表"); return; }
  RoleStyle role;
  role.label = r.get<std::string>(*t, "label", "角色名称", false).value_or("");
  role.size = r.number(*t, "size", "字号（磅）", 1, 200).value_or(16);
  role.indent = r.number(*t, "indent", "首行缩进字数", 0, 10, false).value_or(0);
  role.embolden = r.number(*t, "embolden", "加粗描边（em）", 0, 0.2, false).value_or(0);
  if (auto a = r.get<std::string>(*t, "align", "对齐方式", false)) {
    if (auto al = parse_align(*a)) role.align = *al;
    else r.error(*t->get("align"), "align 应为 left、center 或 right");
  }
  const toml::array* fonts = t->get_as<toml::array>("fonts");
  if (!fonts || fonts->empty()) { r.error(n, "字体角色 " + name + " 须有非空的 fonts 列表"); return; }
  for (const auto& f : *fonts) {
    auto id = f.value<std::string>();
    if (!id || !l.fonts.count(*id)) {
      r.error(f, "字体角色 " + name + " 引用了 [fonts] 中未定义的字体" + (id ? " " + *id : std::string()));
      continue;
    }
    role.fonts.push_back(*id);
  }
  l.roles[id] = role;
}

std::vector<std::string> read_names(Reader& r, const toml::node& n, const std::string& key = "column_names") {
  std::vector<std::string> out;
  const toml::array* a = n.as_array();
  if (!a) { r.error(n, key + " 应为字符串数组"); return out; }
  for (const auto& x : *a) {
    auto v = x.value<std::string>();
    if (!v || v->empty()) r.error(x, key + " 的每一项应为非空字符串");
    out.push_back(v.value_or(""));
  }
  return out;
}

// Places the cells of one table on its grid, HTML-style.
void read_table(Reader& r, const std::string& id, const toml::table& t, Table& tab) {
  tab.id = id;
  if (const toml::array* w = t.get_as<toml::array>("columns")) {
    for (const auto& x : *w) {
      auto v = x.value<double>();
      if (!v || !(*v > 0 && *v <= 1e6)) r.error(x, "列宽比例须为正数");
      tab.widths.push_back(v && *v > 0 && *v <= 1e6 ? *v : 1);
    }
  }
  if (tab.widths.empty()) { r.error_at(t.source(), "表格 " + id + " 缺少 columns（列宽比例）"); return; }
  if (tab.widths.size() > static_cast<size_t>(limits::kTableColumns)) {
    r.error(*t.get("columns"), "表格 " + id + " 有 " + std::to_string(tab.widths.size()) + " 列，上限为 " +
                                   std::to_string(limits::kTableColumns) + " 列");
    return;
  }
  tab.header_rows = r.integer(t, "header_rows", "表头行数", 0, limits::kTableRows, false).value_or(0);
  tab.group_header_rows =
      r.integer(t, "group_header_rows", "分组表头行数", 0, limits::kTableRows, false).value_or(0);
  const toml::array* rows = t.get_as<toml::array>("rows");
  if (!rows) { r.error_at(t.source(), "表格 " + id + " 缺少 rows"); return; }
  if (rows->size() > static_cast<size_t>(limits::kTableRows)) {
    r.error(*t.get("rows"), "表格 " + id + " 有 " + std::to_string(rows->size()) + " 行，上限为 " +
                                std::to_string(limits::kTableRows) + " 行");
    return;
  }
  const int ncols = static_cast<int>(tab.widths.size());
  std::vector<int> covered(ncols, 0);  // rows still covered by a rowspan, per column
  const int nrows = static_cast<int>(rows->size());
  bool grid = true;  // no cell placed wrong yet: after one is, the rest are not placed (no cascade)
  int row = 0;
  for (const auto& rn : *rows) {
    const toml::array* cells = rn.as_array();
    if (!cells) { r.error(rn, "表格的每一行应为数组"); continue; }
    int col = 0;
    auto next_free = [&] { while (col < ncols && covered[col] > 0) ++col; };
    std::string last_label;
    for (const auto& cn : *cells) {
      Cell proto;
      proto.row = row;
      std::vector<int> colspans{1};
      int ncells = 1;
      if (auto s = cn.value<std::string>()) {
        proto.text = *s;
        proto.align = Align::Center;
      } else if (const toml::table* ct = cn.as_table()) {
        proto.text = r.get<std::string>(*ct, "text", "字符串", false).value_or("");
        proto.rowspan = r.integer(*ct, "rowspan", "跨行数", 1, limits::kTableRows, false).value_or(1);
        if (row + proto.rowspan > nrows) {
          r.error(*ct->get("rowspan"), "表格 " + id + " 第 " + std::to_string(row + 1) + " 行的单元格跨 " +
                                           std::to_string(proto.rowspan) + " 行，超出表格的最后一行（共 " +
                                           std::to_string(nrows) + " 行）");
          proto.rowspan = nrows - row;
          grid = false;
        }
        if (const toml::array* cs = ct->get_as<toml::array>("colspan")) {
          colspans.clear();
          for (const auto& x : *cs) {
            auto v = x.value_exact<int64_t>();
            if (!v || *v < 1 || *v > limits::kTableColumns)
              r.error(x, "colspan 的每一项应为 1–" + std::to_string(limits::kTableColumns) + " 之间的整数");
            colspans.push_back(v && *v >= 1 && *v <= limits::kTableColumns ? static_cast<int>(*v) : 1);
          }
        } else {
          colspans = {r.integer(*ct, "colspan", "跨列数", 1, limits::kTableColumns, false).value_or(1)};
        }
        if (auto a = r.get<std::string>(*ct, "align", "对齐方式", false)) {
          if (auto al = parse_align(*a)) proto.align = *al;
          else r.error(*ct->get("align"), "align 应为 left、center 或 right");
        }
        if (auto key = r.get<std::string>(*ct, "field", "输入键名", false)) {
          Field f;
          f.key = *key;
          f.label = r.get<std::string>(*ct, "label", "字符串", false).value_or(last_label);
          f.name = r.get<std::string>(*ct, "name", "字符串", false).value_or(f.label);
          f.optional = r.get<bool>(*ct, "optional", "布尔值", false).value_or(false);
          if (const toml::node* units = ct->get("units")) f.units = read_names(r, *units, "units");
          int n = r.integer(*ct, "columns", "字段的列数", 1, limits::kTableColumns, false).value_or(1);
          f.types.assign(n, FigureType::Count);
          f.derivable.assign(n, false);
          if (const toml::node* names = ct->get("column_names")) {
            f.columns = read_names(r, *names);
            if (static_cast<int>(f.columns.size()) != n) r.error(*names, "column_names 的个数须等于 columns");
          }
          if (const toml::array* ts = ct->get_as<toml::array>("types")) {
            if (static_cast<int>(ts->size()) != n) r.error(*ts, "types 的个数须等于 columns");
            for (size_t i = 0; i < ts->size() && i < f.types.size(); ++i) {
              auto s = (*ts)[i].value<std::string>().value_or("");
              if (s == "count") f.types[i] = FigureType::Count;
              else if (s == "change") f.types[i] = FigureType::Change;
              else if (s == "amount") f.types[i] = FigureType::Amount;
              else r.error((*ts)[i], "类型应为 count、change 或 amount");
            }
          }
          if (tab.find_field(f.key)) r.error(cn, "字段 " + f.key + " 重复定义");
          proto.field = static_cast<int>(tab.fields.size());
          tab.fields.push_back(f);
          ncells = n;
          if (colspans.size() == 1) colspans.assign(n, colspans[0]);
          if (static_cast<int>(colspans.size()) != n) r.error(cn, "colspan 数组的长度须等于 columns");
        } else if (proto.text.empty()) {
          r.error(cn, "单元格须有 text 或 field");
        }
      } else {
        r.error(cn, "单元格应为字符串或表");
        continue;
      }
      if (auto text = decode_utf8(proto.text); text && text->size() > limits::kCellChars)
        r.error(cn, "单元格文字有 " + std::to_string(text->size()) + " 个字，上限为 " +
                        std::to_string(limits::kCellChars) + " 个字");
      if (proto.field < 0) last_label = proto.text;
      for (int k = 0; k < ncells && grid; ++k) {
        Cell c = proto;
        c.column = k;
        c.colspan = k < static_cast<int>(colspans.size()) ? colspans[k] : 1;
        next_free();
        c.col = col;
        if (c.rowspan < 1 || c.colspan < 1 || col + c.colspan > ncols) {
          r.error(cn, "表格 " + id + " 第 " + std::to_string(row + 1) + " 行：单元格超出 " +
                          std::to_string(ncols) + " 列的网格");
          grid = false;
          break;
        }
        for (int j = col; j < col + c.colspan && grid; ++j) {
          if (covered[j] > 0) { r.error(cn, "单元格与上方的跨行单元格重叠"); grid = false; }
          covered[j] = c.rowspan;
        }
        if (!grid) break;
        col += c.colspan;
        tab.cells.push_back(c);
      }
    }
    next_free();
    if (grid && col != ncols) {
      r.error(rn, "表格 " + id + " 第 " + std::to_string(row + 1) + " 行只填满了 " + std::to_string(col) +
                      " 列，网格有 " + std::to_string(ncols) + " 列");
    }
    for (int& c : covered)
      if (c > 0) --c;
    ++row;
  }
  tab.rows = row;
  for (int c : covered)
    if (grid && c > 0) {
      r.error_at(t.source(), "表格 " + id + " 的跨行单元格超出最后一行");
      break;
    }
  if (tab.header_rows < 0 || tab.header_rows > tab.rows) r.error_at(t.source(), "header_rows 超出行数");
  // Column names of the table apply to every field that does not name its own.
  if (const toml::node* names = t.get("column_names")) {
    auto list = read_names(r, *names);
    for (auto& f : tab.fields) {
      if (!f.columns.empty()) continue;
      if (list.size() != f.types.size())
        r.error(*names, "表格 " + id + " 的 column_names 有 " + std::to_string(list.size()) + " 个，字段 " + f.key +
                            " 有 " + std::to_string(f.types.size()) + " 列：请为该字段单独写 column_names");
      else f.columns = list;
    }
  }
  detail::read_rules(r, t, tab);
}

}  // namespace

std::optional<Layout> load(const std::string& path, Diagnostics& diags) {
  Diagnostics local;
  SourceRef src = read_source(path, local);
  if (!src) { diags.append(local); return std::nullopt; }
  auto doc = parse_toml(src, local);
  if (!doc) { diags.append(local); return std::nullopt; }
  Reader r(src, local);
  Layout l;
  l.path = path;
  l.id = r.get<std::string>(*doc, "id", "字符串").value_or("");
  l.name = r.get<std::string>(*doc, "name", "字符串").value_or("");
  l.document = r.get<std::string>(*doc, "document", "字符串").value_or("");
  l.first_year = r.integer(*doc, "first_year", "适用的第一个报告年度", 1990, 9999).value_or(0);
  l.last_year = r.integer(*doc, "last_year", "适用的最后一个报告年度", 1990, 9999, false).value_or(9999);
  if (l.last_year < l.first_year) r.error_at(doc->source(), "last_year 早于 first_year");
  if (const toml::table* p = r.table(*doc, "page")) read_page(r, *p, l.page);
  if (const toml::table* t = doc->get_as<toml::table>("typography")) {
    l.typography.cjk_latin_space = r.number(*t, "cjk_latin_space", "汉字与西文间距（em）", 0, 1, false).value_or(0.25);
    if (const toml::array* a = t->get_as<toml::array>("title_keep_together"))
      for (const auto& x : *a) {
        if (auto v = x.value<std::string>()) l.typography.title_keep_together.push_back(*v);
        else r.error(x, "title_keep_together 的每一项应为字符串");
      }
  }
  if (const toml::table* g = doc->get_as<toml::table>("signature")) {
    SignatureStyle& sg = l.signature;
    sg.by_default = r.get<bool>(*g, "default", "布尔值（是否默认排落款）", false).value_or(false);
    sg.gap_lines = r.integer(*g, "gap_lines", "正文与署名之间的空行数", 0, 3, false).value_or(1);
    sg.organ_right = r.number(*g, "organ_right", "署名右空字数", 0, 10, false).value_or(2);
    sg.date_shift = r.number(*g, "date_shift", "成文日期首字比署名首字右移字数", 0, 10, false).value_or(2);
    sg.date_right = r.number(*g, "date_right", "较长的成文日期右空字数", 0, 10, false).value_or(2);
    sg.seal_date_right = r.number(*g, "seal_date_right", "加盖印章时成文日期右空字数", 0, 10, false).value_or(4);
  }
  if (const toml::table* c = doc->get_as<toml::table>("checks"))
    l.copied_prose = r.number(*c, "copied_prose", "与上年相同的正文比例（0–1）", 0, 1, false).value_or(0);
  if (const toml::table* f = r.table(*doc, "fonts")) {
    for (const auto& [k, v] : *f) {
      const toml::table* ft = v.as_table();
      if (!ft) { r.error(v, "字体 " + std::string(k.str()) + " 应为 { file = …, face = … }"); continue; }
      FontFile ff;
      ff.file = r.get<std::string>(*ft, "file", "字体文件名").value_or("");
      const toml::node* file = ft->get("file");
      ff.loc = r.loc(file ? *file : v);
      ff.face = r.integer(*ft, "face", "字体集合中的序号", 0, 65535, false).value_or(0);
      l.fonts[std::string(k.str())] = ff;
    }
  }
  if (const toml::table* roles = r.table(*doc, "roles")) {
    std::vector<const toml::key*> unknown;
    std::vector<Role> missing;
    for (const auto& [k, v] : *roles) {
      if (auto id = parse_role(k.str())) read_role(r, *id, std::string(k.str()), v, l);
      else unknown.push_back(&k);
    }
    for (Role x : kRoles)
      if (std::none_of(roles->begin(), roles->end(), [&](const auto& e) { return parse_role(e.first.str()) == x; }))
        missing.push_back(x);
    if (unknown.size() == 1 && missing.size() == 1) {  // one role misspelt: said once
      r.error_at(unknown[0]->source(), "未知的字体角色 " + std::string(unknown[0]->str()) + "：是否想写 " +
                                           role_name(missing[0]) + "（缺少的角色）？");
    } else {
      std::string known;
      for (Role x : kRoles) known += (known.empty() ? "" : "、") + role_name(x);
      for (const toml::key* k : unknown)
        r.error_at(k->source(), "未知的字体角色 " + std::string(k->str()) + "：角色只有 " + known);
      for (Role x : missing) r.error_at(roles->source(), "缺少字体角色 " + role_name(x) + "：请在 [roles] 中加上");
    }
  }
  if (const toml::table* tabs = doc->get_as<toml::table>("tables"))
    for (const auto& [k, v] : *tabs) {
      if (!v.is_table()) { r.error(v, "表格定义应为表"); continue; }
      read_table(r, std::string(k.str()), *v.as_table(), l.tables[std::string(k.str())]);
    }
  if (const toml::array* secs = doc->get_as<toml::array>("sections")) {
    for (const auto& sn : *secs) {
      const toml::table* st = sn.as_table();
      if (!st) { r.error(sn, "[[sections]] 的每一项应为表"); continue; }
      Section s;
      s.key = r.get<std::string>(*st, "key", "输入键名").value_or("");
      s.title = r.get<std::string>(*st, "title", "章节标题").value_or("");
      s.table = r.get<std::string>(*st, "table", "表格名", false).value_or("");
      s.hint = r.get<std::string>(*st, "hint", "填写提示", false).value_or("");
      if (const toml::node* v = st->get("variants")) s.variants = read_names(r, *v, "variants");
      s.may_be_none = r.get<bool>(*st, "may_be_none", "布尔值（没有可报告的事项时可否只写“无。”）", false).value_or(true);
      if (!s.table.empty() && !l.tables.count(s.table)) r.error(sn, "章节引用了未定义的表格 " + s.table);
      for (const auto& other : l.sections)
        if (!s.table.empty() && other.table == s.table)
          r.error(sn, "表格 " + s.table + " 已属于章节 " + other.key + "：每个表格只能属于一个章节");
      for (const char* k : kReportKeys)
        if (s.key == k) r.error(sn, "章节的 key 不能是 " + s.key + "（输入文件中已有此键）");
      for (const auto& other : l.sections)
        if (other.key == s.key) r.error(sn, "章节 key " + s.key + " 重复");
      l.sections.push_back(s);
    }
  }
  if (l.sections.empty()) r.error_at(doc->source(), "缺少 [[sections]]");
  detail::read_mentions(r, *doc, l);
  diags.append(local);
  if (local.has_errors()) return std::nullopt;
  return l;
}

}  // namespace nb::layout
