#include "pdf/objects.hpp"

#include <charconv>
#include <cstdio>

#include "core/utf8.hpp"

namespace nb::pdf {

namespace {

void put_int(std::string& out, int64_t v) {
  char b[24];
  out.append(b, std::to_chars(b, b + sizeof b, v).ptr);
}

// As PoDoFo: std::fixed, six decimals, nothing trimmed.
void put_real(std::string& out, double v) {
  char b[400];
  out.append(b, std::to_chars(b, b + sizeof b, v, std::chars_format::fixed, 6).ptr);
}

// Regular printable characters stand for themselves; others as #XX.
void put_name(std::string& out, const std::string& name) {
  static const char kHex[] = "0123456789ABCDEF";
  out += '/';
  for (unsigned char c : name) {
    bool plain = c > 32 && c < 127 && std::string_view("()<>[]{}/%#").find(static_cast<char>(c)) == std::string_view::npos;
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '#';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
}

// Literal string: line feed, return, tab, backspace, form feed, parentheses and
// backslash escaped; every other byte as it is.
void put_escaped(std::string& out, unsigned char c) {
  char e = 0;
  switch (c) {
    case '\n': e = 'n'; break;
    case '\r': e = 'r'; break;
    case '\t': e = 't'; break;
    case '\b': e = 'b'; break;
    case '\f': e = 'f'; break;
    case '(': case ')': case '\\': e = static_cast<char>(c); break;
    default: break;
  }
  if (e) {
    out += '\\';
    out += e;
  } else {
    out += static_cast<char>(c);
  }
}

void put_string(std::string& out, const String& s) {
  if (s.form == String::Hex) {
    static const char kHex[] = "0123456789ABCDEF";
    out += '<';
    for (unsigned char c : s.value) {
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
    out += '>';
    return;
  }
  out += '(';
  if (s.form == String::Text) {
    out += "\xFE\xFF";
    auto unit = [&](uint32_t u) {
      put_escaped(out, static_cast<unsigned char>(u >> 8));
      put_escaped(out, static_cast<unsigned char>(u & 0xFF));
    };
    for (char32_t c : decode_utf8(s.value).value_or(U"")) {
      if (c >= 0x10000) {
        unit(0xD800 + ((c - 0x10000) >> 10));
        unit(0xDC00 + ((c - 0x10000) & 0x3FF));
      } else {
        unit(c);
      }
    }
  } else {
    for (unsigned char c : s.value) put_escaped(out, c);
  }
  out += ')';
}

void put(std::string& out, const Value& v);

void put_dict(std::string& out, const Dict& d) {
  out += "<<\n";
  const auto& keys = d.keys();
  if (auto type = keys.find("Type"); type != keys.end()) {
    out += "/Type ";
    put(out, type->second);
    out += '\n';
  }
  for (const auto& [key, value] : keys) {
    if (key == "Type") continue;
    put_name(out, key);
    out += ' ';
    put(out, value);
    out += '\n';
  }
  out += ">>";
}

void put(std::string& out, const Value& v) {
  struct Visitor {
    std::string& out;
    void operator()(Null) { out += "null"; }
    void operator()(bool b) { out += b ? "true" : "false"; }
    void operator()(int64_t i) { put_int(out, i); }
    void operator()(double d) { put_real(out, d); }
    void operator()(const Name& n) { put_name(out, n.name); }
    void operator()(const String& s) { put_string(out, s); }
    void operator()(Ref r) {
      put_int(out, r.number);
      out += " 0 R";
    }
    void operator()(const std::shared_ptr<Array>& a) {
      out += "[ ";
      size_t count = 0;
      for (const auto& e : *a) {
        put(out, e);
        out += ++count % 10 == 0 ? '\n' : ' ';
      }
      out += ']';
    }
    void operator()(const std::shared_ptr<Dict>& d) { put_dict(out, *d); }
  };
  std::visit(Visitor{out}, v.data());
}

}  // namespace

Dict& Dict::set(const std::string& key, Value value) {
  keys_.insert_or_assign(key, std::move(value));
  return *this;
}

Name name(std::string n) { return Name{std::move(n)}; }
String text(std::string utf8) { return String{std::move(utf8), String::Text}; }
String ascii(std::string bytes) { return String{std::move(bytes), String::Bytes}; }

Ref File::add(Dict dict) {
  objects_.push_back({std::move(dict), {}, false});
  return Ref{static_cast<uint32_t>(objects_.size())};
}

Ref File::add_stream(Dict dict, std::string data) {
  objects_.push_back({std::move(dict), std::move(data), true});
  return Ref{static_cast<uint32_t>(objects_.size())};
}

std::string File::write(const char* version, Ref root, Ref info) const {
  size_t streams = 0;
  for (const auto& o : objects_) streams += o.stream.size();
  std::string out;
  out.reserve(streams + 400 * objects_.size() + 1024);
  out += "%PDF-";
  out += version;
  out += "\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  offsets.reserve(objects_.size());
  for (size_t i = 0; i < objects_.size(); ++i) {
    const Object& o = objects_[i];
    offsets.push_back(out.size());
    put_int(out, static_cast<int64_t>(i + 1));
    out += " 0 obj\n";
    if (o.has_stream) {
      Dict d = o.dict;
      d.set("Length", static_cast<int64_t>(o.stream.size()));
      put_dict(out, d);
      out += "\nstream\n";
      out += o.stream;
      out += "\nendstream\n";
    } else {
      put_dict(out, o.dict);
      out += '\n';
    }
    out += "endobj\n";
  }
  const size_t xref = out.size();
  out += "xref\n0 ";
  put_int(out, static_cast<int64_t>(objects_.size() + 1));
  out += "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char b[32];
    std::snprintf(b, sizeof b, "%010zu 00000 n \n", offset);
    out += b;
  }
  const String id{std::string(16, '\0'), String::Hex};
  Dict trailer;
  trailer.set("ID", Array{id, id});
  trailer.set("Info", info);
  trailer.set("Root", root);
  trailer.set("Size", static_cast<int64_t>(objects_.size() + 1));
  out += "trailer\n";
  put_dict(out, trailer);
  out += "\nstartxref\n";
  put_int(out, static_cast<int64_t>(xref));
  out += "\n%%EOF\n";
  return out;
}

}  // namespace nb::pdf
