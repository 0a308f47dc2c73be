// Arabic (ASCII or full-width, with thousands separators , or ，) and Chinese numerals.
#include "core/numerals.hpp"

#include <string>

#include "core/utf8.hpp"

namespace nb {

namespace {

constexpr int kMaxDigits = 15;     // digits a figure may have (either side of the point)
constexpr size_t kMaxChinese = 20;  // characters of a Chinese numeral

int arabic(char32_t c) {
  if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
  if (c >= U'０' && c <= U'９') return static_cast<int>(c - U'０');
  return -1;
}

int chinese_digit(char32_t c) {
  static const std::u32string digits = U"零一二三四五六七八九";
  if (c == U'〇') return 0;
  if (c == U'两') return 2;
  size_t k = digits.find(c);
  return k == std::u32string::npos ? -1 : static_cast<int>(k);
}

int chinese_multiplier(char32_t c) {
  switch (c) {
    case U'十': return 10;
    case U'百': return 100;
    case U'千': return 1000;
    case U'万': return 10000;
    default: return 0;
  }
}

// 1,234: a separator counts only between digits, with exactly three digits after it.
bool thousands_separator(std::u32string_view t, size_t j) {
  if (j >= t.size() || (t[j] != U',' && t[j] != U'，')) return false;
  for (size_t k = 1; k <= 3; ++k)
    if (j + k >= t.size() || arabic(t[j + k]) < 0) return false;
  return j + 4 >= t.size() || arabic(t[j + 4]) < 0;
}

std::optional<Numeral> read_arabic(std::u32string_view t, size_t i) {
  Numeral n;
  int digits = 0;
  size_t j = i;
  while (j < t.size()) {
    if (thousands_separator(t, j)) ++j;
    int d = j < t.size() ? arabic(t[j]) : -1;
    if (d < 0) break;
    if (++digits > kMaxDigits) n.too_long = true;
    else n.whole = n.whole * 10 + d;
    ++j;
  }
  if (j + 1 < t.size() && (t[j] == U'.' || t[j] == U'．') && arabic(t[j + 1]) >= 0)
    for (++j; j < t.size() && arabic(t[j]) >= 0; ++j) {
      if (++n.frac_digits > kMaxDigits) n.too_long = true;
      else n.frac = n.frac * 10 + arabic(t[j]);
    }
  n.end = j;
  return n;
}

// 二十一, 一百零五, 三万二千, 十二; digits alone are read one by one (二〇二一).
std::optional<Numeral> read_chinese(std::u32string_view t, size_t i) {
  size_t j = i;
  bool multiplied = false;
  while (j < t.size() && (chinese_digit(t[j]) >= 0 || chinese_multiplier(t[j]) > 0)) {
    multiplied = multiplied || chinese_multiplier(t[j]) > 0;
    ++j;
  }
  Numeral n;
  n.end = j;
  if (j - i > (multiplied ? kMaxChinese : static_cast<size_t>(kMaxDigits))) {
    n.too_long = true;
    return n;
  }
  int64_t total = 0, section = 0, digit = -1;
  for (size_t k = i; k < j; ++k) {
    int d = chinese_digit(t[k]);
    int m = chinese_multiplier(t[k]);
    if (!multiplied) {
      total = total * 10 + d;
    } else if (d >= 0) {
      digit = d;
    } else if (m == 10000) {
      total += (section + std::max<int64_t>(digit, 0)) * m;
      section = 0;
      digit = -1;
    } else {
      section += (digit < 0 ? 1 : digit) * m;  // 十二: a multiplier alone counts one
      digit = -1;
    }
  }
  n.whole = multiplied ? total + section + std::max<int64_t>(digit, 0) : total;
  return n;
}

}  // namespace

std::optional<Numeral> read_numeral(std::u32string_view t, size_t i) {
  if (i >= t.size()) return std::nullopt;
  if (arabic(t[i]) >= 0) return read_arabic(t, i);
  if (chinese_digit(t[i]) >= 0 || t[i] == U'十') return read_chinese(t, i);
  return std::nullopt;
}

std::optional<std::string> plain_number(std::string_view typed) {
  auto t = decode_utf8(typed);
  if (!t || t->empty() || arabic((*t)[0]) < 0) return std::nullopt;
  auto n = read_arabic(*t, 0);
  if (!n || n->too_long || n->end != t->size()) return std::nullopt;
  std::string out = std::to_string(n->whole);
  if (n->frac_digits) {
    std::string frac = std::to_string(n->frac);
    out += "." + std::string(static_cast<size_t>(n->frac_digits) - frac.size(), '0') + frac;
  }
  return out;
}

}  // namespace nb
