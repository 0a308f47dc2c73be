#include "compose/document.hpp"

#include "core/utf8.hpp"

namespace nb::compose {

Loc Run::locate(size_t i) const {
  if (!origin || i >= src.size()) return {};
  return origin->locate(src[i]);
}

std::u32string Paragraph::plain() const {
  std::u32string s;
  for (const auto& r : runs) s += r.text;
  return s;
}

namespace {

Run layout_run(const std::string& text, const std::string& role) {
  Run r;
  r.text = decode_utf8(text).value_or(U"");
  r.role = role;
  return r;
}

Paragraph heading(Kind kind, const std::string& text, const std::string& role) {
  Paragraph p;
  p.kind = kind;
  p.runs.push_back(layout_run(text, role));
  return p;
}

void add_prose(const input::Prose& prose, Document& doc) {
  static const Kind kHeading[] = {Kind::Body, Kind::Body, Kind::Heading2, Kind::Heading3, Kind::Heading4};
  static const char* kRole[] = {"body", "body", "heading2", "heading3", "heading4"};
  for (const auto& b : prose.blocks) {
    Paragraph p;
    p.kind = kHeading[b.level];
    for (const auto& s : b.spans) {
      Run r;
      r.text = s.text;
      r.src = s.src;
      r.origin = &prose.origin;
      r.role = b.level == 0 && s.bold ? "emphasis" : kRole[b.level];
      p.runs.push_back(std::move(r));
    }
    doc.blocks.emplace_back(std::move(p));
  }
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
  return s;
}

Table make_table(const layout::Table& lt, const input::SectionInput& in, int year) {
  Table t;
  t.id = lt.id;
  t.widths = lt.widths;
  t.header_rows = lt.header_rows;
  // Rows whose optional field is absent are left out.
  std::vector<int> row_map(lt.rows, 0);
  std::vector<bool> dropped(lt.rows, false);
  for (const auto& c : lt.cells)
    if (c.field >= 0 && lt.fields[c.field].optional && !in.figures.count(lt.fields[c.field].key)) dropped[c.row] = true;
  int next = 0;
  for (int r = 0; r < lt.rows; ++r) row_map[r] = dropped[r] ? -1 : next++;
  t.rows = next;
  for (const auto& c : lt.cells) {
    if (dropped[c.row]) continue;
    TableCell tc;
    tc.row = row_map[c.row];
    tc.col = c.col;
    tc.rowspan = c.rowspan;
    tc.colspan = c.colspan;
    tc.align = c.align;
    std::string text = replace_all(c.text, "{year}", std::to_string(year));
    if (c.field >= 0) {
      const auto& f = lt.fields[c.field];
      auto it = in.figures.find(f.key);
      int64_t v = 0;
      if (it != in.figures.end() && c.column < static_cast<int>(it->second.cells.size()))
        v = it->second.cells[c.column].value;
      std::string figure = format_figure(v, f.types[c.column]);  // an empty cell prints as 0
      tc.figure = text.empty();
      text = text.empty() ? figure : replace_all(text, "{value}", figure);
    }
    tc.runs.push_back(layout_run(text, "table"));
    t.cells.push_back(std::move(tc));
  }
  return t;
}

}  // namespace

Document compose(const input::Report& report) {
  Document doc;
  doc.report = &report;
  doc.layout = report.layout;
  const layout::Layout& l = *report.layout;
  doc.blocks.emplace_back(heading(Kind::Title, report.title, "title"));
  for (const auto& phrase : l.typography.title_keep_together) {
    std::string p = replace_all(replace_all(phrase, "{organ}", report.organ), "{year}", std::to_string(report.year));
    doc.title_keep_together.push_back(decode_utf8(p).value_or(U""));
  }
  if (report.preface) add_prose(*report.preface, doc);
  for (const auto& s : l.sections) {
    doc.blocks.emplace_back(heading(Kind::Heading1, s.title, "heading1"));
    const input::SectionInput* in = report.section(s.key);
    if (!in) continue;
    if (in->text) add_prose(*in->text, doc);
    if (const layout::Table* lt = l.table_for(s)) doc.blocks.emplace_back(make_table(*lt, *in, report.year));
  }
  return doc;
}

}  // namespace nb::compose
