// The page builder: measures every block (how many lines a paragraph takes, a
// table's rows), chooses the page breaks over the whole document (page_breaks.hpp) under
// the keeps and costs below, sets each page on the layout's grid (a table split
// between rows repeats its header) and numbers the pages.
#include <algorithm>
#include <cmath>
#include <optional>

#include "core/limits.hpp"
#include "core/utf8.hpp"
#include "typeset/inline.hpp"
#include "typeset/page_breaks.hpp"
#include "typeset/role_fonts.hpp"
#include "typeset/table.hpp"
#include "typeset/typeset.hpp"

namespace nb::typeset {

namespace {

struct PageLimit {  // the document needs more than limits::kPages pages
  size_t block;     // the block the pages had reached
};

bool is_heading(const compose::Paragraph& p) {
  return p.kind == compose::Kind::Heading1 || p.kind == compose::Kind::Heading2 || p.kind == compose::Kind::Heading3 ||
         p.kind == compose::Kind::Heading4;
}

bool is_title(const compose::Paragraph* p) {
  return p && (p->kind == compose::Kind::Title || p->kind == compose::Kind::Subtitle);
}

// A paragraph that announces what follows ("…见下表：").
bool lead_in(const compose::Paragraph& p) {
  if (p.kind != compose::Kind::Body || p.runs.empty() || p.runs.back().text.empty()) return false;
  const char32_t last = p.runs.back().text.back();
  return last == U'：' || last == U':';
}

// A centred line is centred on its ink: the blank half of an opening mark that
// starts it, or of a closing mark that ends it uncompressed, would otherwise push
// it off centre by half of that (（…）: 4 pt). The shift to correct it.
double off_centre(const Line& ln) {
  if (ln.atoms.empty()) return 0;
  const Atom &a = ln.atoms.front(), &z = ln.atoms.back();
  const double before = a.punct == Punct::Right && ln.w.front() > 0.75 * a.em ? a.em / 2 : 0;
  const double after = z.punct == Punct::Left && ln.w.back() > 0.75 * z.em ? z.em / 2 : 0;
  return (after - before) / 2;
}

// Phrases of two Latin words or more in a run of Chinese text ("Open Government
// Data"), where a screen reader should switch language; a lone word (a product
// name, nianbao) and a URL are read as they come. [begin, end) in the run.
std::vector<std::pair<uint32_t, uint32_t>> latin_phrases(const std::u32string& t) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  auto letter = [](char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); };
  auto in_word = [&](char32_t c) { return letter(c) || (c >= U'0' && c <= U'9') || c == U'-' || c == U'\'' || c == U'.'; };
  // A word: letters, digits and - ' . with a letter among them (5G, e-Gov, 2.0 is none).
  auto word_end = [&](uint32_t j) {
    uint32_t k = j;
    bool letters = false;
    for (; k < t.size() && in_word(t[k]); ++k) letters = letters || letter(t[k]);
    return letters ? k : j;
  };
  for (uint32_t i = 0; i < t.size();) {
    // Phrases start at a word's start, not after a URL's / : . @ and the like.
    const bool start = in_word(t[i]) && (i == 0 || (!in_word(t[i - 1]) &&
                                                    std::u32string_view(U"/:@_=&?#%~").find(t[i - 1]) == std::u32string_view::npos));
    uint32_t end = start ? word_end(i) : i, words = end > i;
    while (words > 0 && end + 1 < t.size() && t[end] == U' ') {
      const uint32_t next = word_end(end + 1);
      if (next == end + 1) break;
      end = next;
      ++words;
    }
    while (end > i && (t[end - 1] == U'.' || t[end - 1] == U'-')) --end;  // a sentence's full stop
    if (words >= 2) out.push_back({i, end});
    // Past this word or phrase (and the rest of a URL or a number).
    uint32_t next = std::max(end, i + 1);
    while (in_word(t[i]) && next < t.size() && in_word(t[next])) ++next;
    i = next;
  }
  return out;
}

// What a page costs by how it ends. Fewest pages first; then no page ending more
// than 4 grid lines short unless the next starts a section (一、…); then blank
// lines at the foot, squared (a quarter as much before a section, where they
// read as its beginning), and a table split within a group rather than between
// groups. A page where a paragraph goes on ends at most one line short
// (what its split into parts of two lines or more may need), never more to
// even out the pages.
constexpr double kPage = 1e6, kHole = 1e5, kWithinGroup = 100, kBlankLine = 10;
constexpr int kHoleLines = 4;

// One block as measured (a paragraph's lines are not kept: breaking it again on
// its page costs less than the memory for every line of the document). Its units
// (a paragraph's lines; a table's body rows, or
// one for a table of only a header) are numbered through the document from `first`.
struct Measured {
  const compose::Paragraph* para = nullptr;
  const layout::RoleStyle* style = nullptr;
  const compose::Table* table = nullptr;
  TableLayout tl;
  size_t first = 0, units = 0;
  int element = -1;             // its structure element (a paragraph's)
  struct Span {
    uint32_t begin, end;  // characters of the paragraph's text
    int element;
  };
  std::vector<Span> spans;      // its bold runs and Latin phrases, each its own element
  int gap_above = 0;            // blank grid lines above it, unless at a page's head (after the title, before the 落款)
  bool keep_with_next = false;  // no page break after it
};

// Table rows set from a height y in the body: the header, the group's header
// when the rows continue a group, then body rows [from, to). They take whole grid
// lines (占行): a quarter line above (none at a page's head) and below the
// table's last rows, each row stretched by `extra`.
struct Fragment {
  std::vector<std::pair<int, int>> ranges;
  double top = 0, natural = 0, height = 0, extra = 0;
  bool fits = false;  // within the page's body
  double end(double y) const { return y + std::max(height, top + natural); }
};

class PageBuilder {
 public:
  PageBuilder(const layout::Layout& l, const Roles& roles, Result& out, Diagnostics& d)
      : page_(l.page), typo_(l.typography), signature_(l.signature), roles_(roles), out_(out), diags_(d) {
    pitch_ = page_.body_height / page_.lines_per_page;
    grid_ = page_.body_width / page_.chars_per_line;
    body_size_ = roles.at(layout::Role::Body).style->size;
    lines_ = page_.lines_per_page;
  }

  void set_title_keep_together(std::vector<std::u32string> phrases) { title_keep_ = std::move(phrases); }

  // The structure element of a block, and those inside it (a paragraph's bold
  // spans; a table's head, body, rows and cells), under the Document.
  void tag(Measured& m) {
    auto add = [&](Tag tag, int parent) {
      out_.elements.push_back(Element{tag, parent, 1, 1, Scope::None, {}, {}});
      return static_cast<int>(out_.elements.size()) - 1;
    };
    if (out_.elements.empty()) add(Tag::Document, -1);
    if (m.para) {
      // Headings one level below the title's H1 down, never skipping a level.
      static const int kLevel[] = {1, 0, 2, 3, 4, 5, 0, 0};  // by compose::Kind
      int level = kLevel[static_cast<int>(m.para->kind)];
      if (level > 0) level = heading_level_ = std::min(level, heading_level_ + 1);
      m.element = add(level > 0 ? static_cast<Tag>(static_cast<int>(Tag::H1) + level - 1) : Tag::P, 0);
      // A bold run is a Span; a Latin phrase a Span in English, inside the bold one
      // when it is bold (per_char gives a character the last span covering it).
      uint32_t at = 0;
      for (const auto& r : m.para->runs) {
        int parent = m.element;
        if (r.role == layout::Role::Emphasis) {
          parent = add(Tag::Span, m.element);
          m.spans.push_back({at, at + static_cast<uint32_t>(r.text.size()), parent});
        }
        for (const auto& [b, e] : latin_phrases(r.text)) {
          m.spans.push_back({at + b, at + e, add(Tag::Span, parent)});
          out_.elements.back().lang = "en";
        }
        at += static_cast<uint32_t>(r.text.size());
      }
      // The 落款's date (its last line) is a paragraph of its own after the organ's.
      if (m.para->kind == compose::Kind::Signature && m.para->runs.size() > 1)
        m.spans.push_back({at - static_cast<uint32_t>(m.para->runs.back().text.size()), at, add(Tag::P, 0)});
      return;
    }
    const compose::Table& t = *m.table;
    const int table = add(Tag::Table, 0);
    const int head = t.header_rows > 0 ? add(Tag::THead, table) : -1;
    const int body = t.rows > t.header_rows ? add(Tag::TBody, table) : -1;
    std::vector<int> row(t.rows);
    for (int r = 0; r < t.rows; ++r) row[r] = add(Tag::TR, r < t.header_rows ? head : body);
    m.tl.cell_element.resize(t.cells.size());
    for (size_t i = 0; i < t.cells.size(); ++i) {
      const compose::TableCell& c = t.cells[i];
      const int e = add(c.header ? Tag::TH : Tag::TD, row[c.row]);
      Element& el = out_.elements[e];
      el.rowspan = c.rowspan;
      el.colspan = c.colspan;
      if (c.header) el.scope = c.row_scope ? Scope::Row : Scope::Column;
      m.tl.cell_element[i] = e;
    }
    for (size_t i = 0; i < t.cells.size(); ++i)
      for (int h : t.cells[i].headers) out_.elements[m.tl.cell_element[i]].headers.push_back(m.tl.cell_element[h]);
  }

  // Measures every block; characters no font has are reported once each. Throws
  // PageLimit as soon as the blocks alone fill more than limits::kPages pages.
  void measure(const std::vector<compose::Block>& blocks) {
    double grid_lines = 0;
    for (size_t i = 0; i < blocks.size(); ++i) {
      Measured m;
      m.first = units_;
      if (const auto* p = std::get_if<compose::Paragraph>(&blocks[i])) {
        m.para = p;
        m.style = roles_.at(compose::style_role(p->kind)).style;
        m.units = lines_of(*p, diags_).size();  // set again on its page: holding every line costs more
        grid_lines += m.units;
        const bool next = i + 1 < blocks.size();
        const bool table_next = next && std::holds_alternative<compose::Table>(blocks[i + 1]);
        m.keep_with_next = next && (is_heading(*p) || is_title(p) || (lead_in(*p) && table_next && m.units <= 3));
        if (p->kind == compose::Kind::Signature) {
          // With at least the text's last lines (GB/T 9704 §7.3.5: never alone on a page).
          m.gap_above = signature_.gap_lines;
          if (!blocks_.empty()) blocks_.back().keep_with_next = true;
        }
      } else {
        m.table = &std::get<compose::Table>(blocks[i]);
        m.tl = measure_table(*m.table, page_.body_width, roles_, out_, diags_, &shaped_);
        m.units = std::max(1, m.table->rows - m.table->header_rows);
        grid_lines += m.tl.height(0, m.table->rows) / pitch_;
      }
      tag(m);
      const auto* prev = i > 0 ? std::get_if<compose::Paragraph>(&blocks[i - 1]) : nullptr;
      if (is_title(prev) && !(m.para && m.para->kind == compose::Kind::Subtitle)) m.gap_above = 1;
      units_ += m.units;
      block_at_.insert(block_at_.end(), m.units, static_cast<uint32_t>(i));
      blocks_.push_back(std::move(m));
      if (grid_lines > static_cast<double>(limits::kPages) * lines_) throw PageLimit{i};
    }
  }

  size_t units() const { return units_; }
  size_t block_at(size_t unit) const { return block_at_[unit]; }

  // The ends a page starting at unit s may have, and their costs. Keeps: no line
  // of a paragraph alone at a page's foot or head; a heading with what follows
  // (its first two lines, or all of a paragraph of up to three, through a run of
  // headings; a table's first rows); a lead-in of up to three lines with its table.
  void pages_from(size_t s, std::vector<PageEnd>& ends) const {
    ends.clear();
    size_t furthest = s;  // the last end that fits, whatever the keeps
    double y = 0;
    for (size_t b = block_at_[s]; b < blocks_.size(); ++b) {
      const Measured& m = blocks_[b];
      if (m.units == 0) continue;
      const size_t u = std::max(s, m.first) - m.first;
      auto boundary = [&](size_t e, double at) {
        if (!m.keep_with_next || e == units_) ends.push_back({e, cost(e, at, 0)});
      };
      if (m.table) {
        const int h = m.table->header_rows, rows = m.table->rows, from = h + static_cast<int>(u);
        Fragment f;
        int to = std::min(from + 1, rows);
        for (; to <= rows; ++to) {
          f = fragment(m, from, to, y);
          if (!f.fits && !(y == 0 && to <= from + 1)) break;  // a row taller than a page is set anyway
          const size_t e = m.first + std::max(1, to - h);
          furthest = e;
          if (to == rows) {
            boundary(e, f.end(y));
          } else if (const Split how = split_at(m.tl, from, to); how != Split::No) {
            const bool within_group = how == Split::Row && m.table->group_header_rows > 0;
            ends.push_back({e, cost(e, f.end(y), within_group ? kWithinGroup : 0)});
          }
        }
        if (to <= rows) break;  // the table goes on over the page
        y = f.end(y);
        continue;
      }
      if (u == 0 && y > 0) y += m.gap_above * pitch_;
      const bool body = m.para->kind == compose::Kind::Body;
      size_t k = u;
      for (; k < m.units; ++k) {
        const int slot = next_line(y);
        if (slot >= lines_) break;
        y = (slot + 1) * pitch_;
        const size_t e = m.first + k + 1, set = k + 1;
        furthest = e;
        if (set == m.units) boundary(e, y);
        else if (body && set >= 2 && m.units - set >= 2) ends.push_back({e, cost(e, y, blank(y) > 1 ? kHole : 0)});
      }
      if (k < m.units) break;
    }
    if (ends.empty()) ends.push_back({std::max(furthest, s + 1), kPage + 10 * kHole});  // every keep broken
  }

  // Sets units [s, t) on a new page.
  void set_page(size_t s, size_t t) {
    out_.pages.emplace_back();
    Page& page = out_.pages.back();
    double y = 0;
    for (size_t b = block_at_[s]; b < blocks_.size() && blocks_[b].first < t; ++b) {
      const Measured& m = blocks_[b];
      if (m.units == 0) continue;
      const size_t u0 = std::max(s, m.first) - m.first, u1 = std::min(t, m.first + m.units) - m.first;
      if (m.table) {
        const int h = m.table->header_rows;
        const int from = h + static_cast<int>(u0), to = std::min(m.table->rows, h + static_cast<int>(u1));
        const Fragment f = fragment(m, from, to, y);
        draw_rows(m.tl, f.ranges, page_.left, page_.top + y + f.top, page, f.extra,
                  from > h ? f.ranges.size() - 1 : 0);  // a continuation: its header rows are repeats
        y = f.end(y);
        continue;
      }
      if (u0 == 0 && y > 0) y += m.gap_above * pitch_;
      const compose::Paragraph& p = *m.para;
      const layout::RoleStyle& r = *m.style;
      const std::vector<Line> lines = lines_of(p, again_);
      const std::vector<double> at = p.kind == compose::Kind::Signature ? signature_lefts(lines, p.seal) : std::vector<double>{};
      const std::vector<int> spans = per_char(m);
      for (size_t k = u0; k < u1; ++k) {
        const Line& ln = lines[k];
        const int slot = next_line(y);
        if (k == 0 && (p.kind == compose::Kind::Heading1 || p.kind == compose::Kind::Heading2))
          out_.bookmarks.push_back({p.kind == compose::Kind::Heading1 ? 1 : 2, p.plain(),
                                    static_cast<int>(out_.pages.size()) - 1, page_.top + slot * pitch_});
        const double baseline = page_.top + slot * pitch_ + (pitch_ - r.size) / 2 + 0.88 * r.size;
        double left = page_.left;
        if (!at.empty()) left += at[k];
        else if (r.align == layout::Align::Center) left += (page_.body_width - ln.natural) / 2 + off_centre(ln);
        else if (r.align == layout::Align::Right) left += page_.body_width - ln.natural;
        emit_line(ln, left, baseline, page, m.element, spans.empty() ? nullptr : &spans);
        y = (slot + 1) * pitch_;
      }
    }
  }

  void empty_page() { out_.pages.emplace_back(); }

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
  // The paragraph's lines; characters no font has are reported.
  std::vector<Line> lines_of(const compose::Paragraph& p, Diagnostics& diags) {
    // The lines of each part the input breaks the paragraph into, one under another.
    // An atom's index counts in the whole paragraph's text (per_char), not its part's.
    std::vector<Line> lines;
    uint32_t offset = 0;
    for (size_t b = 0, e; b < p.runs.size(); b = e) {
      for (e = b + 1; e < p.runs.size() && !p.runs[e].line_break;) ++e;
      if (b == 0 && e == p.runs.size()) return part_lines(p, p.runs, diags);
      auto part = part_lines(p, std::vector<compose::Run>(p.runs.begin() + b, p.runs.begin() + e), diags);
      for (auto& ln : part)
        for (auto& a : ln.atoms) a.index += offset;
      for (size_t r = b; r < e; ++r) offset += static_cast<uint32_t>(p.runs[r].text.size());
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

  // Where the 落款's lines start in the body (GB/T 9704 §7.3.5): its last line is the
  // date, those above it the organ. Without a seal the organ 右空二字 and the date
  // two characters further right, or, a date longer than the organ, the date 右空二字
  // and the organ two characters further left; with a seal the date 右空四字 and the
  // organ centred on it. Never beyond the body's edges.
  std::vector<double> signature_lefts(const std::vector<Line>& lines, bool seal) const {
    std::vector<double> at(lines.size(), 0);
    if (lines.empty()) return at;
    const double w = page_.body_width, date = lines.back().natural;
    double organ = 0;
    for (size_t i = 0; i + 1 < lines.size(); ++i) organ = std::max(organ, lines[i].natural);
    double organ_left, date_left;
    if (seal) {
      date_left = w - signature_.seal_date_right * grid_ - date;
      organ_left = std::min(date_left + (date - organ) / 2, w - organ);
    } else if (date > organ + 1e-6) {
      date_left = w - signature_.date_right * grid_ - date;
      organ_left = date_left - signature_.date_shift * grid_;
    } else {
      organ_left = w - signature_.organ_right * grid_ - organ;
      date_left = organ_left + signature_.date_shift * grid_;
    }
    for (size_t i = 0; i < lines.size(); ++i) at[i] = std::max(0.0, i + 1 < lines.size() ? organ_left : date_left);
    return at;
  }

  // A paragraph with bold runs: the element of each character of its text (its
  // spans' or its own); empty when it has none.
  std::vector<int> per_char(const Measured& m) const {
    std::vector<int> out;
    if (m.spans.empty()) return out;
    size_t length = 0;
    for (const auto& r : m.para->runs) length += r.text.size();
    out.assign(length, m.element);
    for (const auto& sp : m.spans) std::fill(out.begin() + sp.begin, out.begin() + sp.end, sp.element);
    return out;
  }

  int next_line(double y) const { return static_cast<int>(std::ceil(y / pitch_ - 1e-6)); }
  int blank(double y) const { return lines_ - std::min(lines_, next_line(y)); }

  // A page ending before unit e, its content down to y.
  double cost(size_t e, double y, double split) const {
    if (e == units_) return kPage;  // the last page may end anywhere
    const int b = blank(y);
    const bool section = section_at(e);
    double c = kPage + split + (section ? kBlankLine / 4 : kBlankLine) * b * b;
    if (b > kHoleLines && !section) c += kHole;
    return c;
  }

  // Does unit e start a section (一、…)?
  bool section_at(size_t e) const {
    const Measured& m = blocks_[block_at_[e]];
    return m.first == e && m.para && m.para->kind == compose::Kind::Heading1;
  }

  Fragment fragment(const Measured& m, int from, int to, double y) const {
    const TableLayout& tl = m.tl;
    const int h = m.table->header_rows;
    const double margin = pitch_ * 0.25;
    Fragment f;
    f.top = y > 0 ? margin : 0;
    if (h > 0) f.ranges.emplace_back(0, h);
    if (const auto [g0, g1] = group_header(tl, from); g1 > g0) f.ranges.emplace_back(g0, g1);
    f.ranges.emplace_back(from, to);
    int rows = 0;
    for (const auto& [r0, r1] : f.ranges) f.natural += tl.height(r0, r1), rows += r1 - r0;
    const double bottom = to == m.table->rows ? margin : 0;
    const double free = (lines_ - next_line(y)) * pitch_;
    f.fits = f.top + f.natural <= free + 1e-6;
    f.height = std::ceil((f.top + f.natural + bottom) / pitch_ - 1e-6) * pitch_;
    double room = f.height - f.top - bottom;
    if (f.height > free + 1e-6 && f.fits) {
      f.height = free;  // the space below falls at the page's foot
      room = f.height - f.top;
    }
    if (rows > 0) f.extra = std::max(0.0, room - f.natural) / rows;
    return f;
  }

  const layout::Page& page_;
  const layout::Typography& typo_;
  const layout::SignatureStyle& signature_;
  std::vector<std::u32string> title_keep_;
  const Roles& roles_;
  Result& out_;
  Diagnostics& diags_;
  Diagnostics again_;  // what setting a measured paragraph again would report twice
  ShapeCache shaped_;
  std::vector<Measured> blocks_;
  std::vector<uint32_t> block_at_;  // the block of each unit
  size_t units_ = 0;
  int heading_level_ = 0;  // of the last heading tagged
  double pitch_ = 0, grid_ = 0, body_size_ = 0;
  int lines_ = 0;
};

}  // namespace

Result typeset(const compose::Document& doc, font::FontLibrary& fonts, Diagnostics& diags) {
  Result out;
  const layout::Layout& l = *doc.layout;
  out.width = l.page.width;
  out.height = l.page.height;
  const Roles roles = resolve_roles(l, doc.fonts, fonts);
  PageBuilder pb(l, roles, out, diags);
  pb.set_title_keep_together(doc.title_keep_together);
  // Where the pages have reached when they are too many: the last prose before block b.
  auto too_long = [&](size_t b) {
    Loc at;
    for (size_t i = 0; i <= b && i < doc.blocks.size(); ++i)
      if (const auto* p = std::get_if<compose::Paragraph>(&doc.blocks[i]); p && !p->runs.empty() && p->runs[0].origin)
        at = p->runs[0].locate(0);
    diags.add(Diagnostic{Severity::Error, at,
                         "报告超过 " + std::to_string(limits::kPages) + " 页（排到此处时已满 " +
                             std::to_string(limits::kPages) + " 页）：请精简正文，或检查是否误粘贴了大量文字",
                         doc.source_path});
    out.pages.clear();
    return out;
  };
  // The blocks up to where they surely fill more than limits::kPages pages; then
  // the page breaks over them.
  std::optional<size_t> over;
  try {
    pb.measure(doc.blocks);
  } catch (const PageLimit& limit) {
    over = limit.block;
  }
  const size_t n = pb.units();
  const auto starts = total_fit(n, [&](size_t s, std::vector<PageEnd>& ends) { pb.pages_from(s, ends); });
  if (starts.size() > limits::kPages) return too_long(pb.block_at(starts[limits::kPages]));
  if (over) return too_long(*over);
  for (size_t i = 0; i < starts.size(); ++i) pb.set_page(starts[i], i + 1 < starts.size() ? starts[i + 1] : n);
  if (starts.empty()) pb.empty_page();
  pb.number_pages();
  return out;
}

}  // namespace nb::typeset
