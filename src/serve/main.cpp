// nianbao-serve: what `nianbao serve` runs (the nianbao binary hands the command
// over, so that the HTTP library loads only for this command).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/env.hpp"
#include "serve/api.hpp"
#include "serve/http.hpp"

namespace {

const char* const kHelp =
    "用法：nianbao serve [--port 8080] [--bind 127.0.0.1] [--host 主机名] [--data 文件夹]\n"
    "在本机启动网页编辑器：在浏览器中打开显示的地址，即可新建、填写、检查年报，预览和下载 PDF。\n"
    "  --port 端口        监听的端口（默认 8080；0 为任一空闲端口）\n"
    "  --bind 地址        监听的地址（默认 127.0.0.1，只有本机可以访问；多人共用时见 README“在单位内网提供”）\n"
    "  --host 主机名      从别的机器访问时用的主机名或地址（可多次给出；如 nianbao.example.gov.cn）：\n"
    "                     请求的主机名不是本机、--bind 的地址或这些名字时不予处理\n"
    "  --data 文件夹      存放年报输入文件（.toml）的文件夹（默认 input，没有时为当前文件夹）；\n"
    "                     网页只读写这个文件夹中的文件\n"
    "按 Ctrl+C 停止。退出码：0 正常停止，2 用法错误，3 环境错误（端口无法监听、数据文件夹不存在）。\n";

int usage(const std::string& msg) {
  std::cerr << "nianbao serve: " << msg << "\n（nianbao serve --help 查看用法）\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace nb;
  std::vector<std::string> args(argv + 1, argv + argc);
  serve::Listen where;
  std::vector<std::string> hosts;
  std::error_code ec;
  where.data = std::filesystem::is_directory("input", ec) ? "input" : ".";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::cout << kHelp;
      return 0;
    }
    if (a != "--port" && a != "--bind" && a != "--data" && a != "--host") return usage("没有选项 " + a);
    if (i + 1 == args.size())
      return usage(a + " 后面须给出" + (a == "--port" ? "端口号" : a == "--bind" ? "地址" : a == "--host" ? "主机名" : "文件夹"));
    const std::string& v = args[++i];
    if (a == "--port") {
      size_t used = 0;
      int port = -1;
      try {
        port = std::stoi(v, &used);
      } catch (...) {
      }
      if (used != v.size() || port < 0 || port > 65535) return usage("--port 须为 0 到 65535 的整数，而不是 " + v);
      where.port = port;
    } else if (a == "--bind") {
      where.bind = v;
    } else if (a == "--host") {
      std::string h = v;
      std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return std::tolower(c); });
      hosts.push_back(h);
    } else {
      where.data = v;
    }
  }
  cli::Env env;
  if (!env.load(std::cerr)) return 3;
  env.use_cache("");  // edits make new subsets without end: kept in memory (bounded), never on disk
  env.writer = cli::linked_pdf_writer(&pdf::write);
  try {
    serve::Store store(where.data);
    where.data = store.dir();
    if (where.bind != "0.0.0.0" && where.bind != "::") hosts.push_back(where.bind);
    serve::Api api(env, store, hosts);
    return serve::serve_http(api, where, std::cerr);
  } catch (const serve::StoreError& e) {
    std::cerr << "nianbao serve: " << e.message << '\n';
    return 3;
  }
}
