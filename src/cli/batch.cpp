#include "cli/batch.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>

#include "core/json.hpp"
#include "core/parallel.hpp"

namespace nb::cli {

namespace {

std::string seconds(double s) {
  char b[32];
  std::snprintf(b, sizeof b, s < 10 ? "%.1f 秒" : "%.0f 秒", s);
  return b;
}

class Reporter {
 public:
  Reporter(size_t total, const BatchOptions& o) : total_(total), o_(o), start_(Clock::now()) {}

  void started(const std::string& label) {
    std::lock_guard<std::mutex> lock(m_);
    current_ = label;
    redraw();
  }

  void finished(const Job& job, const Outcome& r) {
    std::lock_guard<std::mutex> lock(m_);
    ++done_;
    clear();
    auto& err = std::cerr;
    print_diagnostics(r.diags, o_.style, err);
    if (r.failure) print_diagnostic(*r.failure, o_.style, err);
    std::string counts = count_summary(r.diags);
    if (!counts.empty() && !o_.style.json) err << job.input << "：" << counts << '\n';
    if (r.code != 0) failed_.push_back({job.input, r});
    if (o_.style.json && r.code == 0) {
      json::Object o;
      o["file"] = job.input;
      o["severity"] = "done";
      if (!job.output.empty()) {
        o["output"] = job.output;
        o["pages"] = r.pages;
      }
      if (!job.html.empty()) o["html"] = job.html;
      err << json::dump(o) << '\n';
    }
    // On a terminal a batch shows one progress line; a single report its result.
    if (!o_.quiet && !o_.style.json && (!o_.terminal || total_ == 1)) {
      std::string prefix = total_ > 1 ? "[" + std::to_string(done_) + "/" + std::to_string(total_) + "] " : "";
      if (r.code == 0 && !job.output.empty())
        err << prefix << job.input << " → " << job.output << "（" << r.pages << " 页，" << (r.bytes + 1023) / 1024
            << " KB）" << (job.html.empty() ? "" : "、" + job.html) << "\n";
      else if (r.code == 0 && !job.html.empty())
        err << prefix << job.input << " → " << job.html << "\n";
      else if (r.code == 0)
        err << prefix << job.input << "：检查通过\n";
      else if (total_ > 1)
        err << prefix << job.input << "：失败\n";
    }
    redraw();
  }

  void summary() {
    std::lock_guard<std::mutex> lock(m_);
    clear();
    if (total_ < 2 || o_.style.json) return;
    auto& err = std::cerr;
    double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    err << "共 " << total_ << " 份，用时 " << seconds(elapsed) << "：" << total_ - failed_.size() << " 份成功";
    if (failed_.empty()) { err << "。\n"; return; }
    err << "，" << failed_.size() << " 份失败：\n";
    std::sort(failed_.begin(), failed_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [input, r] : failed_) {
      err << "  " << input << "：";
      if (r.code == 1) err << "输入有误（" << count_summary(r.diags) << "）\n";
      else err << "环境错误（" << (r.failure ? r.failure->message : std::string()) << "）\n";
    }
  }

 private:
  using Clock = std::chrono::steady_clock;

  void clear() {
    if (o_.terminal && drawn_) std::cerr << "\r\033[K";
    drawn_ = false;
  }

  void redraw() {
    if (!o_.terminal || o_.quiet || total_ < 2 || done_ == total_) return;
    double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    std::string line = "[" + std::to_string(done_) + "/" + std::to_string(total_) + "] " + current_ + " … 已用 " +
                       seconds(elapsed);
    if (done_ > 0) line += "，预计还需 " + seconds(elapsed / done_ * (total_ - done_));
    std::cerr << "\r\033[K" << line << std::flush;
    drawn_ = true;
  }

  size_t total_, done_ = 0;
  BatchOptions o_;
  Clock::time_point start_;
  std::string current_;
  bool drawn_ = false;
  std::vector<std::pair<std::string, Outcome>> failed_;
  std::mutex m_;
};

}  // namespace

int run_batch(Env& env, const std::vector<Job>& jobs, const BatchOptions& options) {
  Reporter reporter(jobs.size(), options);
  std::atomic<int> worst{0};
  const unsigned threads = static_cast<unsigned>(std::max(options.jobs, 1));
  run_parallel(jobs.size(), threads, [&](size_t i) {
    reporter.started(jobs[i].input);
    Outcome r = run_job(env, jobs[i]);
    int w = worst.load();
    while (r.code > w && !worst.compare_exchange_weak(w, r.code)) {}
    reporter.finished(jobs[i], r);
  });
  reporter.summary();
  return worst.load();
}

}  // namespace nb::cli
