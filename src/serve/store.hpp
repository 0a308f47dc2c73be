// The --data folder: the reports the editor may open, read and write. A name is a
// plain file name ending in .toml; nothing outside the folder is ever read or
// written, symbolic links are refused, and every write is atomic (as `build`).
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <variant>
#include <string>
#include <vector>

namespace nb::serve {

struct StoreError {
  int status;           // HTTP status: 400 bad name, 403 refused, 404 missing, 409 exists, 500
  std::string message;  // Chinese: what is wrong and what to do
};

struct StoredFile {
  std::string text;
  std::string version;  // changes whenever the bytes do
};

struct Listed {
  std::string name;
  uint64_t size = 0;
  int64_t modified = 0;  // seconds since the epoch
};

class Store {
 public:
  // Throws StoreError when `dir` is not a folder.
  explicit Store(const std::string& dir);
  const std::string& dir() const { return dir_; }

  // A name the store accepts, or the reason it does not.
  static std::optional<StoreError> check_name(const std::string& name);
  // The version of some bytes: what the page sends back to say what it edited.
  static std::string version_of(const std::string& text);

  std::vector<Listed> list() const;
  std::variant<StoredFile, StoreError> read(const std::string& name) const;
  // Writes `text` when the file's version is still `expected` (empty: the file
  // must not exist yet); 409 otherwise. Returns the new version.
  std::variant<std::string, StoreError> write(const std::string& name, const std::string& text,
                                             const std::string& expected);
  // Held while a report is read, changed and written, so that two edits of one
  // report are applied one after the other.
  struct Lock {
    std::shared_ptr<std::mutex> mutex;
    std::unique_lock<std::mutex> held;
  };
  Lock lock(const std::string& name);

 private:
  std::string dir_;
  std::mutex locks_mutex_;
  std::map<std::string, std::shared_ptr<std::mutex>> locks_;
};

}  // namespace nb::serve
