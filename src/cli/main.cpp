#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli/app.hpp"

int main(int argc, char** argv) {
  int code = nb::cli::run(std::vector<std::string>(argv + 1, argv + argc));
#ifndef NB_LEAK_CHECKED_EXIT  // sanitizer builds: LeakSanitizer checks at exit
  // Speed device (docs/ARCHITECTURE.md): the environment is left to process exit.
  // Nothing is left to do but return the memory, which the kernel does anyway: the
  // fonts, layouts and kept font programs are not freed (cli::run never destroys its
  // Env) and no static destructor runs. Measured on the sample, whole process: 1.3 ms
  // of 56.8 saved against freeing the Env and returning from main (60 alternating
  // runs, 2026-12-06).
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
#endif
  return code;
}
