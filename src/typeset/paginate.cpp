// The page builder: flows title, headings, paragraphs and tables onto pages of the
// layout's grid, keeps headings with what follows, splits tables between rows with
// their header repeated, and numbers the pages.
#include <cmath>

#include "core/limits.hpp"
#include "core/utf8.hpp"
#include "typeset/inline.hpp"
#include "typeset/role_fonts.hpp"
#include "typeset/table.hpp"
#include "typeset/typeset.hpp"

namespace nb::typeset {

namespace {

struct PageLimit {};  // the document needs more than limits::kPages pages

bool is_heading(const compose::Paragraph& p) { return p.kind != compose::Kind::Body && p.kind != compose::Kind::Title; }

// A paragraph that announces what follows ("…见下表：").
bool lead_in(const compose::Paragraph& p) {
  if (p.kind != compose::Kind::Body || p.runs.empty() || p.runs.back().text.empty()) return false;
  const char32_t last = p.runs.back().text.back();
  return last == U'：' || last == U':';
}

class PageBuilder {
 public:
  PageBuilder(const layout::Layout& l, const Roles& roles, Result& out, Diagnostics& d)
      : page_(l.page), typo_(l.typography), roles_(roles), out_(out), diags_(d) {
    pitch_ = page_.body_height / page_.lines_per_page;
    grid_ = page_.body_width / page_.chars_per_line;
    body_size_ = roles.at(layout::Role::Body).style->size;
    new_page();
  }

  // The paragraph's lines; characters no font has are reported to `diags`.
  std::vector<Line> lines_of(const compose::Paragraph& p, Diagnostics& diags) {
    // The lines of each part the input breaks the paragraph into, one under another.
    std::vector<Line> lines;
    for (size_t b = 0, e; b < p.runs.size(); b = e) {
      for (e = b + 1; e < p.runs.size() && !p.runs[e].line_break;) ++e;
      if (b == 0 && e == p.runs.size()) return part_lines(p, p.runs, diags);
      auto part = part_lines(p, std::vector<compose::Run>(p.runs.begin() + b, p.runs.begin() + e), diags);
      lines.insert(lines.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
    return lines;
  }

  std::vector<Line> part_lines(const compose::Paragraph& p, const std::vector<compose::Run>& runs, Diagnostics& diags) {
    const layout::RoleStyle& r = *roles_.at(compose::style_role(p.kind)).style;
    auto atoms = shape_runs(runs, roles_, grid_, body_size_, out_, diags, &shaped_);
    InlineStyle style;
    style.first_indent = r.indent * grid_;
    style.justify = r.align == layout::Align::Left;
    style.cjk_latin_space = typo_.cjk_latin_space;
    if (p.kind == compose::Kind::Title) {
      // The title breaks between the layout's phrases ({organ}, …年度报告); a
      // phrase longer than a line breaks between its words.
      for (const auto& phrase : title_keep_) {
        if (phrase.size() * r.size < page_.body_width) style.keep_together.push_back(phrase);
        else style.words_only = true;
      }
      return trapezoid_lines(atoms, page_.body_width, style);
    }
    return r.align == layout::Align::Center ? balanced_lines(atoms, page_.body_width, style)
                                            : break_lines(atoms, page_.body_width, style);
  }

  // keep_after: height in grid lines of what must follow on the same page. A
  // paragraph that keeps with what follows moves whole to the next page when
  // both do not fit (a heading; a short lead-in to a table).
  void paragraph(const compose::Paragraph& p, double keep_after) {
    const layout::RoleStyle& r = *roles_.at(compose::style_role(p.kind)).style;
    auto lines = lines_of(p, diags_);
    if (keep_after > 0 && free_lines() < lines.size() + keep_after) new_page();
    if (next_line() >= page_.lines_per_page) new_page();
    const bool bookmark = p.kind == compose::Kind::Heading1 || p.kind == compose::Kind::Heading2;
    auto chunks = page_chunks(lines.size(), p.kind == compose::Kind::Body);
    size_t k = 0;
    for (size_t c = 0; c < chunks.size(); ++c) {
      if (c > 0) new_page();
      for (size_t j = 0; j < chunks[c]; ++j, ++k) {
        const Line& ln = lines[k];
        int slot = next_line();
        if (bookmark && k == 0)  // where the heading's first line went
          out_.bookmarks.push_back({p.kind == compose::Kind::Heading1 ? 1 : 2, p.plain(),
                                    static_cast<int>(out_.pages.size()) - 1, page_.top + slot * pitch_});
        double baseline = page_.top + slot * pitch_ + (pitch_ - r.size) / 2 + 0.88 * r.size;
        double left = page_.left;
        if (r.align == layout::Align::Center) left += (page_.body_width - ln.natural) / 2;
        else if (r.align == layout::Align::Right) left += page_.body_width - ln.natural;
        emit_line(ln, left, baseline, current());
        y_ = (slot + 1) * pitch_;
      }
    }
  }

  // How many of n lines go on this page and each next one. A paragraph of two
  // lines or more leaves no single line alone at the foot (orphan) or the head
  // (widow) of a page. A leading 0 means: start on the next page.
  std::vector<size_t> page_chunks(size_t n, bool guard) const {
    const size_t full = page_.lines_per_page;
    std::vector<size_t> chunks;
    size_t first = static_cast<size_t>(free_lines());
    if (guard && n >= 2 && first == 1) first = 0;
    chunks.push_back(std::min(first, n));
    for (size_t left = n - chunks[0]; left > 0; left -= chunks.back()) chunks.push_back(std::min(full, left));
    if (guard && n >= 2 && chunks.size() > 1 && chunks.back() == 1) {
      size_t& prev = chunks[chunks.size() - 2];
      if (prev >= 3) { --prev; ++chunks.back(); }
      else if (chunks.size() == 2) { chunks = {0, n}; }
    }
    return chunks;
  }

  // Height in grid lines that block i needs at the top of its first page: the
  // smallest first part of a paragraph page_chunks allows (2 lines, or all of a
  // paragraph of up to 3: 2 + 1 would leave a widow); a heading's lines and what
  // it keeps with (through a run of headings); a table's first acceptable fragment.
  double min_height(const std::vector<compose::Block>& blocks, size_t i) {
    if (const auto* p = std::get_if<compose::Paragraph>(&blocks[i])) {
      const double n = static_cast<double>(lines_of(*p, scratch_).size());
      if (is_heading(*p) && i + 1 < blocks.size()) return n + min_height(blocks, i + 1);
      return n <= 3 ? n : 2;
    }
    const auto& t = std::get<compose::Table>(blocks[i]);
    TableLayout tl = measure_table(t, page_.body_width, roles_, out_, scratch_, &shaped_);
    int first = fit_rows(tl, t.header_rows, page_.body_height);  // the smallest acceptable first fragment
    for (int r = t.header_rows + 1; r <= t.rows; ++r)
      if (fit_rows(tl, t.header_rows, tl.height(t.header_rows, r)) == r) { first = r; break; }
    return (pitch_ * 0.25 + tl.height(0, first)) / pitch_;
  }

  void set_title_keep_together(std::vector<std::u32string> phrases) { title_keep_ = std::move(phrases); }

  void blank_line() {
    int slot = next_line();
    y_ = std::min<double>(slot + 1, page_.lines_per_page) * pitch_;
  }

  // A table flows from the current position; where it splits, the next page
  // repeats its header rows.
  // Each fragment occupies whole grid lines (占行): a quarter line above it (none
  // at a page's head) and below the table, its rows stretched evenly to the next
  // line, so that the text after every table starts the same distance below it.
  void table(const compose::Table& t) {
    TableLayout tl = measure_table(t, page_.body_width, roles_, out_, diags_, &shaped_);
    const int h = t.header_rows;
    const double header_h = tl.height(0, h), margin = pitch_ * 0.25;
    int from = h;
    while (from < t.rows || from == h) {
      const double top = y_ > 0 ? margin : 0;
      const auto [g0, g1] = group_header(tl, from);
      int to = fit_rows(tl, from, free_lines() * pitch_ - top - header_h - tl.height(g0, g1));
      if (to == from && from < t.rows) {
        if (y_ > 0) {  // not even the first acceptable fragment fits here
          new_page();
          continue;
        }
        to = from + 1;  // a row taller than a page: set it anyway
      }
      std::vector<std::pair<int, int>> ranges;
      if (h > 0) ranges.emplace_back(0, h);
      if (g1 > g0) ranges.emplace_back(g0, g1);
      ranges.emplace_back(from, to);
      double natural = 0;
      int rows = 0;
      for (const auto& [r0, r1] : ranges) natural += tl.height(r0, r1), rows += r1 - r0;
      const bool last = to == t.rows;
      const double bottom = last ? margin : 0;
      double lines = std::ceil((top + natural + bottom) / pitch_ - 1e-6);
      double room = lines * pitch_ - top - bottom;
      if (lines > free_lines() && top + natural <= free_lines() * pitch_ + 1e-6) {
        lines = free_lines();  // the space below falls at the page's foot
        room = lines * pitch_ - top;
      }
      const double extra = std::max(0.0, room - natural) / rows;
      draw_rows(tl, ranges, page_.left, page_.top + y_ + top, current(), extra);
      y_ += std::max(lines * pitch_, top + natural);
      from = to;
      if (from < t.rows) new_page();
      else break;
    }
  }

  void number_pages() {
    const RoleFonts& rf = roles_.at(layout::Role::PageNumber);
    const double size = rf.style->size;
    for (size_t i = 0; i < out_.pages.size(); ++i) {
      compose::Run run;
      run.role = layout::Role::PageNumber;
      run.text = U"— " + decode_utf8(std::to_string(i + 1)).value_or(U"") + U" —";
      auto atoms = shape_runs({run}, roles_, 0, 0, out_, diags_, &shaped_);
      InlineStyle style;
      style.justify = false;
      auto lines = break_lines(atoms, page_.body_width, style);
      if (lines.empty()) continue;
      const Line& ln = lines.front();
      double baseline = page_.top + page_.body_height + page_.page_number_gap + 0.88 * size;
      bool odd = (i + 1) % 2 == 1;
      double left = odd ? page_.left + page_.body_width - size - ln.natural : page_.left + size;
      if (rf.style->align == layout::Align::Center) left = page_.left + (page_.body_width - ln.natural) / 2;
      emit_line(ln, left, baseline, out_.pages[i]);
    }
  }

 private:
  Page& current() { return out_.pages.back(); }
  void new_page() {
    if (out_.pages.size() == limits::kPages) throw PageLimit{};
    out_.pages.emplace_back();
    y_ = 0;
  }
  int next_line() const { return static_cast<int>(std::ceil(y_ / pitch_ - 1e-6)); }
  double free_lines() const { return page_.lines_per_page - next_line(); }

  const layout::Page& page_;
  const layout::Typography& typo_;
  std::vector<std::u32string> title_keep_;
  const Roles& roles_;
  Result& out_;
  Diagnostics& diags_;
  Diagnostics scratch_;  // measurements made twice report only once
  ShapeCache shaped_;
  double pitch_ = 0, grid_ = 0, body_size_ = 0, y_ = 0;
};

}  // namespace

Result typeset(const compose::Document& doc, font::FontLibrary& fonts, Diagnostics& diags) {
  Result out;
  const layout::Layout& l = *doc.layout;
  out.width = l.page.width;
  out.height = l.page.height;
  const Roles roles = resolve_roles(l, doc.fonts, fonts);
  PageBuilder pb(l, roles, out, diags);
  Diagnostics scratch;  // measurements: each character no font has is reported once, where it is set
  pb.set_title_keep_together(doc.title_keep_together);
  Loc last_prose;  // the last place in the input the pages have reached
  try {
    for (size_t i = 0; i < doc.blocks.size(); ++i) {
      const auto& b = doc.blocks[i];
      if (const auto* p = std::get_if<compose::Paragraph>(&b)) {
        if (!p->runs.empty() && p->runs[0].origin) last_prose = p->runs[0].locate(0);
        const bool next = i + 1 < doc.blocks.size();
        double keep = 0;
        if (next && (is_heading(*p) || (lead_in(*p) && std::holds_alternative<compose::Table>(doc.blocks[i + 1]) &&
                                        pb.lines_of(*p, scratch).size() <= 3)))
          keep = pb.min_height(doc.blocks, i + 1);
        pb.paragraph(*p, keep);
        if (p->kind == compose::Kind::Title) pb.blank_line();
      } else {
        pb.table(std::get<compose::Table>(b));
      }
    }
  } catch (const PageLimit&) {
    Diagnostic d{Severity::Error, last_prose,
                 "报告超过 " + std::to_string(limits::kPages) + " 页（排到此处时已满 " +
                     std::to_string(limits::kPages) + " 页）：请精简正文，或检查是否误粘贴了大量文字",
                 doc.source_path};
    diags.add(d);
    out.pages.clear();
    return out;
  }
  pb.number_pages();
  return out;
}

}  // namespace nb::typeset
