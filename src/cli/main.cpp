#include "cli/app.hpp"

int main(int argc, char** argv) { return nb::cli::run(std::vector<std::string>(argv + 1, argv + argc)); }
