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

namespace {

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// What a clerk should do about toml++'s (English) description of a syntax error.
std::string syntax_hint(std::string_view d) {
  if (contains(d, "saw '，'") || contains(d, "saw '、'"))
    return "数与数之间用半角逗号“,”分隔，不要用全角逗号“，”或顿号“、”";
  if (contains(d, "parsing date") || contains(d, "2-digit month") || contains(d, "2-digit day"))
    return "日期写作 2026-01-30：年四位，月、日各两位，不加引号";
  if (contains(d, "expected digit, saw") || (contains(d, "parsing decimal integer") && contains(d, "saw")))
    return "数字后面不要写单位或汉字：只写数字（如 12，而不是 12件）";
  if (contains(d, "cannot redefine existing")) return "这个键或表已经写过一次：每个键只能写一次，请删去重复的一处";
  if (contains(d, "parsing string") || contains(d, "literal string"))
    return "文字没有结束：检查两端的引号（多行文字用 \"\"\" 开始和结束）";
  if (contains(d, "expected '='")) return "键和值之间要有等号“=”";
  if (contains(d, "expected a comment or whitespace")) return "一行只能写一个“键 = 值”，值后面只能跟 # 注释";
  if (contains(d, "surrogates")) return "\\u 转义不能写代理码位（U+D800–U+DFFF）：请直接写出字符";
  return "请对照模板检查此处的写法";
}

}  // namespace

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
                "TOML 语法错误：" + syntax_hint(e.description()) + "（" + std::string(e.description()) + "）");
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
