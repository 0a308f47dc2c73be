// nianbao-sum: the program `nianbao sum` runs (see sum.hpp).
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/diagnostics_out.hpp"
#include "cli/env.hpp"
#include "cli/pdf_module.hpp"
#include "sum/sum.hpp"

namespace {

const char* const kHelp =
    "用法：nianbao sum 输入… --organ 机关名称 [-o 汇总] [--include-invalid]\n"
    "把同一年度、同一格式的各单位年报的表格数字逐格相加（输入为 .toml 文件，或 nianbao build --attach\n"
    "生成的 PDF），写出：\n"
    "  汇总.csv    每份报告一行、每个表格数字一列（表头为官方栏目），最后一行为合计；UTF-8，Excel 和 WPS 可直接打开\n"
    "  汇总.xlsx   同样的表，首行和前两列冻结\n"
    "  汇总.toml   合计数字的年报输入文件（正文为空，发布机关为 --organ）：nianbao build 可生成本地区的汇总表\n"
    "  -o 汇总             输出文件的路径和名称（不含扩展名，默认 汇总）\n"
    "  --organ 机关名称    汇总报告的发布机关（必须给出）\n"
    "  --include-invalid   未通过检查的报告也计入（默认列出并不计入）\n"
    "退出码：0 成功，1 输入有误（格式或年度不同、同一机关两份、有报告未通过检查而未计入），2 用法错误，\n"
    "3 文件无法读取或写出。\n";

int usage(const std::string& msg) {
  std::cerr << "nianbao sum: " << msg << "\n（nianbao sum --help 查看用法）\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace nb;
  std::vector<std::string> args(argv + 1, argv + argc), inputs;
  sum::Options o;
  o.out = "汇总";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::cout << kHelp;
      return 0;
    }
    if (a == "--include-invalid") {
      o.include_invalid = true;
    } else if (a == "-o" || a == "--organ") {
      if (i + 1 == args.size()) return usage(a + " 后面须给出" + (a == "-o" ? "输出文件的名称" : "机关名称"));
      (a == "-o" ? o.out : o.organ) = args[++i];
    } else if (!a.empty() && a[0] == '-') {
      return usage("没有选项 " + a);
    } else {
      inputs.push_back(a);
    }
  }
  if (inputs.empty()) return usage("须给出要汇总的报告（.toml 或附带输入的 .pdf）");
  if (o.organ.empty()) return usage("须用 --organ 给出汇总报告的发布机关（如 --organ 长春市南关区人民政府）");
  for (const char* ext : {".csv", ".xlsx", ".toml"})
    if (o.out.size() > 5 && o.out.rfind(ext) == o.out.size() - std::string(ext).size())
      return usage("-o 给出的是不含扩展名的名称（如 -o out/汇总），三个文件各加扩展名");
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::path(o.out).parent_path();
  if (!dir.empty() && !std::filesystem::is_directory(dir, ec)) return usage("-o 所在的文件夹不存在：" + dir.string());
  o.color = cli::want_color(2);
  cli::Env env;
  if (!env.load(std::cerr)) return 3;
  try {
    return sum::sum_reports(env, inputs, o, std::cerr);
  } catch (const EnvironmentError& e) {
    cli::print_diagnostic(e.diagnostic(), {o.color, false}, std::cerr);
    return 3;
  }
}
