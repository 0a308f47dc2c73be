#include "serve/http.hpp"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "core/limits.hpp"

namespace nb::serve {

int serve_http(Api& api, const Listen& where, std::ostream& log) {
  // SIGINT and SIGTERM go to one thread, which stops the server; the pool's
  // threads (created below) inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(limits::kServeConnections); };
  server.set_payload_max_length(limits::kRequestBytes);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);
  server.set_keep_alive_max_count(1000);
  server.set_keep_alive_timeout(5);
  std::mutex log_mutex;
  server.set_logger([&](const httplib::Request& req, const httplib::Response& res) {
    std::lock_guard<std::mutex> g(log_mutex);
    log << req.method << ' ' << req.path << ' ' << res.status << '\n' << std::flush;
  });
  auto handler = [&api](const httplib::Request& req, httplib::Response& res) {
    Request r{req.method, req.path, {}, req.get_header_value("Content-Type"), req.get_header_value("Origin"),
              req.get_header_value("Host"), req.body};
    for (const auto& [k, v] : req.params) r.query.emplace(k, v);
    Response out = api.handle(r);
    res.status = out.status;
    for (const auto& [k, v] : out.headers) res.set_header(k, v);
    res.set_content(std::move(out.body), out.type);
  };
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Put(".*", handler);
  server.Delete(".*", handler);
  server.Patch(".*", handler);
  server.Options(".*", handler);
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const std::string message = res.status == 413 ? "请求过大" : res.status == 400 ? "请求无法解析" : "请求有误";
    res.set_content("{\"error\":\"" + message + "\"}", "application/json; charset=utf-8");
  });

  int port = where.port;
  const bool bound = port == 0 ? (port = server.bind_to_any_port(where.bind)) > 0 : server.bind_to_port(where.bind, port);
  if (!bound) {
    log << "nianbao serve：无法在 " << where.bind << ":" << where.port
        << " 上监听（端口已被占用，或地址不属于本机）：请用 --port 换一个端口，或检查 --bind\n";
    return 3;
  }
  const std::string host = where.bind.find(':') != std::string::npos ? "[" + where.bind + "]" : where.bind;
  log << "nianbao serve：请在浏览器中打开 http://" << (where.bind == "0.0.0.0" ? "127.0.0.1" : host) << ":" << port
      << "/ （数据文件夹 " << where.data << "；按 Ctrl+C 停止）\n"
      << std::flush;
  std::atomic<bool> stopping = false;
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    stopping = true;
    server.stop();
  });
  server.listen_after_bind();
  // listen returned by itself (the socket failed): the stopper thread still waits.
  if (!stopping) pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  log << "nianbao serve：已停止\n";
  return 0;
}

}  // namespace nb::serve
