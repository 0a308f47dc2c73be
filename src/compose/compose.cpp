#include "compose/document.hpp"

#include "check/check.hpp"
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

Run layout_run(const std::string& text, layout::Role role) {
  Run r;
  r.text = decode_utf8(text).value_or(U"");
  r.role = role;
  return r;
}

Paragraph heading(Kind kind, const std::string& text) {
  Paragraph p;
  p.kind = kind;
  p.runs.push_back(layout_run(text, style_role(kind)));
  return p;
}

void add_prose(const input::Prose& prose, Document& doc) {
  static const Kind kHeading[] = {Kind::Body, Kind::Body, Kind::Heading2, Kind::Heading3, Kind::Heading4};
  for (const auto& b : prose.blocks) {
    Paragraph p;
    p.kind = kHeading[b.level];
    for (const auto& s : b.spans) {
      Run r;
      r.text = s.text;
      r.src = s.src;
      r.origin = &prose.origin;
      r.role = b.level == 0 && s.bold ? layout::Role::Emphasis : style_role(p.kind);
      p.runs.push_back(std::move(r));
    }
    doc.blocks.emplace_back(std::move(p));
  }
}

// A line of the input (kept by the report: the run points to its origin), located like prose.
Run line_run(const input::Line& line, layout::Role role) {
  Run run = layout_run(line.text, role);
  run.origin = &line.origin;
  for (uint32_t i = 0; i < run.text.size(); ++i) run.src.push_back(i);
  return run;
}

// A paragraph of the input's lines (a title), each line forced.
Paragraph lines_paragraph(Kind kind, const std::vector<input::Line>& lines) {
  Paragraph p;
  p.kind = kind;
  for (const auto& line : lines) {
    p.runs.push_back(line_run(line, style_role(kind)));
    p.runs.back().line_break = p.runs.size() > 1;
  }
  return p;
}

// The 落款: the organ, then the date in Arabic numerals without leading zeros (GB/T 9704 §7.3.4).
Paragraph signature(const input::Signature& s) {
  Paragraph p;
  p.kind = Kind::Signature;
  p.runs.push_back(line_run(s.organ, layout::Role::Signature));
  p.seal = s.seal;
  Run date = layout_run(std::to_string(s.date.year) + "年" + std::to_string(s.date.month) + "月" +
                            std::to_string(s.date.day) + "日",
                        layout::Role::Signature);
  date.line_break = true;
  p.runs.push_back(std::move(date));
  return p;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
  return s;
}

// Which labels head which figures: a figure is headed by the labels left of it whose
// rows cover its row (三、本年度办理结果, （三）不予公开, 1.属于国家秘密) and by the labels
// over its columns in the nearest run of rows without figures above it (the
// table's header, or a group's title and its 信息内容 row). A figure cell with its
// own text (a sentence with {value}) is headed by nothing.
void link_headers(Table& t) {
  std::vector<bool> has_data(t.rows, false);
  for (const auto& c : t.cells)
    if (c.data) has_data[c.row] = true;
  for (auto& c : t.cells) {
    c.header = !c.data;
    c.row_scope = c.header && has_data[c.row];
  }
  for (auto& d : t.cells) {
    if (!d.figure) continue;
    int end = d.row;  // the header rows above: [begin, end)
    while (end > 0 && has_data[end - 1]) --end;
    int begin = end;
    while (begin > 0 && !has_data[begin - 1]) --begin;
    for (int i = 0; i < static_cast<int>(t.cells.size()); ++i) {
      const TableCell& h = t.cells[i];
      if (h.header && h.row_scope && h.row <= d.row && d.row < h.row + h.rowspan && h.col + h.colspan <= d.col)
        d.headers.push_back(i);
    }
    for (int i = 0; i < static_cast<int>(t.cells.size()); ++i) {
      const TableCell& h = t.cells[i];
      if (h.header && !h.row_scope && begin <= h.row && h.row < end && h.col < d.col + d.colspan &&
          d.col < h.col + h.colspan)
        d.headers.push_back(i);
    }
  }
}

Table make_table(const layout::Table& lt, const check::Figures& figures, int year) {
  Table t;
  t.id = lt.id;
  t.layout = &lt;
  t.widths = lt.widths;
  t.header_rows = lt.header_rows;
  t.group_header_rows = lt.group_header_rows;
  // Rows whose optional field is absent are left out.
  std::vector<int> row_map(lt.rows, 0);
  std::vector<bool> dropped(lt.rows, false);
  for (const auto& c : lt.cells)
    if (c.field >= 0 && lt.fields[c.field].optional && !figures.value(lt.id, lt.fields[c.field].key))
      dropped[c.row] = true;
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
      const input::FieldValue* fv = figures.value(lt.id, f.key);
      int64_t v = 0;
      if (fv && c.column < static_cast<int>(fv->cells.size())) {
        v = fv->cells[c.column].value;
        tc.given = fv->cells[c.column].given;
      }
      tc.field = c.field;
      tc.column = c.column;
      tc.value = v;
      if (fv) tc.unit = fv->unit;
      std::string figure = format_figure(v, f.types[c.column]);  // an empty cell prints as 0
      if (fv && f.types[c.column] == layout::FigureType::Amount) figure += fv->unit;
      tc.figure = text.empty();
      tc.data = true;
      text = text.empty() ? figure : replace_all(text, "{value}", figure);
    }
    tc.runs.push_back(layout_run(text, layout::Role::Table));
    t.cells.push_back(std::move(tc));
  }
  link_headers(t);
  return t;
}

// The input's font choices; a relative path with a folder is taken from the input's folder.
std::map<layout::Role, FontChoice> font_choices(const input::Report& report) {
  std::map<layout::Role, FontChoice> out;
  for (const auto& [role, c] : report.fonts) {
    FontChoice f{c.file, c.file, c.face, c.loc};
    if (c.file.find('/') != std::string::npos && c.file[0] != '/' && report.source) {
      const std::string& input = report.source->path;
      const size_t slash = input.rfind('/');
      if (slash != std::string::npos) f.path = input.substr(0, slash + 1) + c.file;
    }
    out[role] = std::move(f);
  }
  return out;
}

}  // namespace

Document compose(const check::CheckedReport& checked) {
  const input::Report& report = checked.input();
  Document doc;
  doc.layout = report.layout;
  doc.about = About{report.title, report.organ, report.year, {report.date.year, report.date.month, report.date.day}};
  doc.fonts = font_choices(report);
  if (report.source) doc.source_path = report.source->path;
  const layout::Layout& l = *report.layout;
  doc.blocks.emplace_back(lines_paragraph(Kind::Title, report.title_lines));
  if (!report.subtitle_lines.empty()) doc.blocks.emplace_back(lines_paragraph(Kind::Subtitle, report.subtitle_lines));
  for (const auto& phrase : l.typography.title_keep_together) {
    std::string p = replace_all(replace_all(phrase, "{organ}", report.organ), "{year}", std::to_string(report.year));
    doc.title_keep_together.push_back(decode_utf8(p).value_or(U""));
  }
  if (report.preface) add_prose(*report.preface, doc);
  for (const auto& s : l.sections) {
    const input::SectionInput* in = report.section(s.key);
    const std::string caption = in && in->heading ? in->heading->text : s.title;
    if (in && in->heading) {
      Paragraph h;
      h.kind = Kind::Heading1;
      h.runs.push_back(line_run(*in->heading, layout::Role::Heading1));
      doc.blocks.emplace_back(std::move(h));
    } else {
      doc.blocks.emplace_back(heading(Kind::Heading1, s.title));
    }
    if (!in) continue;
    if (in->text) add_prose(*in->text, doc);
    if (const layout::Table* lt = l.table_for(s)) {
      Table t = make_table(*lt, checked.figures(), report.year);
      t.section = s.key;
      t.caption = caption;
      doc.blocks.emplace_back(std::move(t));
    }
  }
  if (report.signature) doc.blocks.emplace_back(signature(*report.signature));
  return doc;
}

}  // namespace nb::compose
