#include "serve/api.hpp"

#include <algorithm>
#include <regex>
#include <thread>

#include "check/check.hpp"
#include "cli/init.hpp"
#include "cli/pipeline.hpp"
#include "core/limits.hpp"
#include "core/utf8.hpp"
#include "serve/form.hpp"
#include "cli/toml_edit.hpp"

namespace nb::serve {

using cli::apply_edits;
using cli::Edit;
using cli::Edited;
using cli::toml_date;
using cli::toml_figure;
using cli::toml_string;

extern const std::string_view kEditorHtml, kEditorJs, kEditorCss;

namespace {

using json::Object;

Response json_response(int status, const Object& body) { return {status, "application/json; charset=utf-8", json::dump(body), {}}; }
Response error(int status, const std::string& message) { return json_response(status, {{"error", message}}); }
Response error(const StoreError& e) { return error(e.status, e.message); }

// The body as JSON: an object, nested at most limits::kJsonDepth deep.
std::variant<Object, Response> body_json(const Request& r) {
  if (r.content_type.rfind("application/json", 0) != 0)
    return error(415, "请求须为 JSON（Content-Type: application/json）");
  if (r.body.size() > limits::kRequestBytes) return error(413, "请求过大");
  bool too_deep = false;
  Object j = Object::parse(
      r.body,
      [&](int depth, nlohmann::json::parse_event_t, Object&) {
        if (depth > limits::kJsonDepth) too_deep = true;
        return !too_deep;
      },
      false);
  if (too_deep) return error(400, "JSON 嵌套过深（上限 " + std::to_string(limits::kJsonDepth) + " 层）");
  if (j.is_discarded()) return error(400, "请求不是有效的 JSON");
  if (!j.is_object()) return error(400, "请求须为 JSON 对象 { … }");
  return j;
}

std::string text_of(const Object& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool bare_key(const std::string& k) {
  return !k.empty() && k.size() <= 64 &&
         std::all_of(k.begin(), k.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; });
}

// One edit of the page as TOML: cells of a row, a text, lines, a date, a flag.
std::variant<Edit, std::string> edit_of(const Object& e) {
  if (!e.is_object()) return std::string("每项修改须为 JSON 对象");
  Edit out;
  auto path = e.find("path");
  if (path == e.end() || !path->is_array() || path->empty() || path->size() > 2)
    return std::string("修改的 path 须为一到两个键名");
  for (const auto& k : *path) {
    if (!k.is_string() || !bare_key(k.get<std::string>())) return std::string("修改的 path 含有无效的键名");
    out.path.push_back(k.get<std::string>());
  }
  auto strings = [](const Object& a) -> std::optional<std::vector<std::string>> {
    if (!a.is_array()) return std::nullopt;
    std::vector<std::string> v;
    for (const auto& x : a) {
      if (!x.is_string()) return std::nullopt;
      v.push_back(x.get<std::string>());
    }
    return v;
  };
  if (auto c = e.find("cells"); c != e.end()) {
    auto cells = strings(*c);
    if (!cells || cells->empty() || cells->size() > limits::kTableColumns) return std::string("cells 须为一组文字");
    if (cells->size() == 1) out.toml = toml_figure((*cells)[0]);
    else {
      std::string a = "[";
      for (size_t i = 0; i < cells->size(); ++i) a += (i ? ", " : "") + toml_figure((*cells)[i]);
      out.toml = a + "]";
    }
  } else if (auto t = e.find("text"); t != e.end() && t->is_string()) {
    std::string s = t->get<std::string>();
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
    out.toml = toml_string(s, true);
  } else if (auto one = e.find("line"); one != e.end() && one->is_string()) {
    out.toml = toml_string(one->get<std::string>(), false);
  } else if (auto l = e.find("lines"); l != e.end()) {
    auto lines = strings(*l);
    if (!lines) return std::string("lines 须为一组文字");
    std::erase_if(*lines, [](const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; });
    if (lines->empty()) out.toml = std::nullopt;
    else if (lines->size() == 1) out.toml = toml_string((*lines)[0], false);
    else {
      std::string a = "[";
      for (size_t i = 0; i < lines->size(); ++i) a += (i ? ", " : "") + toml_string((*lines)[i], false);
      out.toml = a + "]";
    }
  } else if (auto d = e.find("date"); d != e.end() && d->is_string()) {
    out.toml = toml_date(d->get<std::string>());
  } else if (auto b = e.find("bool"); b != e.end() && b->is_boolean()) {
    out.toml = b->get<bool>() ? "true" : "false";
  } else if (auto rm = e.find("remove"); rm != e.end() && rm->is_boolean() && rm->get<bool>()) {
    out.toml = std::nullopt;
  } else {
    return std::string("每项修改须有 cells、text、line、lines、date、bool 或 remove 之一");
  }
  return out;
}

// RFC 5987 file name of a download.
std::string attachment(const std::string& name, bool download) {
  static const char* hex = "0123456789ABCDEF";
  std::string enc;
  for (unsigned char c : name)
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') enc += static_cast<char>(c);
    else enc += std::string("%") + hex[c >> 4] + hex[c & 15];
  return std::string(download ? "attachment" : "inline") + "; filename*=UTF-8''" + enc;
}

// One of the pipeline's places, held for a scope.
struct Slot {
  explicit Slot(std::counting_semaphore<64>& s) : s(s) { s.acquire(); }
  ~Slot() { s.release(); }
  std::counting_semaphore<64>& s;
};

std::string stem(const std::string& name) { return name.substr(0, name.size() - 5); }

}  // namespace

Api::Api(cli::Env& env, Store& store, std::vector<std::string> hosts)
    : env_(env), store_(store), hosts_(std::move(hosts)), pipeline_(std::clamp<std::ptrdiff_t>(std::thread::hardware_concurrency(), 1, 64)) {}

Response Api::handle(const Request& r) {
  Response out;
  try {
    out = route(r);
  } catch (const std::exception& e) {
    out = error(500, std::string("内部错误：") + e.what());
  } catch (...) {
    out = error(500, "内部错误");
  }
  out.headers.emplace_back("X-Content-Type-Options", "nosniff");
  out.headers.emplace_back("Cache-Control", "no-store");
  return out;
}

Response Api::route(const Request& r) {
  if (!allowed_host(r.host))
    return error(403, "主机名 " + r.host + " 不在允许之列：从别的机器访问时，启动时用 --host 给出访问用的主机名或地址");
  // A page of another site may not make the clerk's browser change reports here.
  if (!r.origin.empty()) {
    const size_t scheme = r.origin.find("://");
    if (scheme == std::string::npos || !allowed_host(r.origin.substr(scheme + 3)))
      return error(403, "请求来自别的网站（Origin: " + r.origin + "），不予处理");
  }
  auto only = [&](std::initializer_list<const char*> methods) -> std::optional<Response> {
    for (const char* m : methods)
      if (r.method == m || (r.method == "HEAD" && std::string(m) == "GET")) return std::nullopt;
    std::string allow;
    for (const char* m : methods) allow += (allow.empty() ? "" : ", ") + std::string(m);
    Response e = error(405, "此地址不接受 " + r.method + " 请求（可用：" + allow + "）");
    e.headers.emplace_back("Allow", allow);
    return e;
  };
  struct Asset { const char* path; const std::string_view* bytes; const char* type; };
  const Asset assets[] = {{"/", &kEditorHtml, "text/html; charset=utf-8"},
                          {"/editor.js", &kEditorJs, "text/javascript; charset=utf-8"},
                          {"/editor.css", &kEditorCss, "text/css; charset=utf-8"}};
  for (const auto& a : assets)
    if (r.path == a.path) {
      if (auto e = only({"GET"})) return *e;
      Response ok{200, a.type, std::string(*a.bytes), {}};
      ok.headers.emplace_back("Content-Security-Policy",
                              "default-src 'self'; frame-src 'self'; object-src 'self'; base-uri 'none'; form-action 'none'");
      return ok;
    }
  if (r.path == "/api/formats") {
    if (auto e = only({"GET"})) return *e;
    Object list = Object::array();
    for (const auto& l : env_.layouts.all()) list.push_back(format_summary(l));
    return json_response(200, {{"formats", std::move(list)}});
  }
  const std::string formats = "/api/formats/", reports = "/api/reports";
  if (r.path.rfind(formats, 0) == 0) {
    if (auto e = only({"GET"})) return *e;
    const std::string id = r.path.substr(formats.size());
    for (const auto& l : env_.layouts.all())
      if (l.id == id) return json_response(200, format_json(l));
    return error(404, "没有格式 " + id);
  }
  if (r.path == reports || r.path == reports + "/") {
    if (auto e = only({"GET", "POST"})) return *e;
    if (r.method == "POST") return create(r);
    Object list = Object::array();
    for (const auto& f : store_.list()) list.push_back({{"name", f.name}, {"size", f.size}, {"modified", f.modified}});
    return json_response(200, {{"reports", std::move(list)}});
  }
  if (r.path.rfind(reports + "/", 0) == 0) {
    std::string name = r.path.substr(reports.size() + 1), what;
    for (const char* suffix : {"/edits", "/pdf", "/html", "/toml"}) {
      const std::string s = suffix;
      if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
        what = s.substr(1);
        name.resize(name.size() - s.size());
        break;
      }
    }
    if (auto bad = Store::check_name(name)) return error(*bad);
    if (what == "edits") {
      if (auto e = only({"POST"})) return *e;
      return edit(r, name);
    }
    if (what.empty()) {
      if (auto e = only({"GET", "PUT"})) return *e;
      if (r.method == "PUT") return replace(r, name);
    } else if (auto e = only({"GET"})) {
      return *e;
    }
    return what == "pdf" || what == "html" ? built(r, name, what == "html") : report(r, name, what);
  }
  return error(404, "没有这个地址：" + r.path);
}

bool Api::allowed_host(const std::string& host_and_port) const {
  std::string host = host_and_port;
  if (!host.empty() && host[0] == '[') host = host.substr(1, host.find(']') - 1);  // [::1]:8080
  else if (const size_t colon = host.rfind(':'); colon != std::string::npos) host.resize(colon);
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  if (host == "127.0.0.1" || host == "localhost" || host == "::1") return true;
  return std::find(hosts_.begin(), hosts_.end(), host) != hosts_.end();
}

std::string Api::state(const std::string& name, const StoredFile& f) {
  auto src = std::make_shared<SourceFile>(SourceFile{name, f.text});
  std::optional<toml::table> doc;
  try {
    doc = toml::parse(f.text);
  } catch (const toml::parse_error&) {
  }
  Object o{{"name", name}, {"version", f.version}};
  const layout::Layout* l = nullptr;
  if (doc) {
    o["values"] = values_json(*doc, f.text);
    l = env_.layouts.find((*doc)["format"].value_or(std::string()), (*doc)["year"].value_or(0));
  } else {
    o["values"] = nullptr;
  }
  cli::Outcome out;
  {
    const Slot slot(pipeline_);
    cli::run_source(env_, src, nullptr, out, nullptr);
    Diagnostics scratch;
    if (auto report = cli::read_report(env_, src, scratch)) {
      l = report->layout;
      if (auto figures = check::derive(*report, scratch)) o["figures"] = figures_json(*figures);
    }
  }
  if (out.failure) out.diags.add(*out.failure);
  o["format"] = l ? l->id : "";
  o["diagnostics"] = diagnostics_json(out.diags, doc ? &*doc : nullptr, f.text);
  o["pages"] = out.pages;
  return json::dump(o);
}

Response Api::report(const Request&, const std::string& name, const std::string& what) {
  auto f = store_.read(name);
  if (auto* e = std::get_if<StoreError>(&f)) return error(*e);
  const StoredFile& file = std::get<StoredFile>(f);
  if (what == "toml") {
    Response ok{200, "application/toml; charset=utf-8", file.text, {}};
    ok.headers.emplace_back("Content-Disposition", attachment(name, true));
    ok.headers.emplace_back("ETag", "\"" + file.version + "\"");
    return ok;
  }
  Response ok{200, "application/json; charset=utf-8", state(name, file), {}};
  ok.headers.emplace_back("ETag", "\"" + file.version + "\"");
  return ok;
}

Response Api::edit(const Request& r, const std::string& name) {
  auto body = body_json(r);
  if (auto* e = std::get_if<Response>(&body)) return *e;
  const Object& j = std::get<Object>(body);
  auto list = j.find("edits");
  if (list == j.end() || !list->is_array()) return error(400, "请求须有 edits（一组修改）");
  if (list->size() > limits::kEditsPerRequest)
    return error(413, "一次修改过多（上限 " + std::to_string(limits::kEditsPerRequest) + " 项）");
  std::vector<Edit> edits;
  for (const auto& e : *list) {
    auto ed = edit_of(e);
    if (auto* msg = std::get_if<std::string>(&ed)) return error(400, *msg);
    edits.push_back(std::get<Edit>(std::move(ed)));
  }
  auto lock = store_.lock(name);
  auto f = store_.read(name);
  if (auto* e = std::get_if<StoreError>(&f)) return error(*e);
  StoredFile file = std::get<StoredFile>(std::move(f));
  if (file.version != text_of(j, "version")) return error(409, name + " 已在别处被修改（另一个窗口、另一位同事或文本编辑器）：已载入文件的最新内容，请核对后重新输入刚才的修改");
  Edited changed = apply_edits(file.text, edits);
  if (!changed.error.empty()) return error(422, changed.error);
  if (changed.text != file.text) {
    auto v = store_.write(name, changed.text, file.version);
    if (auto* e = std::get_if<StoreError>(&v)) return error(*e);
    file = {std::move(changed.text), std::get<std::string>(v)};
  }
  lock.held.unlock();
  return {200, "application/json; charset=utf-8", state(name, file), {}};
}

Response Api::replace(const Request& r, const std::string& name) {
  auto body = body_json(r);
  if (auto* e = std::get_if<Response>(&body)) return *e;
  const Object& j = std::get<Object>(body);
  auto text = j.find("toml");
  if (text == j.end() || !text->is_string()) return error(400, "请求须有 toml（文件的全文）");
  auto lock = store_.lock(name);
  auto v = store_.write(name, text->get<std::string>(), text_of(j, "version"));
  if (auto* e = std::get_if<StoreError>(&v)) return error(*e);
  lock.held.unlock();
  return {200, "application/json; charset=utf-8", state(name, {text->get<std::string>(), std::get<std::string>(v)}), {}};
}

Response Api::create(const Request& r) {
  auto body = body_json(r);
  if (auto* e = std::get_if<Response>(&body)) return *e;
  const Object& j = std::get<Object>(body);
  const std::string name = text_of(j, "name");
  if (auto bad = Store::check_name(name)) return error(*bad);
  std::string text;
  if (auto t = j.find("toml"); t != j.end()) {  // an upload
    if (!t->is_string()) return error(400, "toml 须为文字");
    text = t->get<std::string>();
  } else {  // a template, as nianbao init writes it
    cli::TemplateRequest req;
    if (auto y = j.find("year"); y != j.end()) {
      if (!y->is_number_integer() || y->get<int64_t>() < 1 || y->get<int64_t>() > 9999) return error(400, "year 须为年份（如 2025）");
      req.year = y->get<int>();
    }
    req.format = text_of(j, "format");
    req.organ = text_of(j, "organ");
    if (req.organ.size() > limits::kTitleChars * 4) return error(400, "机关名称过长");
    std::optional<input::Report> last;
    std::optional<check::Figures> last_figures;
    if (const std::string from = text_of(j, "from"); !from.empty()) {
      auto f = store_.read(from);
      if (auto* e = std::get_if<StoreError>(&f)) return error(*e);
      Diagnostics d;
      auto src = std::make_shared<SourceFile>(SourceFile{from, std::get<StoredFile>(f).text});
      last = cli::read_report(env_, src, d);
      if (last) last_figures = check::derive(*last, d);
      if (!last_figures)
        return error(422, from + " 有错误，不能作为上年报告：" + (d.list().empty() ? std::string() : format(d.list()[0])));
      req.last = &*last;
      req.last_figures = &*last_figures;
    }
    const cli::Template made = cli::make_template(env_.layouts, req);
    if (!made.error.empty()) return error(400, made.error);
    text = made.text;
  }
  auto lock = store_.lock(name);
  auto v = store_.write(name, text, "");
  if (auto* e = std::get_if<StoreError>(&v)) return error(*e);
  lock.held.unlock();
  Response ok{201, "application/json; charset=utf-8", state(name, {text, std::get<std::string>(v)}), {}};
  return ok;
}

Response Api::built(const Request& r, const std::string& name, bool html) {
  auto f = store_.read(name);
  if (auto* e = std::get_if<StoreError>(&f)) return error(*e);
  const StoredFile& file = std::get<StoredFile>(f);
  auto src = std::make_shared<SourceFile>(SourceFile{name, file.text});
  cli::Outcome out;
  std::string bytes;
  {
    const Slot slot(pipeline_);
    if (html) cli::run_source(env_, src, nullptr, out, nullptr, std::nullopt, "", {&bytes, false});
    else cli::run_source(env_, src, nullptr, out, &bytes);
  }
  if (out.failure) return error(500, format(*out.failure));
  if (out.code != 0) {
    std::optional<toml::table> doc;
    try { doc = toml::parse(file.text); } catch (const toml::parse_error&) {}
    return json_response(422, {{"error", "报告有 " + std::to_string(out.diags.errors()) + " 个错误，改正后才能生成" +
                                             (html ? "网页" : " PDF")},
                               {"diagnostics", diagnostics_json(out.diags, doc ? &*doc : nullptr, file.text)}});
  }
  Response ok{200, html ? "text/html; charset=utf-8" : "application/pdf", std::move(bytes), {}};
  ok.headers.emplace_back("Content-Disposition", attachment(stem(name) + (html ? ".html" : ".pdf"), r.query.count("download") > 0));
  ok.headers.emplace_back("ETag", "\"" + file.version + "\"");
  return ok;
}

}  // namespace nb::serve
