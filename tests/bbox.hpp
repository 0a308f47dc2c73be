// Reads `pdftotext -bbox-layout` output: pages of lines with their boxes and text.
#pragma once
#include <regex>
#include <string>
#include <vector>

#include "support.hpp"

namespace nbtest {

struct TextWord {
  double x0, y0, x1, y1;
  std::string text;
  double cx() const { return (x0 + x1) / 2; }
  double cy() const { return (y0 + y1) / 2; }
};

struct TextLine {
  double x0, y0, x1, y1;
  std::string text;  // words joined without spaces
  std::vector<TextWord> words;
  double height() const { return y1 - y0; }
};

struct TextPage {
  std::vector<TextLine> lines;
};

inline std::string unescape_xml(std::string s) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : kEntities)
    for (size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += 1) s.replace(p, std::string(from).size(), to);
  return s;
}

inline std::vector<TextPage> read_bbox(const std::string& pdf) {
  Output o = run("pdftotext -bbox-layout " + pdf + " -");
  std::vector<TextPage> pages;
  static const std::regex line_re(R"re(<line xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">)re");
  static const std::regex word_re(
      R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
  std::istringstream in(o.out);
  std::string l;
  std::smatch m;
  while (std::getline(in, l)) {
    if (l.find("<page ") != std::string::npos) {
      pages.emplace_back();
    } else if (std::regex_search(l, m, line_re)) {
      pages.back().lines.push_back({std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), "", {}});
    } else if (std::regex_search(l, m, word_re)) {
      TextWord w{std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), unescape_xml(m[5])};
      pages.back().lines.back().text += w.text;
      pages.back().lines.back().words.push_back(std::move(w));
    }
  }
  return pages;
}

}  // namespace nbtest
