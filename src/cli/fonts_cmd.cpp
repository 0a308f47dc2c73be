#include "cli/fonts_cmd.hpp"

#include <map>

#include "core/utf8.hpp"
#include "typeset/role_fonts.hpp"

namespace nb::cli {

namespace {

struct Usage {
  layout::Role role;
  int face = -1;  // index in the role's chain; -1: none has it
  Loc first;
  size_t count = 0;
};

void scan(const std::vector<compose::Run>& runs, const typeset::Roles& roles,
          std::map<std::pair<char32_t, layout::Role>, Usage>& found) {
  for (const auto& run : runs) {
    const auto& chain = roles.at(run.role).chain;
    for (size_t i = 0; i < run.text.size(); ++i) {
      char32_t c = run.text[i];
      const int at = font::pick(chain, c);
      if (at == 0) continue;
      auto& u = found[{c, run.role}];
      if (u.count++ == 0) { u.role = run.role; u.face = at; u.first = run.locate(i); }
    }
  }
}

std::string where(const Loc& l) {
  if (!l.file) return "（版式文件中的文字）";
  return l.file->path + ":" + std::to_string(l.line) + ":" + std::to_string(l.col);
}

}  // namespace

int list_fonts(Env& env, const layout::Layout& layout, const compose::Document* doc, std::ostream& out) {
  const typeset::Roles roles = typeset::resolve_roles(layout, doc ? doc->fonts : decltype(doc->fonts){}, *env.fonts);
  out << "格式 " << layout.id << "（" << layout.document << "）的字体角色：\n";
  for (const auto& [role, rf] : roles) {
    out << "  " << layout::role_name(role) << "（" << (rf.style->label.empty() ? "" : rf.style->label + "，")
        << rf.style->size << " 磅）\n";
    for (size_t i = 0; i < rf.chain.size(); ++i) {
      const font::Face* f = rf.chain[i];
      out << "    " << (i == 0 ? "  " : "→ ") << f->family() << "  " << f->path();
      if (f->index() > 0) out << "（第 " << f->index() << " 个字体）";
      if (!f->version().empty()) out << "  " << f->version();
      out << '\n';
    }
  }
  if (!doc) return 0;
  std::map<std::pair<char32_t, layout::Role>, Usage> found;
  for (const auto& b : doc->blocks) {
    if (const auto* p = std::get_if<compose::Paragraph>(&b)) scan(p->runs, roles, found);
    else
      for (const auto& c : std::get<compose::Table>(b).cells) scan(c.runs, roles, found);
  }
  size_t fallback = 0, missing = 0;
  for (const auto& [key, u] : found) (u.face < 0 ? missing : fallback)++;
  out << "\n" << doc->source_path << "：";
  if (found.empty()) {
    out << "每个字符都在其角色的第一个字体中。\n";
    return 0;
  }
  out << fallback << " 个字符用了后备字体，" << missing << " 个字符所有字体都没有。\n";
  for (const auto& [key, u] : found) {
    std::string ch;
    append_utf8(ch, key.first);
    const auto& chain = roles.at(u.role).chain;
    out << "  " << ch << " " << codepoint_name(key.first) << "  " << layout::role_name(u.role) << "：";
    if (u.face < 0) out << "所有字体都没有（缺字）";
    else out << chain[0]->family() << " 没有 → " << chain[u.face]->family();
    out << "；" << where(u.first);
    if (u.count > 1) out << " 等 " << u.count << " 处";
    out << '\n';
  }
  return missing ? 1 : 0;
}

}  // namespace nb::cli
