#include "pdf/outline.hpp"

#include <algorithm>
#include <cmath>

#include "core/utf8.hpp"

namespace nb::pdf {

namespace {

struct Node {
  const typeset::Bookmark* mark = nullptr;
  std::vector<Node> children;
  Ref obj;
};

int64_t count(const Node& n) {
  int64_t c = 0;
  for (const auto& k : n.children) c += 1 + count(k);
  return c;
}

// Creates the objects of n's children (pre-order, so object numbers follow the
// document) and links them to `parent`.
void link(File& file, Node& n, Ref parent, const std::vector<Ref>& pages, double height) {
  for (auto& k : n.children) {
    size_t page = std::clamp<size_t>(static_cast<size_t>(std::max(k.mark->page, 0)), 0, pages.size() - 1);
    double top = std::clamp(std::round((height - k.mark->y) * 100) / 100, 0.0, height);
    Dict d;
    d.set("Title", text(encode_utf8(k.mark->title)))
        .set("Parent", parent)
        .set("Dest", Array{pages[page], name("XYZ"), 0, top, Null{}});
    if (!k.children.empty()) d.set("Count", count(k));
    k.obj = file.add(std::move(d));
    link(file, k, k.obj, pages, height);
  }
  if (n.children.empty()) return;
  file.dict(parent).set("First", n.children.front().obj).set("Last", n.children.back().obj);
  for (size_t i = 0; i < n.children.size(); ++i) {
    Dict& d = file.dict(n.children[i].obj);
    if (i > 0) d.set("Prev", n.children[i - 1].obj);
    if (i + 1 < n.children.size()) d.set("Next", n.children[i + 1].obj);
  }
}

}  // namespace

std::optional<Ref> make_outline(File& file, const std::vector<Ref>& pages, const std::vector<typeset::Bookmark>& marks,
                                double page_height) {
  if (marks.empty() || pages.empty()) return std::nullopt;
  Node root;
  for (const auto& m : marks) {
    if (m.level > 1 && !root.children.empty()) root.children.back().children.push_back({&m, {}, {}});
    else root.children.push_back({&m, {}, {}});
  }
  Ref outlines = file.add(Dict().set("Type", name("Outlines")).set("Count", count(root)));
  link(file, root, outlines, pages, page_height);
  return outlines;
}

}  // namespace nb::pdf
