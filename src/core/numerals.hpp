// Numbers as report prose writes them: 95, 1,234, 1，234, full-width ９５, 4.36, and
// Chinese numerals (二十一, 一百零五, 两, 二〇二一).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nb {

struct Numeral {
  size_t end = 0;          // one past its last character
  int64_t whole = 0;
  int64_t frac = 0;        // the digits after the decimal point, as an integer
  int frac_digits = 0;     // how many (0: none)
  bool too_long = false;   // more digits than any figure has: never equal to one
};

// The numeral starting at t[i], or nullopt when none does. Reads at most a bounded
// number of characters; a run longer than that is too_long.
std::optional<Numeral> read_numeral(std::u32string_view t, size_t i);

// The whole of `typed` as one Arabic numeral, in plain ASCII: 1,234 -> 1234,
// ９５ -> 95, 4.50 -> 4.50; nullopt when it is anything else (12件, 一百, 1,23).
std::optional<std::string> plain_number(std::string_view typed);

}  // namespace nb
