#include "core/toml_util.hpp"

#include <sys/stat.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "core/limits.hpp"
#include "core/utf8.hpp"

namespace nb {

namespace {

std::string megabytes(size_t bytes) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f MB", static_cast<double>(bytes) / (1024 * 1024));
  return b;
}

// The first byte that is not UTF-8, or a control character TOML allows nowhere (C0
// but tab and line feed, a CR not before LF, DEL): its line, column and message.
std::optional<Diagnostic> scan_bytes(const SourceRef& src) {
  std::string_view t = src->text;
  uint32_t line = 1, col = 1;
  for (size_t i = 0; i < t.size();) {
    auto b = static_cast<unsigned char>(t[i]);
    size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    if (b >= 0x80 && (i + n > t.size() || !decode_utf8(t.substr(i, n)))) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", b);
      std::string guess;
      if (i == 0 && t.size() >= 2 && ((b == 0xFF && t[1] == '\xFE') || (b == 0xFE && t[1] == '\xFF')))
        guess = "文件是 UTF-16 编码（记事本的“Unicode”）";
      else if (b >= 0x81 && b <= 0xFE && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) >= 0x40)
        guess = "文件可能是 GBK（GB2312、GB18030）编码";
      else
        guess = std::string("文件不是有效的 UTF-8 文本（此处的字节 ") + hex + "）";
      return Diagnostic{Severity::Error, {src, line, col},
                        guess + "：请用 UTF-8 编码另存（记事本“另存为”时编码选 UTF-8）", {}};
    }
    if (b == '\r' && i + 1 < t.size() && t[i + 1] == '\n') {
      i += 1;
      continue;
    }
    if (b == '\r')
      return Diagnostic{Severity::Error, {src, line, col},
                        "单独的回车符 CR（U+000D）：TOML 文件的换行须为 LF 或 CRLF，请用 UTF-8、LF 换行重新保存", {}};
    if ((b < 0x20 && b != '\t' && b != '\n') || b == 0x7F)
      return Diagnostic{Severity::Error, {src, line, col},
                        "文件中含有控制字符 " + codepoint_name(b) +
                            "（常见于从 Word 或网页复制的文字）：请删除它；如确需特殊字符，请在引号内写转义，如 \\u00A0",
                        {}};
    if (b == '\n') { ++line; col = 1; }
    else ++col;
    i += n;
  }
  return std::nullopt;
}

// Full-width marks a Chinese keyboard gives where TOML wants ASCII, and the ASCII
// to type, as a message names it.
const char* ascii_for(char32_t c) {
  switch (c) {
    case U'，': return "字符“,”";
    case U'＝': return "字符“=”";
    case U'“': case U'”': case U'＂': return "字符“\"”";
    case U'‘': case U'’': return "字符“'”";
    case U'［': case U'【': return "字符“[”";
    case U'］': case U'】': return "字符“]”";
    case U'｛': return "字符“{”";
    case U'｝': return "字符“}”";
    case U'：': return "字符“:”";
    case U'＃': return "字符“#”";
    case U'．': case U'。': return "字符“.”";
    case U'－': return "字符“-”";
    case U'\u3000': return "空格";
    default: return nullptr;
  }
}

char32_t char_at(const SourceFile& f, uint32_t line, uint32_t col) {
  size_t i = 0;
  for (uint32_t l = 1; l < line && i < f.text.size(); ++i)
    if (f.text[i] == '\n') ++l;
  size_t e = f.text.find('\n', i);
  auto text = decode_utf8(std::string_view(f.text).substr(i, e == std::string::npos ? std::string::npos : e - i));
  if (!text || col == 0 || col > text->size()) return 0;
  return (*text)[col - 1];
}

// toml++'s "Error while parsing SCOPE: DETAIL" in Chinese: what is wrong and what
// to do. Unknown details keep toml++'s words.
std::string explain(const std::string& description, char32_t at) {
  const std::string prefix = "Error while parsing ";
  std::string scope, detail = description;
  if (size_t colon = description.find(": "); description.rfind(prefix, 0) == 0 && colon != std::string::npos) {
    scope = description.substr(prefix.size(), colon - prefix.size());
    detail = description.substr(colon + 2);
  }
  auto has = [&](const char* s) { return detail.find(s) != std::string::npos; };
  // The digits after `after` in the detail ("saw 30" -> "30").
  auto number_after = [&](const char* after) {
    size_t p = detail.find(after);
    if (p == std::string::npos) return std::string();
    p += std::string(after).size();
    size_t e = p;
    while (e < detail.size() && detail[e] >= '0' && detail[e] <= '9') ++e;
    return detail.substr(p, e - p);
  };
  const char* ascii = ascii_for(at);
  if (ascii && (has("saw") || has("could not determine value type")))
    return std::string("此处是全角字符“") + encode_utf8(std::u32string(1, at)) + "”：TOML 的标点须用半角（英文）" + ascii +
           "，请切换到英文输入法重新输入";
  if (has("end-of-file")) {
    if (scope.find("string") != std::string::npos)
      return "字符串没有闭合（直到文件末尾都没有结束的引号）：请在文字末尾补上引号；多行文字用 \"\"\" 括起";
    if (scope == "array") return "数组没有闭合：请在末尾补上 ]";
    if (scope == "inline table") return "内联表没有闭合：请在末尾补上 }";
    if (scope == "table header") return "表头没有闭合：请写作 [名称]";
    return "文件意外结束：请检查最后一个值是否写完整";
  }
  if (has("cannot redefine existing") || has("cannot insert")) {
    size_t q = detail.find('\''), e = q == std::string::npos ? q : detail.find('\'', q + 1);
    std::string key = e == std::string::npos ? "" : " " + detail.substr(q + 1, e - q - 1);
    return "重复定义" + key + "：同一个键或表只能写一次，请删除或合并重复的一项";
  }
  if (has("expected day between 1 and "))
    return "日期无效：该月只有 " + number_after("between 1 and ") + " 天，写的是 " + number_after("saw ") + " 日";
  if (has("expected month between 1 and 12"))
    return "日期无效：月份应在 1–12 之间，写的是 " + number_after("saw ");
  if (scope == "date" || scope == "date-time" || scope == "time" || scope == "date-time offset")
    return "日期格式不正确：应写作 2021-01-31（四位年、两位月、两位日，以 - 分隔，不加引号）";
  if (has("not representable in 64 bits") || has("exceeds length limit") || has("numeric value too long"))
    return "数字过大：请检查是否多写了数字";
  if (has("surrogates"))
    return "转义 \\uD800–\\uDFFF 是 UTF-16 代理码位，不是字符（Word 等软件有时这样拆开一个字）：请直接写出这个字符";
  if (has("greater than U+10FFFF")) return "转义超出 Unicode 范围（最大 \\U0010FFFF）：请直接写出这个字符";
  if (has("unknown escape sequence"))
    return "未知的转义序列：引号内的反斜杠 \\ 须写成 \\\\（或改用单引号 '…' 括起的字符串）";
  if (has("expected hex digit")) return "转义不完整：\\u 后须有 4 位、\\U 后须有 8 位十六进制数字";
  if (has("control character") && at == 0 && scope.find("string") != std::string::npos)
    return "字符串没有闭合：行末缺少结束的引号（跨行的文字请用 \"\"\" 括起）";
  if (has("control character"))
    return "含有控制字符（常见于从 Word 或网页复制的文字）：请删除它";
  if (has("leading zeroes")) return "数字不能以 0 开头（如 007）：请去掉开头的 0";
  if (has("underscore")) return "数字中的下划线 _ 只能写在两个数字之间";
  if (has("expected value or closing ']', saw comma")) return "数组中有多余的逗号：两个逗号之间须有一个值";
  if (has("expected comma or closing ']'")) return "数组的各项之间须用英文逗号 , 分隔，最后以 ] 结束";
  if (has("expected '='")) return "键名后须有等号 =；键名只能由英文字母、数字、- 和 _ 组成";
  if (has("expected value, saw")) return "等号后缺少值：请写一个数字、\"文字\"、日期或 [数组]";
  if (has("expected bare key starting character"))
    return "此处应为键名：键名只能由英文字母、数字、- 和 _ 组成（中文键名须加引号）";
  if (has("could not determine value type"))
    return "无法识别的值：文字须用英文双引号括起（如 \"…\"），数字只写阿拉伯数字，不加单位";
  if (has("expected keys, tables, whitespace or comments"))
    return "此处应为键名：键名只能由英文字母、数字、- 和 _ 组成（中文键名须加引号）";
  if (has("expected a comment or whitespace") || has("expected value-terminator"))
    return "值后面有多余的字符：一行只写一个“键 = 值”，其后只能有 # 开头的注释";
  if (has("expected ']'")) return "表头须写作 [名称]";
  if (has("closing '}'") || has("dangling comma")) return "内联表须写作 { 键 = 值, 键 = 值 }，写在同一行";
  if (has("nested value depth")) return "数组或表嵌套过深";
  if (scope == "floating-point" || scope.find("integer") != std::string::npos)
    return "数字格式不正确：请只写阿拉伯数字，小数用英文句点";
  return "toml++：" + description;
}

// toml++ places some errors after the token at fault; the column of its start:
// the backslash of an escape, the first character of a number or date, the key of
// a key defined twice.
uint32_t token_start(const SourceFile& f, const Loc& at, const std::string& description) {
  size_t b = 0;
  for (uint32_t l = 1; l < at.line && b < f.text.size(); ++b)
    if (f.text[b] == '\n') ++l;
  size_t e = f.text.find('\n', b);
  auto line = decode_utf8(std::string_view(f.text).substr(b, e == std::string::npos ? std::string::npos : e - b));
  if (!line || at.col == 0) return at.col;
  size_t col = std::min<size_t>(at.col, line->size() + 1);
  auto has = [&](const char* s) { return description.find(s) != std::string::npos; };
  if (has("redefine existing") || has("cannot insert")) {
    size_t k = 0;
    while (k < line->size() && ((*line)[k] == ' ' || (*line)[k] == '\t')) ++k;
    return static_cast<uint32_t>(k + 1);
  }
  if (has("unicode scalar") || has("escape sequence") || has("hex digit") || has("U+10FFFF")) {
    for (size_t k = col; k-- > 0;)
      if (k < line->size() && (*line)[k] == '\\') return static_cast<uint32_t>(k + 1);
    return at.col;
  }
  if (has("while parsing date") || has("while parsing time") || has("integer") || has("floating-point")) {
    auto token = [](char32_t c) {
      return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == ':' || c == '.' || c == '_' || c == 'T' ||
             c == 'Z' || c == 'e' || c == 'E' || c == 'x' || c == 'o' || c == 'b';
    };
    size_t k = col - 1;
    if (k > 0 && (k >= line->size() || !token((*line)[k]))) --k;  // just after the token
    if (k >= line->size() || !token((*line)[k])) return at.col;
    while (k > 0 && token((*line)[k - 1])) --k;
    return static_cast<uint32_t>(k + 1);
  }
  return at.col;
}

}  // namespace

std::string read_at_most(std::istream& in, size_t limit) {
  std::string text;
  char buf[64 * 1024];
  while (text.size() <= limit && in.read(buf, sizeof buf).gcount() > 0) text.append(buf, static_cast<size_t>(in.gcount()));
  return text;
}

SourceRef read_source(const std::string& path, Diagnostics& diags) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    diags.add({Severity::Error, {}, "这是一个文件夹，不是输入文件：请给出 .toml 文件", path});
    return nullptr;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.add({Severity::Error, {}, "无法读取文件，请检查路径和权限", path});
    return nullptr;
  }
  std::string text = read_at_most(in, limits::kFileBytes);
  if (text.size() > limits::kFileBytes) {
    size_t size = S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) : text.size();
    diags.add({Severity::Error, {},
               "文件过大（" + megabytes(size) + "，上限 " + megabytes(limits::kFileBytes) +
                   "）：年报的输入文件通常不到 100 KB，请检查是否选错了文件",
               path});
    return nullptr;
  }
  auto f = std::make_shared<SourceFile>();
  f->path = path;
  f->text = std::move(text);
  return f;
}

Loc loc_of(const SourceRef& src, const toml::source_region& region) {
  return Loc{src, region.begin.line, region.begin.column};
}

std::optional<toml::table> parse_toml(const SourceRef& src, Diagnostics& diags) {
  if (auto bad = scan_bytes(src)) {
    diags.add(*bad);
    return std::nullopt;
  }
  try {
    return toml::parse(std::string_view(src->text), std::string_view(src->path));
  } catch (const toml::parse_error& e) {
    Loc at = loc_of(src, e.source());
    if (at.line == 0) at = Loc{src, 1, 1};
    const std::string description(e.description());
    const std::string message = explain(description, char_at(*src, at.line, at.col));
    at.col = token_start(*src, at, description);
    diags.error(at, "TOML 语法错误：" + message);
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
