// The page builder: flows title, headings, paragraphs and tables onto pages of the
// layout's grid, keeps headings with what follows, splits tables between rows with
// their header repeated, and numbers the pages.
#include <cmath>

#include "core/utf8.hpp"
#include "typeset/inline.hpp"
#include "typeset/table.hpp"

namespace nb::typeset {

std::map<std::string, RoleFonts> resolve_roles(const layout::Layout& l, const input::Report* report,
                                               FontLibrary& fonts) {
  std::map<std::string, RoleFonts> out;
  for (const auto& [name, role] : l.roles) {
    RoleFonts rf;
    rf.role = &role;
    if (report) {
      auto it = report->fonts.find(name);
      if (it != report->fonts.end()) {
        std::string file = it->second.file;
        std::optional<std::string> path;
        if (file.find('/') != std::string::npos && file[0] != '/' && report->source) {
          auto dir = std::string(report->source->path);
          auto slash = dir.rfind('/');
          path = fonts.find(slash == std::string::npos ? file : dir.substr(0, slash + 1) + file);
        } else {
          path = fonts.find(file);
        }
        if (!path)
          throw EnvironmentError{format({Severity::Error, it->second.loc,
                                         "找不到字体文件 " + file + "（fonts." + name +
                                             "）：请把它放进 fonts/ 文件夹，或写出完整路径",
                                         {}})};
        rf.chain.push_back(&fonts.open(*path, it->second.face));
      }
    }
    for (const auto& id : role.fonts) {
      const layout::FontFile& ff = l.fonts.at(id);
      auto path = fonts.find(ff.file);
      if (!path)
        throw EnvironmentError{l.path + ": 错误: 找不到字体文件 " + ff.file + "（字体 " + id + "，角色 " + name +
                               "）：请运行 ./setup.sh 安装默认字体，或把字体文件放进 fonts/"};
      rf.chain.push_back(&fonts.open(*path, ff.face));
    }
    out[name] = std::move(rf);
  }
  return out;
}

namespace {

class PageBuilder {
 public:
  PageBuilder(const layout::Layout& l, const std::map<std::string, RoleFonts>& roles, Result& out, Diagnostics& d)
      : page_(l.page), roles_(roles), out_(out), diags_(d) {
    pitch_ = page_.body_height / page_.lines_per_page;
    grid_ = page_.body_width / page_.chars_per_line;
    body_size_ = roles.at("body").role->size;
    new_page();
  }

  // keep_after: height in grid lines of what must follow on the same page.
  void paragraph(const compose::Paragraph& p, double keep_after) {
    static const char* kRole[] = {"title", "heading1", "heading2", "heading3", "heading4", "body"};
    const layout::Role& r = *roles_.at(kRole[static_cast<int>(p.kind)]).role;
    auto atoms = shape_runs(p.runs, roles_, grid_, body_size_, out_, diags_);
    InlineStyle style;
    style.grid = grid_;
    style.first_indent = r.indent * grid_;
    style.justify = r.align == layout::Align::Left;
    auto lines = r.align == layout::Align::Center ? balanced_lines(atoms, page_.body_width, style)
                                                    : break_lines(atoms, page_.body_width, style);
    if (keep_after > 0 && free_lines() < lines.size() + keep_after) new_page();
    const bool bookmark = p.kind == compose::Kind::Heading1 || p.kind == compose::Kind::Heading2;
    for (const auto& ln : lines) {
      int slot = next_line();
      if (slot >= page_.lines_per_page) { new_page(); slot = 0; }
      if (bookmark && &ln == &lines.front())  // where the heading's first line went
        out_.bookmarks.push_back({p.kind == compose::Kind::Heading1 ? 1 : 2, p.plain(),
                                  static_cast<int>(out_.pages.size()) - 1, page_.top + slot * pitch_});
      double size = r.size;
      double baseline = page_.top + slot * pitch_ + (pitch_ - size) / 2 + 0.88 * size;
      double left = page_.left;
      if (r.align == layout::Align::Center) left += (page_.body_width - ln.natural) / 2;
      else if (r.align == layout::Align::Right) left += page_.body_width - ln.natural;
      emit_line(ln, left, baseline, current());
      y_ = (slot + 1) * pitch_;
    }
  }

  // Height in grid lines that a block needs at the top of its first page.
  double min_height(const compose::Block& b) {
    if (std::holds_alternative<compose::Paragraph>(b)) return 2;
    const auto& t = std::get<compose::Table>(b);
    TableLayout tl = measure_table(t, page_.body_width, roles_, out_, scratch_);
    double h = pitch_ * 0.25;
    for (int r = 0; r <= t.header_rows && r < t.rows; ++r) h += tl.row_h[r];
    return h / pitch_;
  }

  void blank_line() {
    int slot = next_line();
    y_ = std::min<double>(slot + 1, page_.lines_per_page) * pitch_;
  }

  void table(const compose::Table& t) {
    TableLayout tl = measure_table(t, page_.body_width, roles_, out_, diags_);
    const int h = t.header_rows;
    double header_h = 0;
    for (int r = 0; r < h; ++r) header_h += tl.row_h[r];
    y_ += pitch_ * 0.25;
    int r0 = 0;  // first row of the current fragment
    double frag_h = 0;
    for (int r = 0; r < t.rows; ++r) {
      if (y_ + frag_h + tl.row_h[r] > page_.body_height + 1e-6 && frag_h > 0) {
        if (r <= h && r0 == 0 && y_ > pitch_) {
          // Header rows (or the header and nothing more) must not end a page:
          // the whole table starts on the next page.
          new_page();
          frag_h = 0;
          r = -1;
          continue;
        }
        draw_rows(tl, r0, r, page_.left, page_.top + y_, current());
        new_page();
        if (h > 0) y_ += draw_rows(tl, 0, h, page_.left, page_.top, current());
        r0 = r;
        frag_h = 0;
      }
      frag_h += tl.row_h[r];
    }
    y_ += draw_rows(tl, r0, t.rows, page_.left, page_.top + y_, current());
    y_ += pitch_ * 0.25;
  }

  void number_pages() {
    const RoleFonts& rf = roles_.at("page_number");
    const double size = rf.role->size;
    for (size_t i = 0; i < out_.pages.size(); ++i) {
      compose::Run run;
      run.role = "page_number";
      run.text = U"— " + decode_utf8(std::to_string(i + 1)).value_or(U"") + U" —";
      auto atoms = shape_runs({run}, roles_, 0, 0, out_, diags_);
      InlineStyle style;
      style.justify = false;
      auto lines = break_lines(atoms, page_.body_width, style);
      if (lines.empty()) continue;
      const Line& ln = lines.front();
      double baseline = page_.top + page_.body_height + page_.page_number_gap + 0.88 * size;
      bool odd = (i + 1) % 2 == 1;
      double left = odd ? page_.left + page_.body_width - size - ln.natural : page_.left + size;
      if (rf.role->align == layout::Align::Center) left = page_.left + (page_.body_width - ln.natural) / 2;
      emit_line(ln, left, baseline, out_.pages[i]);
    }
  }

 private:
  Page& current() { return out_.pages.back(); }
  void new_page() {
    out_.pages.emplace_back();
    y_ = 0;
  }
  int next_line() const { return static_cast<int>(std::ceil(y_ / pitch_ - 1e-6)); }
  double free_lines() const { return page_.lines_per_page - next_line(); }

  const layout::Page& page_;
  const std::map<std::string, RoleFonts>& roles_;
  Result& out_;
  Diagnostics& diags_;
  Diagnostics scratch_;  // measurements made twice report only once
  double pitch_ = 0, grid_ = 0, body_size_ = 0, y_ = 0;
};

}  // namespace

Result typeset(const compose::Document& doc, FontLibrary& fonts, Diagnostics& diags) {
  Result out;
  const layout::Layout& l = *doc.layout;
  out.width = l.page.width;
  out.height = l.page.height;
  auto roles = resolve_roles(l, doc.report, fonts);
  PageBuilder pb(l, roles, out, diags);
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const auto& b = doc.blocks[i];
    if (const auto* p = std::get_if<compose::Paragraph>(&b)) {
      bool heading = p->kind != compose::Kind::Body && p->kind != compose::Kind::Title;
      double keep = heading && i + 1 < doc.blocks.size() ? pb.min_height(doc.blocks[i + 1]) : 0;
      pb.paragraph(*p, keep);
      if (p->kind == compose::Kind::Title) pb.blank_line();
    } else {
      pb.table(std::get<compose::Table>(b));
    }
  }
  pb.number_pages();
  return out;
}

}  // namespace nb::typeset
