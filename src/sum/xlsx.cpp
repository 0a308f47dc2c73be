// The summary as an .xlsx workbook, by libxlsxwriter (Debian's libxlsxwriter-dev).
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "sum/sum.hpp"

namespace nb::sum {

std::string write_xlsx(const std::string& path, const Sheet& sheet, const std::string& title) {
  // Written beside the target and renamed over it: never half a workbook.
  const std::string tmp = path + ".tmp-nianbao";
  lxw_workbook* wb = workbook_new(tmp.c_str());
  if (!wb) return "无法写出 " + path + "：请检查文件夹是否存在、是否可写";
  lxw_doc_properties props{};
  std::string title_copy = title, author = "nianbao";
  props.title = title_copy.data();
  props.author = author.data();
  props.created = 1;  // a fixed time: the same sheet gives the same bytes
  workbook_set_properties(wb, &props);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "汇总");
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_text_wrap(head);
  format_set_align(head, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* total = workbook_add_format(wb);
  format_set_bold(total);
  for (size_t c = 0; c < sheet.header.size(); ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sheet.header[c].c_str(), head);
  for (size_t r = 0; r < sheet.rows.size(); ++r) {
    const bool last = r + 1 == sheet.rows.size();
    for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      const auto col = static_cast<lxw_col_t>(c);
      if (c < 2) worksheet_write_string(ws, row, col, sheet.rows[r][c].c_str(), last ? total : nullptr);
      else worksheet_write_number(ws, row, col, std::strtod(sheet.rows[r][c].c_str(), nullptr), last ? total : nullptr);
    }
  }
  worksheet_set_column(ws, 0, 1, 28, nullptr);
  worksheet_set_column(ws, 2, static_cast<lxw_col_t>(sheet.header.size()), 14, nullptr);
  worksheet_set_row(ws, 0, 90, nullptr);
  worksheet_freeze_panes(ws, 1, 2);
  const lxw_error e = workbook_close(wb);
  std::error_code ec;
  if (e != LXW_NO_ERROR) {
    std::filesystem::remove(tmp, ec);
    return "无法写出 " + path + "（libxlsxwriter：" + lxw_strerror(e) + "）";
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return "无法写出 " + path + "（" + ec.message() + "）";
  }
  return "";
}

}  // namespace nb::sum
