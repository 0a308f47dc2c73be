#include "core/toml_util.hpp"

#include <fstream>
#include <sstream>

#include "core/utf8.hpp"

namespace nb {

SourceRef read_source(const std::string& path, Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.add({Severity::Error, {}, "无法读取文件，请检查路径和权限", path});
    return nullptr;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  auto f = std::make_shared<SourceFile>();
  f->path = path;
  f->text = ss.str();
  return f;
}

Loc loc_of(const SourceRef& src, const toml::source_region& region) {
  return Loc{src, region.begin.line, region.begin.column};
}

std::optional<toml::table> parse_toml(const SourceRef& src, Diagnostics& diags) {
  if (!decode_utf8(src->text)) {
    // Find the first bad byte to report its line.
    uint32_t line = 1, col = 1;
    std::string_view t = src->text;
    for (size_t i = 0; i < t.size();) {
      size_t n = 1;
      auto b = static_cast<unsigned char>(t[i]);
      if (b >= 0xF0) n = 4; else if (b >= 0xE0) n = 3; else if (b >= 0xC0) n = 2;
      if (!decode_utf8(t.substr(i, n))) break;
      if (t[i] == '\n') { ++line; col = 1; } else ++col;
      i += n;
    }
    diags.error({src, line, col}, "文件不是有效的 UTF-8 文本：请用 UTF-8 编码保存");
    return std::nullopt;
  }
  try {
    return toml::parse(std::string_view(src->text), std::string_view(src->path));
  } catch (const toml::parse_error& e) {
    diags.error(loc_of(src, e.source()),
                "TOML 语法错误：" + std::string(e.description()) + "；请对照 TOML 语法修改此处");
    return std::nullopt;
  }
}

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "字符串";
    case toml::node_type::integer: return "整数";
    case toml::node_type::floating_point: return "小数";
    case toml::node_type::boolean: return "布尔值";
    case toml::node_type::date: return "日期";
    case toml::node_type::time: return "时间";
    case toml::node_type::date_time: return "日期时间";
    case toml::node_type::array: return "数组";
    case toml::node_type::table: return "表";
    default: return "未知类型";
  }
}

}  // namespace nb
