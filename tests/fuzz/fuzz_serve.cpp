// libFuzzer target: an HTTP request of nianbao serve, as cpp-httplib hands it to
// the API (method, path, content type, body), answered by serve::Api::handle over
// a --data folder holding the sample: routing, names, JSON, edits of the TOML in
// place, checks and builds. Must never crash, hang, leak or answer without a
// status, whatever the bytes. Input: METHOD\nPATH\nCONTENT-TYPE\nBODY,
// "@v" in the body standing for the sample's version.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz_env.hpp"
#include "serve/api.hpp"

namespace fs = std::filesystem;

namespace {

struct Folder {
  fs::path dir;
  std::string sample;
  std::unique_ptr<nb::serve::Store> store;
  std::unique_ptr<nb::serve::Api> api;
  Folder() {
    dir = fs::temp_directory_path() / ("nianbao-fuzz-serve-" + std::to_string(getpid()));
    fs::create_directories(dir);
    std::ifstream in(std::string(NB_SOURCE_DIR) + "/input/quanan-2020.toml", std::ios::binary);
    sample.assign(std::istreambuf_iterator<char>(in), {});
    reset();
    store = std::make_unique<nb::serve::Store>(dir.string());
    api = std::make_unique<nb::serve::Api>(nbfuzz::env(), *store);
  }
  // Back to the one sample file, so that each input starts from the same folder.
  void reset() {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.path().filename() != "quanan-2020.toml") fs::remove_all(e.path(), ec);
    std::ofstream(dir / "quanan-2020.toml", std::ios::binary) << sample;
  }
};

std::string line(std::string_view& in) {
  const size_t nl = in.find('\n');
  std::string s(in.substr(0, nl));
  in.remove_prefix(nl == std::string_view::npos ? in.size() : nl + 1);
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Folder* folder = new Folder;  // never destroyed: the fuzzer exits without unwinding
  std::string_view in(reinterpret_cast<const char*>(data), size);
  nb::serve::Request r;
  r.method = line(in);
  r.path = line(in);
  r.content_type = line(in);
  r.host = "127.0.0.1:8080";
  r.body = std::string(in);
  // "@v" stands for the sample's version, so that edits get past the 409.
  for (size_t at; (at = r.body.find("@v")) != std::string::npos;)
    r.body.replace(at, 2, nb::serve::Store::version_of(folder->sample));
  const nb::serve::Response out = folder->api->handle(r);
  if (out.status < 200 || out.status > 599 || out.body.empty()) __builtin_trap();
  if (r.method != "GET" && r.method != "HEAD") folder->reset();
  return 0;
}
