#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli/app.hpp"

int main(int argc, char** argv) {
  int code = nb::cli::run(std::vector<std::string>(argv + 1, argv + argc));
#ifndef NB_LEAK_CHECKED_EXIT  // sanitizer builds: LeakSanitizer checks at exit
  // Nothing is left to do but return the memory, which the kernel does anyway: no
  // destructors of the libraries' statics (1 ms of every run).
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
#endif
  return code;
}
