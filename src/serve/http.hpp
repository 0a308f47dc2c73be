// The API on a port: cpp-httplib (Debian's libcpp-httplib) reads the requests and
// writes the responses; everything else is Api::handle.
#pragma once
#include <ostream>
#include <string>

#include "serve/api.hpp"

namespace nb::serve {

struct Listen {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port
  std::string data;  // the --data folder, named in the first line printed
};

// Serves until SIGINT or SIGTERM; prints the address to open on `log` once the
// port is bound, then one line per request. Returns the exit code (3 when the
// port cannot be bound).
int serve_http(Api& api, const Listen& where, std::ostream& log);

}  // namespace nb::serve
