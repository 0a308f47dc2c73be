// Source files, locations and diagnostics shared by every stage.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace nb {

struct SourceFile {
  std::string path;  // as the user named it
  std::string text;  // raw bytes
};
using SourceRef = std::shared_ptr<const SourceFile>;

// A position in a source file; line 0 means "no position".
struct Loc {
  SourceRef file;
  uint32_t line = 0;
  uint32_t col = 0;  // 1-based, in code points
};

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity;
  Loc loc;
  std::string message;  // Chinese, names the rule or key and what to do
  std::string path;     // used when loc has no file
};

// "FILE:LINE:COL: 错误: message"
std::string format(const Diagnostic& d);

class Diagnostics {
 public:
  void error(Loc loc, std::string msg);
  void warning(Loc loc, std::string msg);
  void add(Diagnostic d) { list_.push_back(std::move(d)); }
  bool has_errors() const;
  const std::vector<Diagnostic>& list() const { return list_; }
  void append(const Diagnostics& other);

 private:
  std::vector<Diagnostic> list_;
};

// Failure of the environment (font missing, output unwritable): exit code 3.
struct EnvironmentError {
  std::string message;
};

// Where a string value of a TOML file starts (its opening quote); maps an index
// into the decoded value back to a line and column of the file.
struct TextOrigin {
  Loc start;
  Loc locate(size_t codepoint_index) const;
};

}  // namespace nb
