#include "cli/init.hpp"

#include <algorithm>

#include "cli/diagnostics_out.hpp"

namespace nb::cli {

namespace {

// Pads `left` to `width` display cells, then adds the comment.
std::string commented(const std::string& left, size_t width, const std::string& comment) {
  size_t w = display_width(left);
  return left + std::string(w < width ? width - w : 1, ' ') + "# " + comment + "\n";
}

// The columns of a row, and which may be left out.
std::string columns_comment(const layout::Field& f) {
  std::string c;
  for (size_t i = 0; i < f.columns.size(); ++i) c += (i ? "、" : "") + f.columns[i];
  bool derivable = std::any_of(f.derivable.begin(), f.derivable.end(), [](bool b) { return b; });
  if (derivable && !f.columns.empty()) c += "（" + f.columns.back() + "可省略，省略时自动计算）";
  return c;
}

std::string field_comment(const layout::Field& f, bool shared_columns) {
  std::string c = f.label;
  if (!shared_columns && !f.columns.empty()) c += "：" + columns_comment(f);
  if (!f.derivable.empty() && std::all_of(f.derivable.begin(), f.derivable.end(), [](bool b) { return b; }))
    c += "（整行可省略，省略时自动计算）";
  for (auto t : f.types) {
    if (t == layout::FigureType::Change) { c += "；本年增/减可为负数"; break; }
    if (t == layout::FigureType::Amount) { c += "；金额至多4位小数"; break; }
  }
  return c;
}

}  // namespace

std::string init_template(const layout::Layout& l, int year, const std::string& organ) {
  const std::string name = organ.empty() ? "（机关名称）" : organ;
  std::string o;
  o += "# " + std::to_string(year) + "年" + name + "政府信息公开工作年度报告 — nianbao 输入文件\n";
  o += "# 由 nianbao init 生成，格式：" + l.name + "（" + l.document + "）。\n";
  o += "# 填写：文字写在 \"\"\" 与 \"\"\" 之间；空一行为新段落；**文字** 为加粗；以“## ”开头的一行为\n";
  o += "# 二级标题（如 ## （一）主动公开），“### ”三级，“#### ”四级。数字不加引号和单位，没有的填 0。\n";
  o += "# 写完后运行：nianbao check 本文件；无误后 nianbao build 本文件。\n\n";
  const size_t w = 34;
  o += commented("format = \"" + l.id + "\"", w, "年报格式：" + l.document);
  o += commented("year   = " + std::to_string(year), w, "报告年度");
  o += commented("organ  = \"" + organ + "\"", w, "发布机关（全称）");
  o += commented("title  = \"" + std::to_string(year) + "年" + organ + "政府信息公开工作年度报告\"", w,
                 "报告标题");
  o += commented("date   = " + std::to_string(year + 1) + "-01-31", w,
                 "发布日期（不加引号；法定时限为次年1月31日前）");
  o += "\n# 前言（可删去）：报告的依据、组成、统计期限、电子版下载地址和联系方式。\n";
  o += "preface = \"\"\"\n\"\"\"\n";
  for (const auto& s : l.sections) {
    o += "\n[" + s.key + "]   # " + s.title + "\n";
    if (!s.hint.empty()) o += "# " + s.hint + "\n";
    o += "text = \"\"\"\n\"\"\"\n";
    const layout::Table* t = l.table_for(s);
    if (!t) continue;
    size_t key_w = 0;
    for (const auto& f : t->fields) key_w = std::max(key_w, f.key.size());
    std::vector<std::string> lines;
    size_t line_w = 0;
    for (const auto& f : t->fields) {
      std::string zeros = "0";
      if (f.types.size() > 1) {
        zeros = "[";
        for (size_t i = 0; i < f.types.size(); ++i) zeros += i ? ", 0" : "0";
        zeros += "]";
      }
      lines.push_back(f.key + std::string(key_w - f.key.size(), ' ') + " = " + zeros);
      line_w = std::max(line_w, lines.back().size());
    }
    // Rows with the same columns (table 三, 四) name them once.
    bool shared = t->fields.size() > 1 && !t->fields[0].columns.empty();
    for (const auto& f : t->fields) shared = shared && f.columns == t->fields[0].columns;
    if (shared) o += "# 每行依次为：" + columns_comment(t->fields[0]) + "\n";
    for (size_t i = 0; i < lines.size(); ++i) o += commented(lines[i], line_w + 3, field_comment(t->fields[i], shared));
  }
  return o;
}

}  // namespace nb::cli
