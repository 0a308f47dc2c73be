// PDF objects and their file, written by hand byte for byte as PoDoFo 0.9.8 wrote
// them in its Clean mode (which this replaced, and with it the 20 libraries PoDoFo
// loads at every start): objects numbered in creation order, dictionaries with
// /Type first and the other keys in byte order, ten array elements to a line,
// reals with six decimals, text strings in UTF-16BE, a classic xref table.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace nb::pdf {

struct Ref {
  uint32_t number = 0;
};

struct Name {
  std::string name;
};

// A string: text (UTF-8, written as UTF-16BE with a byte order mark) or bytes,
// in parentheses; or bytes in hexadecimal.
struct String {
  enum Form { Bytes, Text, Hex };
  std::string value;
  Form form = Bytes;
};

struct Null {};

class Value;
using Array = std::vector<Value>;

class Dict {
 public:
  Dict& set(const std::string& key, Value value);
  const std::map<std::string, Value>& keys() const { return keys_; }

 private:
  std::map<std::string, Value> keys_;
};

class Value {
 public:
  using Data = std::variant<Null, bool, int64_t, double, Name, String, Ref, std::shared_ptr<Array>, std::shared_ptr<Dict>>;
  Value(Null n = {}) : data_(n) {}
  Value(bool b) : data_(b) {}
  Value(int v) : data_(static_cast<int64_t>(v)) {}
  Value(int64_t v) : data_(v) {}
  Value(double v) : data_(v) {}
  Value(Name n) : data_(std::move(n)) {}
  Value(String s) : data_(std::move(s)) {}
  Value(Ref r) : data_(r) {}
  Value(Array a) : data_(std::make_shared<Array>(std::move(a))) {}
  Value(Dict d) : data_(std::make_shared<Dict>(std::move(d))) {}
  Value(const char*) = delete;  // say name() or ascii()
  const Data& data() const { return data_; }

 private:
  Data data_;
};

Name name(std::string n);
String text(std::string utf8);   // a text string (Info, outline titles)
String ascii(std::string bytes);  // a byte string (dates, /Lang)

// The objects of one file, numbered from 1 in the order they are added.
class File {
 public:
  Ref add(Dict dict);
  // A stream object; /Length is set when the file is written. `data` is written as is.
  Ref add_stream(Dict dict, std::string data);
  Dict& dict(Ref r) { return objects_.at(r.number - 1).dict; }  // valid while the file lives

  // The whole file: header, objects, xref table and a trailer with /Root, /Info
  // and an /ID of zero bytes (see set_file_id).
  std::string write(const char* version, Ref root, Ref info) const;

 private:
  struct Object {
    Dict dict;
    std::string stream;
    bool has_stream = false;
  };
  std::deque<Object> objects_;  // adding one keeps references to the others
};

}  // namespace nb::pdf
