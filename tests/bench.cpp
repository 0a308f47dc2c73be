// `cmake --build build --target bench`: timing of the typesetting of the sample
// and of a 300-page synthetic report, in process, fonts loaded once. Prints
// medians and their ratios to the sample's median, measured in the same run.
#include <benchmark/benchmark.h>

#include <iostream>
#include <map>

#include "compose/document.hpp"
#include "input/report.hpp"
#include "layout/catalog.hpp"
#include "pdf/writer.hpp"
#include "synthetic.hpp"
#include "typeset/page.hpp"

using namespace nb;

namespace {

struct Env {
  layout::Catalog layouts;
  typeset::FontLibrary fonts{{"/usr/local/share/fonts", "/usr/share/fonts"}};
  Env() {
    Diagnostics d;
    layouts.load_dir(nbtest::kSourceDir + "/layouts", d);
  }
  input::Report parse(const std::string& text) {
    Diagnostics d;
    auto r = input::read(nbtest::source("bench.toml", text),
                         [&](const std::string& id, int y) { return layouts.find(id, y); }, d);
    if (!r) throw std::runtime_error("bench input does not parse");
    return std::move(*r);
  }
};

Env& env() {
  static Env e;
  return e;
}

void typeset_report(benchmark::State& state, const std::string& text) {
  input::Report report = env().parse(text);
  compose::Document doc = compose::compose(report);
  size_t pages = 0;
  for (auto _ : state) {
    Diagnostics d;
    auto result = typeset::typeset(doc, env().fonts, d);
    pages = result.pages.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["pages"] = static_cast<double>(pages);
}

void BM_TypesetSample(benchmark::State& state) {
  typeset_report(state, nbtest::read_file(nbtest::kSourceDir + "/input/quanan-2020.toml"));
}
BENCHMARK(BM_TypesetSample)->Unit(benchmark::kMillisecond);

void BM_Typeset300Pages(benchmark::State& state) { typeset_report(state, nbtest::synthetic_report(160)); }
BENCHMARK(BM_Typeset300Pages)->Unit(benchmark::kMillisecond);

void BM_SampleToPdfBytes(benchmark::State& state) {
  std::string text = nbtest::read_file(nbtest::kSourceDir + "/input/quanan-2020.toml");
  for (auto _ : state) {
    input::Report report = env().parse(text);
    compose::Document doc = compose::compose(report);
    Diagnostics d;
    auto result = typeset::typeset(doc, env().fonts, d);
    pdf::Metadata meta;
    meta.date = "D:20210131000000+08'00'";
    benchmark::DoNotOptimize(pdf::write(result, meta));
  }
}
BENCHMARK(BM_SampleToPdfBytes)->Unit(benchmark::kMillisecond);

// Keeps the median of each benchmark to print ratios at the end.
class MedianReporter : public benchmark::ConsoleReporter {
 public:
  std::map<std::string, double> medians;
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& r : runs)
      if (r.run_type == Run::RT_Aggregate && r.aggregate_name == "median")
        medians[r.run_name.function_name] = r.GetAdjustedRealTime();
  }
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  MedianReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  auto base = reporter.medians.find("BM_TypesetSample");
  if (base != reporter.medians.end() && base->second > 0) {
    std::cout << "\nmedians, as ratios to BM_TypesetSample (" << base->second << " ms):\n";
    for (const auto& [name, ms] : reporter.medians) std::cout << "  " << name << ": " << ms << " ms = " << ms / base->second << "x\n";
  }
  benchmark::Shutdown();
  return 0;
}
