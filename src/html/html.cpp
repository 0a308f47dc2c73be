#include "html/html.hpp"

#include <cstdio>
#include <vector>

#include "core/utf8.hpp"

namespace nb::html {

namespace {

std::string escape(const std::u32string& text) {
  std::string o;
  for (char32_t c : text) {
    switch (c) {
      case U'&': o += "&amp;"; break;
      case U'<': o += "&lt;"; break;
      case U'>': o += "&gt;"; break;
      case U'"': o += "&quot;"; break;
      default: o += encode_utf8(std::u32string(1, c));
    }
  }
  return o;
}

std::string escape(const std::string& utf8) { return escape(decode_utf8(utf8).value_or(U"")); }

// Runs as inline HTML: bold lead phrases as strong, forced line breaks as br.
std::string inline_runs(const std::vector<compose::Run>& runs) {
  std::string o;
  bool first = true;
  for (const auto& r : runs) {
    if (r.line_break && !first) o += "<br>";
    first = false;
    if (r.role == layout::Role::Emphasis) o += "<strong>" + escape(r.text) + "</strong>";
    else o += escape(r.text);
  }
  return o;
}

std::string paragraph(const compose::Paragraph& p) {
  using compose::Kind;
  const std::string text = inline_runs(p.runs);
  std::string tag = "p", cls = "p";
  switch (p.kind) {
    case Kind::Title: tag = "h1"; cls = "title"; break;
    case Kind::Subtitle: cls = "subtitle"; break;
    case Kind::Heading1: tag = "h2"; cls = "h2"; break;
    case Kind::Heading2: tag = "h3"; cls = "h3"; break;
    case Kind::Heading3: tag = "h4"; cls = "h4"; break;
    case Kind::Heading4: tag = "h5"; cls = "h5"; break;
    case Kind::Signature: cls = p.seal ? "signature nb-seal" : "signature"; break;
    case Kind::Body: break;
  }
  return "<" + tag + " class=\"" + kPrefix + cls + "\">" + text + "</" + tag + ">\n";
}

std::string cell_text(const compose::TableCell& c) {
  std::u32string s;
  for (const auto& r : c.runs) s += r.text;
  return escape(s);
}

std::string table(const compose::Table& t, int n) {
  const std::string id = std::string(kPrefix) + "t" + std::to_string(n);
  auto cell_id = [&](size_t i) { return id + "-" + std::to_string(i); };
  std::string o = "<div class=\"" + std::string(kPrefix) + "table-box\" role=\"region\" aria-label=\"" + escape(t.caption) +
                  "\" tabindex=\"0\">\n<table class=\"" + kPrefix + "table\" id=\"" + id + "\">\n";
  o += "<caption>" + escape(t.caption) + "</caption>\n";
  // Columns: their relative widths, as the PDF draws them.
  double sum = 0;
  for (double w : t.widths) sum += w;
  o += "<colgroup>";
  for (double w : t.widths) {
    char b[48];
    std::snprintf(b, sizeof b, "<col style=\"width:%.2f%%\">", sum > 0 ? 100 * w / sum : 0);
    o += b;
  }
  o += "</colgroup>\n";
  // Row by row (a row wholly spanned from above still gets its tr, so that the
  // spans count right); the header rows in thead.
  // A group of the body (the 2019 format's 第二十条 items: a title, its column
  // heads, its rows) is a tbody of its own.
  const int head = t.header_rows;
  std::vector<bool> data(static_cast<size_t>(t.rows), false);
  for (const auto& c : t.cells)
    if (c.data) data[static_cast<size_t>(c.row)] = true;
  size_t i = 0;
  for (int row = 0; row < t.rows; ++row) {
    if (row == 0) o += head > 0 ? "<thead>\n" : "<tbody>\n";
    if (row == head && head > 0) o += "</thead>\n<tbody>\n";
    else if (row > head && !data[row] && data[row - 1]) o += "</tbody>\n<tbody>\n";
    o += "<tr>";
    for (; i < t.cells.size() && t.cells[i].row == row; ++i) {
      const compose::TableCell& c = t.cells[i];
      std::string attrs;
      if (c.rowspan > 1) attrs += " rowspan=\"" + std::to_string(c.rowspan) + "\"";
      if (c.colspan > 1) attrs += " colspan=\"" + std::to_string(c.colspan) + "\"";
      const char* align = c.align == layout::Align::Left ? "left" : c.align == layout::Align::Right ? "right" : "center";
      if (c.header) {
        const char* scope = c.row_scope ? (c.rowspan > 1 ? "rowgroup" : "row") : (c.colspan > 1 ? "colgroup" : "col");
        o += "<th id=\"" + cell_id(i) + "\" scope=\"" + scope + "\"" + attrs + " class=\"" + kPrefix + align + "\">" +
             cell_text(c) + "</th>";
      } else {
        std::string headers;
        for (int h : c.headers) headers += (headers.empty() ? "" : " ") + cell_id(static_cast<size_t>(h));
        if (!headers.empty()) attrs += " headers=\"" + headers + "\"";
        // A figure alone, or a sentence holding one (…发布总数量：{value}).
        const std::string cls = c.figure ? "figure" : c.data ? std::string(align) + " " + kPrefix + "sentence" : align;
        o += "<td" + attrs + " class=\"" + kPrefix + cls + "\">" + cell_text(c) + "</td>";
      }
    }
    o += "</tr>\n";
  }
  o += t.rows > 0 && t.rows <= head ? "</thead>\n" : t.rows > 0 ? "</tbody>\n" : "";
  return o + "</table>\n</div>\n";
}

std::string body(const compose::Document& doc) {
  std::string o = "<article class=\"" + std::string(kPrefix) + "report\" lang=\"zh-CN\">\n";
  int tables = 0;
  for (const auto& b : doc.blocks) {
    if (const auto* p = std::get_if<compose::Paragraph>(&b)) o += paragraph(*p);
    else o += table(std::get<compose::Table>(b), ++tables);
  }
  return o + "</article>\n";
}

}  // namespace

std::string stylesheet() {
  // Font families by role, as the official document sets them, with the names
  // Windows, macOS, UOS/Kylin (Fandol, AR PL, Noto) and Android give them.
  return R"(.nb-report { max-width: 46em; margin: 0 auto; padding: 1em; color: #000; background: #fff;
  font: 16px/1.8 "FangSong", "仿宋", "STFangsong", "FangSong_GB2312", "Fandol Fang", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
.nb-report p { margin: 0; text-indent: 2em; text-align: justify; }
.nb-report strong { font-weight: bold; }
.nb-title { font: bold 22px/1.6 "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "宋体", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  text-align: center; margin: 0 0 0.8em; }
.nb-report p.nb-subtitle { text-indent: 0; text-align: center; margin-bottom: 0.8em;
  font-family: "KaiTi", "楷体", "STKaiti", "KaiTi_GB2312", "Fandol Kai", "AR PL UKai CN", serif; }
.nb-h2 { font: bold 16px/1.8 "SimHei", "黑体", "STHeiti", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
  text-indent: 2em; margin: 0.6em 0 0; }
.nb-h3 { font: 16px/1.8 "KaiTi", "楷体", "STKaiti", "KaiTi_GB2312", "Fandol Kai", "AR PL UKai CN", serif; text-indent: 2em; margin: 0; }
.nb-h4 { font-size: 16px; font-weight: bold; text-indent: 2em; margin: 0; }
.nb-h5 { font-size: 16px; font-weight: normal; text-indent: 2em; margin: 0; }
.nb-report p.nb-signature { text-indent: 0; text-align: right; margin-top: 1.8em; padding-right: 2em; }
.nb-table-box { overflow-x: auto; margin: 0.6em 0; }
.nb-table { border-collapse: collapse; width: 100%; min-width: 36em;
  font: 14px/1.5 "SimSun", "宋体", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
.nb-table caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.nb-table th, .nb-table td { border: 0.5pt solid #000; padding: 0.2em 0.3em; vertical-align: middle; font-weight: normal; }
.nb-center { text-align: center; }
.nb-left { text-align: left; }
.nb-right { text-align: right; }
.nb-figure { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
@media print {
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  .nb-report { max-width: none; padding: 0; font-size: 16pt; }
  .nb-table-box { overflow: visible; }
  .nb-table { min-width: 0; font-size: 10.5pt; page-break-inside: auto; }
  .nb-table tr { page-break-inside: avoid; }
  .nb-h2, .nb-h3 { page-break-after: avoid; }
}
)";
}

std::string fragment(const compose::Document& doc) { return body(doc); }

std::string page(const compose::Document& doc, const std::string& generator) {
  return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"" + escape(generator) + "\">\n"
         "<meta name=\"author\" content=\"" + escape(doc.about.organ) + "\">\n"
         "<title>" + escape(doc.about.title) + "</title>\n<style>\n" + stylesheet() + "</style>\n</head>\n<body>\n" +
         body(doc) + "</body>\n</html>\n";
}

}  // namespace nb::html
