#include "typeset/latin_breaks.hpp"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <memory>

namespace nb::typeset {

namespace {

bool url_char(char32_t c) { return c > ' ' && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '\\'; }
bool mail_char(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-' || c == '+' || c == '%';
}
bool closing(char32_t c) { return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')'; }

bool starts_with(const std::u32string& t, size_t i, const char* s) {
  for (size_t k = 0; s[k]; ++k)
    if (i + k >= t.size() || t[i + k] != static_cast<unsigned char>(s[k])) return false;
  return true;
}

// [begin, end) of each URL (scheme:// or www.) and e-mail address in the text.
std::vector<std::pair<size_t, size_t>> links(const std::u32string& t) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0; i < t.size();) {
    const bool word_start = i == 0 || !url_char(t[i - 1]);
    if (word_start && (starts_with(t, i, "http://") || starts_with(t, i, "https://") || starts_with(t, i, "ftp://") ||
                       starts_with(t, i, "www."))) {
      size_t e = i;
      while (e < t.size() && url_char(t[e])) ++e;
      while (e > i && closing(t[e - 1])) --e;  // a sentence's mark after the address is not part of it
      out.emplace_back(i, e);
      i = e;
      continue;
    }
    if (t[i] == '@' && i > 0 && mail_char(t[i - 1]) && i + 1 < t.size() && mail_char(t[i + 1])) {
      size_t b = i, e = i + 1;
      while (b > 0 && mail_char(t[b - 1])) --b;
      while (e < t.size() && mail_char(t[e])) ++e;
      while (e > i + 1 && closing(t[e - 1])) --e;
      if (!out.empty() && out.back().second > b) b = out.back().second;
      out.emplace_back(b, e);
      i = e;
      continue;
    }
    ++i;
  }
  return out;
}

// ICU's line breaker, made once per thread (0.7 ms) and reused.
icu::BreakIterator* line_breaker() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode e = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createLineInstance(icu::Locale::getRoot(), e));
    return U_FAILURE(e) ? nullptr : std::move(b);
  }();
  return it.get();
}

// Code point index of each UTF-16 offset of `u`, which holds `text`.
icu::UnicodeString utf16(const std::u32string& text, std::vector<size_t>& at) {
  icu::UnicodeString u;
  for (size_t i = 0; i < text.size(); ++i) {
    const int32_t before = u.length();
    u.append(static_cast<UChar32>(text[i]));
    at.resize(u.length() + 1, text.size());
    at[before] = i;
  }
  return u;
}

}  // namespace

std::vector<bool> word_starts(const std::u32string& text) {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode e = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), e));
    return U_FAILURE(e) ? nullptr : std::move(b);
  }();
  std::vector<bool> starts(text.size() + 1, true);  // without ICU: every character
  if (!it || text.empty()) return starts;
  std::vector<size_t> at;
  const icu::UnicodeString u = utf16(text, at);
  std::fill(starts.begin(), starts.end(), false);
  it->setText(u);
  for (int32_t p = it->first(); p != icu::BreakIterator::DONE; p = it->next()) starts[at[p]] = true;
  return starts;
}

bool is_cjk(char32_t c) {
  return c >= 0x2E80 || c == U'—' || c == U'…' || c == U'“' || c == U'”' || c == U'‘' || c == U'’' || c == U'·' ||
         c == 0x2015 || c == U'‰' || c == U'℃' || c == U'°' || c == U'′' || c == U'″';
}

LatinBreaks latin_breaks(const std::u32string& text) {
  bool any = false;
  for (size_t i = 1; i < text.size() && !any; ++i) any = !is_cjk(text[i - 1]) && !is_cjk(text[i]);
  if (!any) return {};
  LatinBreaks out{std::vector<bool>(text.size() + 1, false), std::vector<bool>(text.size() + 1, false)};
  std::vector<bool>& allowed = out.allowed;
  // ICU reads each run of characters that are not CJK, with one character of
  // context on either side; a run of letters and digits alone has no break.
  auto alnum = [](char32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  for (size_t b = 0, e; b < text.size(); b = e) {
    if (is_cjk(text[b])) { e = b + 1; continue; }
    bool plain = true;
    for (e = b; e < text.size() && !is_cjk(text[e]); ++e) plain = plain && alnum(text[e]);
    icu::BreakIterator* it = e - b > 1 && !plain ? line_breaker() : nullptr;
    if (!it) continue;
    const size_t from = b > 0 ? b - 1 : b, to = std::min(e + 1, text.size());
    std::vector<size_t> at;  // UTF-16 offset -> index into the run
    const icu::UnicodeString u = utf16(text.substr(from, to - from), at);
    it->setText(u);
    for (int32_t p = it->first(); p != icu::BreakIterator::DONE; p = it->next())
      if (const size_t i = from + at[p]; p > 0 && p < u.length() && i > b && i < e) allowed[i] = true;
  }
  for (const auto& [b, e] : links(text)) {
    for (size_t i = b + 1; i < e; ++i) {
      out.link[i] = true;
      const char32_t prev = text[i - 1], c = text[i];
      allowed[i] = (prev == '/' && c != '/') || (c != '/' && prev != '/' && prev != ':' &&
                                                 std::u32string_view(U".?#&=-_@~%").find(c) != std::u32string_view::npos);
    }
    if (e < text.size() && !is_cjk(text[e])) allowed[e] = false;  // a mark after the address stays with it
  }
  return out;
}

}  // namespace nb::typeset
