// Resolving roles to chains of faces: the input's choice, then the layout's fonts.
#include "typeset/role_fonts.hpp"

namespace nb::typeset {

namespace {

// Opens a font file for a role; a file that is not a usable font is reported where
// it was chosen: at the input's [fonts] entry, or in the layout file.
const font::Face& open_font(font::FontLibrary& fonts, const std::string& path, int face, const Loc& at,
                            const std::string& where, const std::string& what) {
  try {
    return fonts.open(path, face);
  } catch (EnvironmentError& e) {
    // FontLibrary names the file at the start of its message; here the file comes after what chose it.
    if (e.message.rfind(path + ": ", 0) == 0) e.message.erase(0, path.size() + 2);
    e.message = "字体文件 " + path + "（" + what + "）：" + e.message;
    if (e.message.find("：请") == std::string::npos)
      e.message += "：文件可能不完整或已损坏，请换用完好的 .ttf/.otf/.ttc 文件";
    e.loc = at;
    if (!at.file) e.path = where;
    throw;
  }
}

}  // namespace

Roles resolve_roles(const layout::Layout& l, const std::map<layout::Role, compose::FontChoice>& chosen,
                    font::FontLibrary& fonts) {
  Roles out;
  for (const auto& [role, style] : l.roles) {
    const std::string name = layout::role_name(role);
    RoleFonts rf;
    rf.style = &style;
    if (auto it = chosen.find(role); it != chosen.end()) {
      const compose::FontChoice& c = it->second;
      auto path = fonts.find(c.path);
      if (!path)
        throw EnvironmentError{"找不到字体文件 " + c.file + "（fonts." + name + "）：请把它放进 fonts/ 文件夹，或写出完整路径",
                               "", c.loc};
      rf.chain.push_back(&open_font(fonts, *path, c.face, c.loc, "", "fonts." + name));
    }
    for (const auto& id : style.fonts) {
      const layout::FontFile& ff = l.fonts.at(id);
      auto path = fonts.find(ff.file);
      if (!path)
        throw EnvironmentError{"找不到字体文件 " + ff.file + "（字体 " + id + "，角色 " + name +
                                   "）：请运行 ./setup.sh 安装默认字体，或把字体文件放进 fonts/",
                               l.path, ff.loc};
      rf.chain.push_back(&open_font(fonts, *path, ff.face, ff.loc, l.path, "字体 " + id + "，角色 " + name));
    }
    out[role] = std::move(rf);
  }
  return out;
}

}  // namespace nb::typeset
