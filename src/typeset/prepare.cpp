// Prepare: character classes, punctuation widths normalised whatever the font
// says (GB style), break and stretch opportunities, Han–Latin spaces.
#include "typeset/inline.hpp"
#include "typeset/latin_breaks.hpp"

namespace nb::typeset {

CharClass classify(char32_t c) {
  switch (c) {
    case ' ': case '\t':
      return CharClass::Space;
    case U'“': case U'‘': case U'（': case U'《': case U'「': case U'『': case U'【': case U'〔': case U'〖':
    case U'〈': case U'［': case U'｛': case U'〘': case U'〚': case U'〝': case '(': case '[': case '{':
    case U'￥': case U'＄': case U'£': case U'￡': case '$': case U'¥': case U'€':
      return CharClass::Open;
    case U'。': case U'，': case U'、': case U'：': case U'；': case U'！': case U'？': case U'）': case U'》':
    case U'」': case U'』': case U'】': case U'〕': case U'〗': case U'〉': case U'〙': case U'〛': case U'〞':
    case U'〟': case U'”': case U'’': case U'％': case U'．': case U'‰': case U'℃': case U'°': case U'·':
    case U'～': case U'］': case U'｝': case U'・': case U'′': case U'″': case U'々': case U'〻':
    case ')': case ']': case '}': case ',': case ':': case ';': case '!': case '?': case '%':
      return CharClass::Close;
    default:
      break;
  }
  if (c >= 0x2E80 || c == U'—' || c == U'…' || c == U'⸺' || c == 0x2015) return CharClass::Ideo;
  return CharClass::Word;
}

Punct punct_kind(char32_t c) {
  switch (c) {
    case U'，': case U'。': case U'、': case U'：': case U'；': case U'！': case U'？': case U'）': case U'》':
    case U'」': case U'』': case U'】': case U'〕': case U'〗': case U'〉': case U'”': case U'’':
      return Punct::Left;
    case U'（': case U'《': case U'「': case U'『': case U'【': case U'〔': case U'〖': case U'〈': case U'“':
    case U'‘':
      return Punct::Right;
    case U'·': case U'・':
      return Punct::Middle;
    case U'—': case U'⸺': case 0x2015:
      return Punct::Dash;
    case U'…':
      return Punct::Ellipsis;
    default:
      return Punct::None;
  }
}

namespace {

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_han(const Atom& a) { return a.cls == CharClass::Ideo && a.punct == Punct::None; }
bool is_latin(const Atom& a) {
  return a.cls == CharClass::Word && ((a.ch >= '0' && a.ch <= '9') || (a.ch >= 'A' && a.ch <= 'Z') ||
                                      (a.ch >= 'a' && a.ch <= 'z') || (a.ch >= 0xC0 && a.ch < 0x2000));
}
bool pair_unit(const Atom& a, const Atom& b) {  // —— and ……
  return a.punct == b.punct && (a.punct == Punct::Dash || a.punct == Punct::Ellipsis);
}

// Normalised box width: full-width marks and Han take one cell, the interpunct half.
double box_width(const Atom& a) {
  switch (a.punct) {
    case Punct::Left: case Punct::Right: case Punct::Dash: case Punct::Ellipsis:
      return a.em;
    case Punct::Middle:
      return a.em / 2;
    case Punct::None:
      break;
  }
  // Full-width characters take a cell; proportional ones (%, ASCII marks) their advance.
  bool full_width = a.ch >= 0x2E80 || (a.ch >= 0xFF00 && a.ch <= 0xFFEF) || a.ch == U'“' || a.ch == U'”' ||
                    a.ch == U'‘' || a.ch == U'’';
  if (full_width && a.cls != CharClass::Word && a.cls != CharClass::Space) return a.em;
  return a.advance;
}

// Glyph placement inside the box: marks sit left or right in GB style; a mark
// whose font advance differs from its box is aligned to the proper side.
void place_glyphs(Atom& a) {
  double shift = 0;
  switch (a.punct) {
    case Punct::Right: shift = a.width - a.advance; break;         // hug the right edge
    case Punct::Middle: case Punct::Dash: case Punct::Ellipsis: shift = (a.width - a.advance) / 2; break;
    default: break;
  }
  if (shift != 0)
    for (auto& g : a.glyphs) g.dx += shift;
}

}  // namespace

void prepare(std::vector<Atom>& atoms, const InlineStyle& style) {
  for (auto& a : atoms) {
    a.cls = classify(a.ch);
    a.punct = punct_kind(a.ch);
    a.width = box_width(a);
    place_glyphs(a);
  }
  for (size_t i = 1; i < atoms.size(); ++i) {
    const Atom& a = atoms[i - 1];
    Atom& b = atoms[i];
    bool brk = true, stretch = true;
    if (b.cls == CharClass::Space) brk = false;          // a line may end in spaces, never start with one
    else if (a.cls == CharClass::Space) brk = true;
    else if (b.cls == CharClass::Close || a.cls == CharClass::Open) brk = false;  // clreq 行首行尾禁则
    else if (a.cls == CharClass::Word && b.cls == CharClass::Word) brk = stretch = false;  // words, numbers
    else if (pair_unit(a, b)) brk = stretch = false;
    else if (is_digit(a.ch) && (is_han(b) || b.ch == U'％')) brk = false;  // 2020年, 12件
    // Numbers keep their sign, decimal point and percent sign.
    if ((a.cls == CharClass::Word || a.ch == '%') && b.ch == '%') brk = stretch = false;
    if (a.ch == '%' && b.cls == CharClass::Word) brk = stretch = false;
    b.break_before = brk;
    b.stretch_before = stretch;
    if (style.cjk_latin_space > 0 && ((is_han(a) && is_latin(b)) || (is_latin(a) && is_han(b))))
      b.space_before = style.cjk_latin_space * (is_han(a) ? a.size : b.size);
  }
  // Between characters that are neither Han nor CJK punctuation (numbers, Latin,
  // URLs), ICU's opportunities replace the class table's.
  std::u32string text;
  for (const auto& a : atoms) text += a.ch;
  // Justification stretches such a pair only where it may break (never inside
  // 1,234 or v2.3.1), or anywhere inside a URL or address (letter-spacing: its
  // parts are long); never between Latin and the closing mark after it (v2.3.1，).
  const LatinBreaks lb = latin_breaks(text);
  for (size_t i = 1; i < atoms.size(); ++i) {
    const Atom& a = atoms[i - 1];
    Atom& b = atoms[i];
    if (!is_cjk(a.ch) && b.cls == CharClass::Close && a.cls != CharClass::Space) b.stretch_before = false;
    if (lb.allowed.empty() || is_cjk(a.ch) || is_cjk(b.ch) || a.cls == CharClass::Space || b.cls == CharClass::Space)
      continue;
    b.break_before = lb.allowed[i];
    b.stretch_before = lb.allowed[i] || lb.link[i];
  }
  if (style.words_only) {
    const auto words = word_starts(text);
    for (size_t i = 1; i < atoms.size(); ++i)
      if (is_cjk(atoms[i - 1].ch) && is_cjk(atoms[i].ch) && !words[i]) atoms[i].break_before = false;
  }
  if (!atoms.empty()) atoms.front().break_before = false;
  // Phrases kept together (title lines end on word boundaries).
  for (const auto& phrase : style.keep_together) {
    if (phrase.size() < 2) continue;
    for (size_t i = 0; i + phrase.size() <= atoms.size(); ++i) {
      size_t k = 0;
      while (k < phrase.size() && atoms[i + k].ch == phrase[k]) ++k;
      if (k < phrase.size()) continue;
      for (k = 1; k < phrase.size(); ++k) atoms[i + k].break_before = false;
      i += phrase.size() - 1;
    }
  }
}

}  // namespace nb::typeset
