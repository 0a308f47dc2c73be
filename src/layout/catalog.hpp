// All layouts of a folder, and the choice of one by format id or report year.
#pragma once
#include <string>
#include <vector>

#include "layout/layout.hpp"

namespace nb::layout {

class Catalog {
 public:
  // Loads every *.toml of dir (sorted by name); false when any is invalid.
  bool load_dir(const std::string& dir, Diagnostics& diags);
  // By id; with an empty id, the layout whose years cover `year`.
  const Layout* find(const std::string& id, int year) const;
  const std::vector<Layout>& all() const { return layouts_; }

 private:
  std::vector<Layout> layouts_;
};

}  // namespace nb::layout
