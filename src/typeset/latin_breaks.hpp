// Line-break opportunities of the text that is not Han or CJK punctuation: numbers
// with their separators (1,234,567 · 12,345.67 · 8:30 · 27001:2013 · 9704-2012),
// Latin words, spaces and hyphens, by ICU's line breaker (UAX #14); URLs and
// e-mail addresses only where typographers break them: after / (// as one), before
// . ? # & = - _ @ ~ %, never after the scheme's colon.
#pragma once
#include <string>
#include <vector>

namespace nb::typeset {

// A character set with the Han text and its punctuation (clreq's rules in prepare.cpp).
bool is_cjk(char32_t c);

struct LatinBreaks {
  // allowed[i]: a line may break before text[i]; meaningful only where text[i - 1]
  // and text[i] are both not CJK.
  std::vector<bool> allowed;
  // link[i]: text[i - 1] and text[i] are in one URL or e-mail address, which may be
  // letter-spaced when a line must be justified (its parts are long, its gaps few).
  std::vector<bool> link;
};

// Empty vectors when the text has no pair of characters that are not CJK.
LatinBreaks latin_breaks(const std::u32string& text);

// starts[i]: text[i] starts a word (ICU's word breaker with its Chinese dictionary;
// loading it takes about 7 ms, so only for titles that need it).
std::vector<bool> word_starts(const std::u32string& text);

}  // namespace nb::typeset
