#include "pdf/structure.hpp"

#include <podofo/podofo.h>

#include <algorithm>
#include <string>

using namespace PoDoFo;

namespace nb::pdf {

const char* tag_name(typeset::Tag t) {
  static const char* const kNames[] = {"Document", "H1",    "H2",    "H3",    "H4", "H5", "H6", "P",
                                       "Span",     "Table", "THead", "TBody", "TR", "TH", "TD", "Div"};
  return kNames[static_cast<size_t>(t)];
}

namespace {

// A kid of an element: another element, or a marked-content sequence of a page.
struct Kid {
  int element = -1;  // >= 0: an element
  int page = 0, mcid = 0;
};

}  // namespace

PdfObject* make_structure(PdfVecObjects& objs, const std::vector<typeset::Element>& elements,
                          const std::vector<std::vector<int>>& mcids, const std::vector<PdfObject*>& pages) {
  // Kids in the order their content comes: an element joins its parent when its
  // first content (or a descendant's) is met, pages and marked content in order.
  const size_t n = elements.size();
  std::vector<std::vector<Kid>> kids(n);
  std::vector<int> order;  // elements as they join the tree
  std::vector<bool> attached(n, false);
  std::vector<int> chain;
  for (size_t p = 0; p < mcids.size(); ++p)
    for (size_t m = 0; m < mcids[p].size(); ++m) {
      chain.clear();
      for (int e = mcids[p][m]; e >= 0 && !attached[e]; e = elements[e].parent) chain.push_back(e);
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        attached[*it] = true;
        order.push_back(*it);
        if (const int parent = elements[*it].parent; parent >= 0) kids[parent].push_back({*it, 0, 0});
      }
      kids[mcids[p][m]].push_back({-1, static_cast<int>(p), static_cast<int>(m)});
    }

  // A table cell with no text has no content, but its row is a row of all its
  // cells: it joins its row, in the cells' order (elements are made in that order).
  for (size_t e = 0; e < n; ++e) {
    const typeset::Tag t = elements[e].tag;
    const int row = elements[e].parent;
    if (attached[e] || (t != typeset::Tag::TH && t != typeset::Tag::TD) || row < 0 || !attached[row]) continue;
    attached[e] = true;
    order.push_back(static_cast<int>(e));
    kids[row].push_back({static_cast<int>(e), 0, 0});
    std::stable_sort(kids[row].begin(), kids[row].end(), [](const Kid& a, const Kid& b) { return a.element < b.element; });
  }

  // PDF 1.4 (PDF/A-1) allows arrays of at most 8,191 elements: an element with more
  // kids than that (a Document of 20,000 paragraphs) gets them in Divs of that many.
  constexpr size_t kMaxKids = 8191;
  std::vector<int> parent_of(n, -1);  // where an element's /P points: its parent or a Div
  for (size_t e = 0; e < n; ++e) parent_of[e] = elements[e].parent;
  std::vector<std::pair<int, std::vector<Kid>>> divs;  // parent, kids
  for (int e : std::vector<int>(order)) {
    const bool all_elements =
        std::all_of(kids[e].begin(), kids[e].end(), [](const Kid& k) { return k.element >= 0; });
    if (kids[e].size() <= kMaxKids || !all_elements) continue;
    std::vector<Kid> grouped;
    for (size_t first = 0; first < kids[e].size(); first += kMaxKids) {
      const int div = static_cast<int>(n + divs.size());
      divs.push_back({e, {kids[e].begin() + first, kids[e].begin() + std::min(kids[e].size(), first + kMaxKids)}});
      for (const Kid& k : divs.back().second) parent_of[k.element] = div;
      grouped.push_back({div, 0, 0});
    }
    kids[e] = std::move(grouped);
  }
  for (size_t d = 0; d < divs.size(); ++d) {
    order.push_back(static_cast<int>(n + d));
    kids.push_back(divs[d].second);
    parent_of.push_back(divs[d].first);
  }

  PdfObject* root = objs.CreateObject("StructTreeRoot");
  std::vector<PdfObject*> obj(n + divs.size(), nullptr);
  for (int e : order) obj[e] = objs.CreateObject();

  // IDs of the header cells a cell names: short numbers in reading order (the ID
  // tree lists them sorted as strings).
  std::vector<std::string> id(order.size() + n);
  for (int e : order)
    if (static_cast<size_t>(e) < n)
      for (int h : elements[e].headers)
        if (attached[h]) id[h] = "-";
  for (size_t i = 0, k = 0; i < order.size(); ++i)
    if (!id[order[i]].empty()) id[order[i]] = std::to_string(++k);

  // Each element written compactly, by hand (PoDoFo's Clean mode puts every key on
  // a line of its own): a tagged report has an element per table cell.
  auto ref = [](const PdfObject* o) { return std::to_string(o->Reference().ObjectNumber()) + " 0 R"; };
  const typeset::Element div{typeset::Tag::Div, -1, 1, 1, typeset::Scope::None, {}, {}};
  for (int e : order) {
    const typeset::Element& el = static_cast<size_t>(e) < n ? elements[e] : div;
    const int parent = parent_of[e];
    std::string d = std::string("<</S/") + tag_name(el.tag) + "/P " + ref(parent >= 0 ? obj[parent] : root);
    int pg = -1;  // the page of its first marked content: its other content there is a bare MCID
    for (const Kid& k : kids[e])
      if (k.element < 0) { pg = k.page; break; }
    if (pg >= 0) d += "/Pg " + ref(pages[pg]);
    if (!kids[e].empty()) d += "/K";  // none: an empty cell
    if (kids[e].size() > 1) d += "[";
    for (size_t i = 0; i < kids[e].size(); ++i) {
      const Kid& kid = kids[e][i];
      if (i > 0 || kids[e].size() == 1) d += " ";
      if (kid.element >= 0) d += ref(obj[kid.element]);
      else if (kid.page == pg) d += std::to_string(kid.mcid);
      else d += "<</Type/MCR/Pg " + ref(pages[kid.page]) + "/MCID " + std::to_string(kid.mcid) + ">>";
    }
    if (kids[e].size() > 1) d += "]";
    if (!id[e].empty()) d += "/ID(" + id[e] + ")";
    if (!el.lang.empty()) d += "/Lang(" + el.lang + ")";
    if (el.tag == typeset::Tag::TH || el.tag == typeset::Tag::TD) {
      d += "/A<</O/Table";
      if (el.rowspan > 1) d += "/RowSpan " + std::to_string(el.rowspan);
      if (el.colspan > 1) d += "/ColSpan " + std::to_string(el.colspan);
      if (el.scope != typeset::Scope::None) d += el.scope == typeset::Scope::Row ? "/Scope/Row" : "/Scope/Column";
      std::string headers;
      for (int h : el.headers)
        if (!id[h].empty()) headers += "(" + id[h] + ")";
      if (!headers.empty()) d += "/Headers[" + headers + "]";
      d += ">>";
    }
    d += ">>";
    static_cast<PdfVariant&>(*obj[e]) = PdfVariant(PdfData(d.c_str(), d.size()));
  }

  // The parent tree: per page (its /StructParents), the element of each MCID.
  PdfObject* parents = objs.CreateObject();
  PdfArray nums;
  for (size_t p = 0; p < pages.size(); ++p) {
    pages[p]->GetDictionary().AddKey("StructParents", static_cast<pdf_int64>(p));
    PdfArray refs;
    if (p < mcids.size())
      for (int e : mcids[p]) refs.push_back(obj[e]->Reference());
    nums.push_back(PdfObject(static_cast<pdf_int64>(p)));
    nums.push_back(refs);
  }
  parents->GetDictionary().AddKey("Nums", nums);

  PdfDictionary& r = root->GetDictionary();
  if (!order.empty()) r.AddKey("K", obj[order.front()]->Reference());
  r.AddKey("ParentTree", parents->Reference());
  r.AddKey("ParentTreeNextKey", static_cast<pdf_int64>(pages.size()));
  std::vector<int> named;
  for (int e : order)
    if (!id[e].empty()) named.push_back(e);
  std::sort(named.begin(), named.end(), [&](int a, int b) { return id[a] < id[b]; });
  PdfArray names;
  for (int e : named) {
    names.push_back(PdfString(id[e]));
    names.push_back(obj[e]->Reference());
  }
  if (!names.empty()) {
    PdfDictionary ids;
    ids.AddKey("Names", names);
    r.AddKey("IDTree", ids);
  }
  return root;
}

}  // namespace nb::pdf
