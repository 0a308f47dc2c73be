#include "pdf/structure.hpp"

#include <podofo/podofo.h>

#include <algorithm>
#include <string>

using namespace PoDoFo;

namespace nb::pdf {

const char* tag_name(typeset::Tag t) {
  static const char* const kNames[] = {"Document", "H1",    "H2",    "H3",    "H4", "H5", "H6", "P",
                                       "Span",     "Table", "THead", "TBody", "TR", "TH", "TD"};
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

  PdfObject* root = objs.CreateObject("StructTreeRoot");
  std::vector<PdfObject*> obj(n, nullptr);
  for (int e : order) obj[e] = objs.CreateObject();

  // IDs of the header cells a cell names: short numbers in reading order (the ID
  // tree lists them sorted as strings).
  std::vector<std::string> id(n);
  for (int e : order)
    for (int h : elements[e].headers)
      if (attached[h]) id[h] = "-";
  for (size_t i = 0, k = 0; i < order.size(); ++i)
    if (!id[order[i]].empty()) id[order[i]] = std::to_string(++k);

  // Each element written compactly, by hand: PoDoFo's Clean mode puts every key on
  // a line of its own, which for the ~400 elements of the sample's tables made the
  // file 18 % larger (without object streams, which PoDoFo 0.9.8 cannot write, each
  // element is an object of its own).
  auto ref = [](const PdfObject* o) { return std::to_string(o->Reference().ObjectNumber()) + " 0 R"; };
  for (int e : order) {
    const typeset::Element& el = elements[e];
    std::string d = std::string("<</S/") + tag_name(el.tag) + "/P " + ref(el.parent >= 0 ? obj[el.parent] : root);
    int pg = -1;  // the page of its first marked content: its other content there is a bare MCID
    for (const Kid& k : kids[e])
      if (k.element < 0) { pg = k.page; break; }
    if (pg >= 0) d += "/Pg " + ref(pages[pg]);
    d += "/K";
    if (kids[e].size() != 1) d += "[";
    for (size_t i = 0; i < kids[e].size(); ++i) {
      const Kid& kid = kids[e][i];
      if (i > 0 || kids[e].size() == 1) d += " ";
      if (kid.element >= 0) d += ref(obj[kid.element]);
      else if (kid.page == pg) d += std::to_string(kid.mcid);
      else d += "<</Type/MCR/Pg " + ref(pages[kid.page]) + "/MCID " + std::to_string(kid.mcid) + ">>";
    }
    if (kids[e].size() != 1) d += "]";
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
