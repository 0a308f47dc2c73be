#include "pdf/content.hpp"

#include <charconv>
#include <cmath>

#include "core/hex.hpp"
#include "font/subset.hpp"
#include "pdf/structure.hpp"

namespace nb::pdf {

namespace {

// Shortest decimal with at most 3 places; never "-0". (to_chars rounds as "%.3f" does.)
void put(std::string& out, double v) {
  char b[32];
  char* end = std::to_chars(b, b + sizeof b, v, std::chars_format::fixed, 3).ptr;
  while (end[-1] == '0') --end;
  if (end[-1] == '.') --end;
  if (end - b == 2 && b[0] == '-' && b[1] == '0') { b[0] = '0'; end = b + 1; }
  out.append(b, end);
}

}  // namespace

std::string page_content(const typeset::Page& page, double page_height,
                         const std::map<const font::Face*, std::string>& font_names,
                         const std::vector<typeset::Element>& elements, std::vector<int>& mcids) {
  std::string o = "0 g 0 G\n";
  mcids.clear();
  if (!page.runs.empty()) {
    o += "BT\n";
    const font::Face* face = nullptr;
    double size = 0, stroke = -1;
    int open = -2;  // the element of the marked-content sequence open (-1: an artifact)
    for (const auto& run : page.runs) {
      if (run.glyphs.empty()) continue;
      if (run.element != open) {
        if (open != -2) o += "EMC\n";
        open = run.element;
        if (open < 0) {
          o += "/Artifact <</Type /Pagination>> BDC\n";
        } else {
          o += std::string("/") + tag_name(elements.at(open).tag) + " <</MCID " + std::to_string(mcids.size()) + ">> BDC\n";
          mcids.push_back(open);
        }
      }
      if (run.face != face || run.size != size) {
        face = run.face;
        size = run.size;
        o += "/" + font_names.at(face) + " ";
        put(o, size);
        o += " Tf\n";
      }
      if (run.embolden != stroke) {
        if (run.embolden > 0) { put(o, run.embolden); o += " w 2 Tr\n"; }
        else o += "0 Tr\n";
        stroke = run.embolden;
      }
      o += "1 0 0 1 ";
      put(o, run.glyphs.front().x);
      o += ' ';
      put(o, page_height - run.y);
      o += " Tm\n[<";
      const double k = 1000.0 / face->upem();
      for (size_t i = 0; i < run.glyphs.size(); ++i) {
        const auto& g = run.glyphs[i];
        append_hex4(o, face->code_for(g.gid));
        if (i + 1 < run.glyphs.size()) {
          double advance = std::lround(face->advance_units(g.gid) * k) * size / 1000.0;
          double adj = (g.x + advance - run.glyphs[i + 1].x) * 1000.0 / size;
          if (std::fabs(adj) >= 0.0005) {
            o += "> ";
            put(o, adj);
            o += " <";
          }
        }
      }
      o += ">] TJ\n";
    }
    if (open != -2) o += "EMC\n";
    o += "ET\n";
  }
  if (!page.rules.empty()) {
    o += "/Artifact BMC\n0 J 0 j\n";
    double width = -1;
    for (const auto& r : page.rules) {
      if (r.width != width) { put(o, r.width); o += " w\n"; width = r.width; }
      put(o, r.x0); o += ' '; put(o, page_height - r.y0); o += " m ";
      put(o, r.x1); o += ' '; put(o, page_height - r.y1); o += " l S\n";
    }
    o += "EMC\n";
  }
  return o;
}

}  // namespace nb::pdf
