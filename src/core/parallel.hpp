// The one thread pool: independent pieces of work on a few threads (the fonts
// and pages of one PDF, the reports of a batch); task i runs once, on whichever
// thread is free, in the order of i. An exception of a task is rethrown (the lowest-numbered one)
// after every task has finished.
#pragma once
#include <atomic>
#include <exception>
#include <functional>
#include <thread>
#include <vector>

namespace nb {

inline void run_parallel(size_t tasks, unsigned threads, const std::function<void(size_t)>& task) {
  std::vector<std::exception_ptr> errors(tasks);
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next++) < tasks;) {
      try {
        task(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads && t < tasks; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace nb
