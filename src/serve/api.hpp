// The editor's HTTP interface, without the sockets: a request in, a response out.
// Every request is answered (4xx with a Chinese message for a bad one), none
// throws, none reads or writes outside --data. http.cpp puts it on a port; the
// fuzz target calls it directly.
#pragma once
#include <map>
#include <semaphore>
#include <string>
#include <utility>
#include <vector>

#include "cli/env.hpp"
#include "serve/store.hpp"

namespace nb::serve {

struct Request {
  std::string method;  // GET, POST, …
  std::string path;    // percent-decoded, without the query
  std::map<std::string, std::string> query;
  std::string content_type, origin, host;  // headers the API looks at
  std::string body;
};

struct Response {
  int status = 200;
  std::string type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

class Api {
 public:
  // `env` loaded, its PDF writer set; `store` the --data folder; `hosts` the
  // names the service may be reached by besides the loopback's (--host, and the
  // --bind address): a request naming another Host, or coming from a page of
  // another site (Origin), is refused — DNS rebinding and cross-site requests
  // cannot reach the reports.
  Api(cli::Env& env, Store& store, std::vector<std::string> hosts = {});
  Response handle(const Request& r);

 private:
  Response route(const Request& r);
  Response report(const Request& r, const std::string& name, const std::string& what);
  Response create(const Request& r);
  Response edit(const Request& r, const std::string& name);
  Response replace(const Request& r, const std::string& name);
  // The report built: its PDF, or its web page (html); 422 with the messages while it has errors.
  Response built(const Request& r, const std::string& name, bool html);
  // The page's view of a file: values, diagnostics as `nianbao check` gives them, figures.
  std::string state(const std::string& name, const StoredFile& f);

  bool allowed_host(const std::string& host_and_port) const;

  cli::Env& env_;
  Store& store_;
  std::vector<std::string> hosts_;
  std::counting_semaphore<64> pipeline_;  // reports checked or set at once: one per core
};

}  // namespace nb::serve
