#include "pdf/outline.hpp"

#include <algorithm>
#include <cmath>

#include "core/utf8.hpp"
#include "pdf/metadata.hpp"

using namespace PoDoFo;

namespace nb::pdf {

namespace {

struct Node {
  const typeset::Bookmark* mark = nullptr;
  std::vector<Node> children;
  PdfObject* obj = nullptr;
};

int64_t count(const Node& n) {
  int64_t c = 0;
  for (const auto& k : n.children) c += 1 + count(k);
  return c;
}

PdfVariant num(int64_t v) { return PdfVariant(static_cast<pdf_int64>(v)); }

// Creates the objects of n's children (pre-order, so object numbers follow the
// document) and links them to `parent`.
void link(PdfVecObjects& objs, Node& n, PdfObject* parent, const std::vector<PdfObject*>& pages, double height) {
  for (auto& k : n.children) {
    k.obj = objs.CreateObject();
    PdfDictionary& d = k.obj->GetDictionary();
    d.AddKey("Title", text_string(encode_utf8(k.mark->title)));
    d.AddKey("Parent", parent->Reference());
    size_t page = std::clamp<size_t>(static_cast<size_t>(std::max(k.mark->page, 0)), 0, pages.size() - 1);
    double top = std::clamp(std::round((height - k.mark->y) * 100) / 100, 0.0, height);
    PdfArray dest;
    dest.push_back(pages[page]->Reference());
    dest.push_back(PdfName("XYZ"));
    dest.push_back(num(0));
    dest.push_back(PdfVariant(top));
    dest.push_back(PdfVariant::NullValue);
    d.AddKey("Dest", dest);
    if (!k.children.empty()) d.AddKey("Count", num(count(k)));
    link(objs, k, k.obj, pages, height);
  }
  PdfDictionary& p = parent->GetDictionary();
  if (n.children.empty()) return;
  p.AddKey("First", n.children.front().obj->Reference());
  p.AddKey("Last", n.children.back().obj->Reference());
  for (size_t i = 0; i < n.children.size(); ++i) {
    PdfDictionary& d = n.children[i].obj->GetDictionary();
    if (i > 0) d.AddKey("Prev", n.children[i - 1].obj->Reference());
    if (i + 1 < n.children.size()) d.AddKey("Next", n.children[i + 1].obj->Reference());
  }
}

}  // namespace

PdfObject* make_outline(PdfVecObjects& objs, const std::vector<PdfObject*>& pages,
                        const std::vector<typeset::Bookmark>& marks, double page_height) {
  if (marks.empty() || pages.empty()) return nullptr;
  Node root;
  for (const auto& m : marks) {
    if (m.level > 1 && !root.children.empty()) root.children.back().children.push_back({&m, {}, nullptr});
    else root.children.push_back({&m, {}, nullptr});
  }
  PdfObject* outlines = objs.CreateObject("Outlines");
  outlines->GetDictionary().AddKey("Count", num(count(root)));
  link(objs, root, outlines, pages, page_height);
  return outlines;
}

}  // namespace nb::pdf
