// `cmake --build build --target bench` (or ./bench.py, which adds whole-process
// figures): Google Benchmark timings, in process, of each stage on the sample
// (parse, check, shape, line-break, typeset, subset, write), the sample end to
// end, synthetic reports of about 10, 100 and 500 pages, and a batch of 200
// reports. Prints the medians and their ratios at the end.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <map>

#include "check/check.hpp"
#include "cli/batch.hpp"
#include "cli/env.hpp"
#include "cli/metadata.hpp"
#include "cli/pipeline.hpp"
#include "compose/document.hpp"
#include "font/subset.hpp"
#include "pdf/writer.hpp"
#include "synthetic.hpp"
#include "typeset/inline.hpp"
#include "typeset/typeset.hpp"

using namespace nb;

namespace {

const std::string kSample = nbtest::kSample2019;

// A warm process: layouts and fonts loaded once, as in a batch.
cli::Env& env() {
  static cli::Env* e = [] {
    setenv("NIANBAO_DATA", nbtest::kSourceDir.c_str(), 1);
    auto* e = new cli::Env;
    e->writer = cli::linked_pdf_writer(&pdf::write);
    if (!e->load(std::cerr)) std::abort();
    e->programs = nullptr;  // every report cuts its fonts anew (a batch keeps them: BM_Batch200)
    return e;
  }();
  return *e;
}

input::Report parse(const std::string& text) {
  Diagnostics d;
  auto r = input::read(nbtest::source("bench.toml", text),
                       [&](const std::string& id, int y) { return env().layouts.find(id, y); }, d);
  if (!r) throw std::runtime_error("bench input does not parse");
  return std::move(*r);
}

check::CheckedReport checked(const std::string& text) {
  Diagnostics d;
  auto r = check::run(parse(text), check::Options{}, d);
  if (!r) throw std::runtime_error("bench input does not pass the checks");
  return std::move(*r);
}

// The sample through each stage, kept for the benchmarks of the next one.
struct Sample {
  std::string text = nbtest::read_file(kSample);
  check::CheckedReport report = checked(text);
  compose::Document doc = compose::compose(report);
  typeset::Roles roles = typeset::resolve_roles(*doc.layout, doc.fonts, *env().fonts);
  typeset::Result result;
  pdf::Metadata meta = cli::metadata(doc.about, std::nullopt, pdf::Conformance::A2a);
  double grid = doc.layout->page.body_width / doc.layout->page.chars_per_line;
  double body_size = roles.at(layout::Role::Body).style->size;
  Sample() {
    Diagnostics d;
    result = typeset::typeset(doc, *env().fonts, d);
  }
};

const Sample& sample() {
  static Sample s;
  return s;
}

void BM_Parse(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(parse(sample().text));
}
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond);

void BM_Check(benchmark::State& state) {
  const input::Report parsed = parse(sample().text);
  for (auto _ : state) {
    state.PauseTiming();
    input::Report r = parsed;
    state.ResumeTiming();
    Diagnostics d;
    benchmark::DoNotOptimize(check::run(std::move(r), check::Options{}, d));
  }
}
BENCHMARK(BM_Check)->Unit(benchmark::kMillisecond);

// Every paragraph and table cell of the sample, shaped.
std::vector<std::vector<typeset::Atom>> shape_all(const Sample& s, typeset::Result& out) {
  std::vector<std::vector<typeset::Atom>> all;
  Diagnostics d;
  for (const auto& b : s.doc.blocks) {
    if (const auto* p = std::get_if<compose::Paragraph>(&b))
      all.push_back(typeset::shape_runs(p->runs, s.roles, s.grid, s.body_size, out, d));
    else
      for (const auto& c : std::get<compose::Table>(b).cells)
        all.push_back(typeset::shape_runs(c.runs, s.roles, 0, 0, out, d));
  }
  return all;
}

void BM_Shape(benchmark::State& state) {
  for (auto _ : state) {
    typeset::Result out;
    benchmark::DoNotOptimize(shape_all(sample(), out));
  }
}
BENCHMARK(BM_Shape)->Unit(benchmark::kMillisecond);

// The prose paragraphs broken into lines of the body width.
void BM_LineBreak(benchmark::State& state) {
  typeset::Result out;
  std::vector<std::vector<typeset::Atom>> shaped;
  Diagnostics d;
  for (const auto& b : sample().doc.blocks)
    if (const auto* p = std::get_if<compose::Paragraph>(&b))
      shaped.push_back(typeset::shape_runs(p->runs, sample().roles, sample().grid, sample().body_size, out, d));
  typeset::InlineStyle style;
  style.first_indent = 2 * sample().grid;
  const double width = sample().doc.layout->page.body_width;
  for (auto _ : state) {
    state.PauseTiming();
    auto copy = shaped;
    state.ResumeTiming();
    for (auto& atoms : copy) benchmark::DoNotOptimize(typeset::break_lines(std::move(atoms), width, style));
  }
}
BENCHMARK(BM_LineBreak)->Unit(benchmark::kMillisecond);

// The whole typeset stage: shaping, line breaking, tables and pagination.
void BM_Typeset(benchmark::State& state) {
  size_t pages = 0;
  for (auto _ : state) {
    Diagnostics d;
    auto result = typeset::typeset(sample().doc, *env().fonts, d);
    pages = result.pages.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["pages"] = static_cast<double>(pages);
}
BENCHMARK(BM_Typeset)->Unit(benchmark::kMillisecond);

void BM_Subset(benchmark::State& state) {
  std::map<const font::Face*, std::set<uint32_t>> uses;
  for (const auto& page : sample().result.pages)
    for (const auto& run : page.runs)
      for (const auto& g : run.glyphs) uses[run.face].insert(g.gid);
  for (auto _ : state)
    for (const auto& [face, gids] : uses) benchmark::DoNotOptimize(font::subset_font(*face, gids));
  state.counters["fonts"] = static_cast<double>(uses.size());
}
BENCHMARK(BM_Subset)->Unit(benchmark::kMillisecond);

// Typeset pages to PDF bytes: fonts subset and embedded, content streams, compression.
void BM_Write(benchmark::State& state) {
  size_t bytes = 0;
  for (auto _ : state) bytes = pdf::write(sample().result, sample().meta).size();
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_Write)->Unit(benchmark::kMillisecond);

// The sample from its file to its PDF written, in a process whose fonts are loaded,
// with its fonts and pages prepared on state.range(0) threads.
void BM_SampleEndToEnd(benchmark::State& state) {
  nbtest::TempDir out;
  cli::Job job{kSample, out.file("quanan-2020.pdf"), ""};
  env().write_threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    cli::Outcome o = cli::run_job(env(), job);
    if (o.code != 0) state.SkipWithError("the sample did not build");
  }
  env().write_threads = 1;
}
BENCHMARK(BM_SampleEndToEnd)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// A synthetic report of about state.range(0) pages (about two pages per block),
// from TOML text to PDF bytes.
void BM_Pages(benchmark::State& state) {
  const int blocks = std::max(1, static_cast<int>((state.range(0) - 4.5) / 1.89 + 0.5));
  const std::string text = nbtest::synthetic_report(blocks);
  size_t pages = 0;
  for (auto _ : state) {
    check::CheckedReport report = checked(text);
    compose::Document doc = compose::compose(report);
    Diagnostics d;
    auto result = typeset::typeset(doc, *env().fonts, d);
    pages = result.pages.size();
    benchmark::DoNotOptimize(pdf::write(result, cli::metadata(doc.about, std::nullopt, pdf::Conformance::A2a)));
  }
  state.counters["pages"] = static_cast<double>(pages);
  state.counters["per_page"] = benchmark::Counter(static_cast<double>(pages), benchmark::Counter::kIsIterationInvariantRate |
                                                                               benchmark::Counter::kInvert);
}
BENCHMARK(BM_Pages)->Arg(10)->Arg(100)->Arg(500)->Unit(benchmark::kMillisecond);

// 200 copies of the sample under different names, built by one run_batch on two
// threads in a fresh environment (layouts and fonts loaded, as by a new process).
void BM_Batch200(benchmark::State& state) {
  nbtest::TempDir dir;
  std::vector<cli::Job> jobs;
  const std::string text = nbtest::read_file(kSample);
  for (int i = 0; i < 200; ++i) {
    std::string name = "report-" + std::to_string(i);
    nbtest::write_file(dir.file(name + ".toml"), text);
    jobs.push_back({dir.file(name + ".toml"), dir.file(name + ".pdf"), ""});
  }
  cli::BatchOptions options;
  options.jobs = 2;
  options.quiet = true;
  for (auto _ : state) {
    cli::Env fresh;
    fresh.writer = cli::linked_pdf_writer(&pdf::write);
    if (!fresh.load(std::cerr)) std::abort();
    if (cli::run_batch(fresh, jobs, options) != 0) state.SkipWithError("the batch failed");
  }
  state.counters["per_report"] =
      benchmark::Counter(200, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Batch200)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// Keeps the median real time and the counters of each benchmark.
class MedianReporter : public benchmark::ConsoleReporter {
 public:
  struct Median {
    double ms = 0;
    std::map<std::string, double> counters;
  };
  std::map<std::string, Median> medians;
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& r : runs)
      if (r.run_type == Run::RT_Aggregate && r.aggregate_name == "median") {
        Median& m = medians[r.run_name.function_name + (r.run_name.args.empty() ? "" : "/" + r.run_name.args)];
        m.ms = r.GetAdjustedRealTime();
        for (const auto& [k, c] : r.counters) m.counters[k] = c.value;
      }
  }
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  MedianReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const auto& m = reporter.medians;
  auto at = [&](const std::string& k) { return m.count(k) ? m.at(k).ms : 0.0; };
  std::cout << "\nmedians (ms):\n";
  for (const auto& [name, x] : m) std::cout << "  " << name << ": " << x.ms << '\n';
  if (double e2e = at("BM_SampleEndToEnd/1"); e2e > 0) {
    std::cout << "as shares of the sample end to end (" << e2e << " ms):\n";
    for (const char* k : {"BM_Parse", "BM_Check", "BM_Shape", "BM_LineBreak", "BM_Typeset", "BM_Subset", "BM_Write"})
      if (m.count(k)) std::cout << "  " << k << ": " << at(k) / e2e << '\n';
    if (m.count("BM_Typeset") && m.count("BM_Shape") && m.count("BM_LineBreak"))
      std::cout << "  pagination and tables (Typeset - Shape - LineBreak): "
                << (at("BM_Typeset") - at("BM_Shape") - at("BM_LineBreak")) / e2e << '\n';
    if (m.count("BM_Batch200")) std::cout << "  one report of BM_Batch200: " << at("BM_Batch200") / 200 / e2e << '\n';
  }
  if (m.count("BM_Pages/10") && m.count("BM_Pages/500")) {
    double p10 = m.at("BM_Pages/10").counters.at("per_page"), p500 = m.at("BM_Pages/500").counters.at("per_page");
    std::cout << "per page: " << p10 * 1e3 << " ms at " << m.at("BM_Pages/10").counters.at("pages") << " pages, "
              << p500 * 1e3 << " ms at " << m.at("BM_Pages/500").counters.at("pages")
              << " pages: ratio " << p500 / p10 << " (target <= 1)\n";
  }
  benchmark::Shutdown();
  return 0;
}
