// Edits of a TOML file in place: a value replaced, a key added or removed, and
// everything else — comments, order, spacing — left as the clerk or init wrote it.
// The web editor's changes go through here, so that the file in --data stays the
// source of truth that `nianbao build` reads.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nb::cli {

struct Edit {
  std::vector<std::string> path;    // keys from the root: {"requests", "new"}
  std::optional<std::string> toml;  // the value as TOML text; nullopt removes the key
};

struct Edited {
  std::string text;
  std::string error;  // Chinese; empty on success
};

// The edits applied one after another. A path through an inline table or an
// array, or a file that does not parse, is an error (nothing is changed).
Edited apply_edits(std::string text, const std::vector<Edit>& edits);

// Byte offset of a 1-based line and column (in code points) of `text`.
size_t byte_offset(std::string_view text, uint32_t line, uint32_t column);

// TOML literals. A string: basic, or multi-line basic (prose, ending in a newline).
std::string toml_string(std::string_view s, bool multiline);
// What a clerk typed in a figure cell: the number when it is a TOML integer or
// float (1_000 and 12.5 stay as typed) or one written with thousands separators
// or full-width digits (1,234 and １２ as 1234 and 12), else the text as a
// string, so that the input stage says what is wrong with it and where.
std::string toml_figure(std::string_view typed);
// A date cell: a TOML local date when it is one (2021-01-31) or a date as clerks
// write it (2021年1月31日, 2021/1/31, 2021.1.31), else a string.
std::string toml_date(std::string_view typed);

}  // namespace nb::cli
