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
  std::vector<Loc> related = {};  // the other places it concerns: the given cells of a 勾稽关系
};

// "FILE:LINE:COL: 错误: message"
std::string format(const Diagnostic& d);

// Every diagnostic is counted; the first limits::kDiagnostics are kept.
class Diagnostics {
 public:
  void error(Loc loc, std::string msg);
  void warning(Loc loc, std::string msg);
  void add(Diagnostic d);
  bool has_errors() const { return errors_ > 0; }
  size_t errors() const { return errors_; }
  size_t warnings() const { return warnings_; }
  size_t dropped() const { return errors_ + warnings_ - list_.size(); }
  const std::vector<Diagnostic>& list() const { return list_; }
  void append(const Diagnostics& other);

 private:
  std::vector<Diagnostic> list_;
  size_t errors_ = 0, warnings_ = 0;
};

// Failure of the environment (font missing or unusable, output unwritable): exit
// code 3. `path` names the file or folder concerned; `loc` is where the input names
// it, when it does.
struct EnvironmentError {
  EnvironmentError(std::string message, std::string path = {}, Loc loc = {})
      : message(std::move(message)), path(std::move(path)), loc(std::move(loc)) {}
  std::string message;
  std::string path;
  Loc loc;
  Diagnostic diagnostic() const { return {Severity::Error, loc, message, path}; }
};

// Where a string value of a TOML file starts (its opening quote); maps an index
// into the decoded value back to a line and column of the file. index() makes
// locate() take time independent of the string's length (it walks from the
// nearest checkpoint instead of from the opening quote).
struct TextIndex;
struct TextOrigin {
  Loc start;
  std::shared_ptr<const TextIndex> checkpoints = nullptr;  // set by index()

  Loc locate(size_t codepoint_index) const;
  void index();
};

}  // namespace nb
