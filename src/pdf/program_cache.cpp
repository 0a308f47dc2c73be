#include "pdf/program_cache.hpp"

#include "pdf/flate.hpp"
#include "font/subset.hpp"
#include "pdf/program_store.hpp"

namespace nb::pdf {

std::shared_ptr<const EmbeddedProgram> make_program(const font::Face& face, const std::set<uint32_t>& gids) {
  font::FontProgram p = font::subset_font(face, gids);
  auto e = std::make_shared<EmbeddedProgram>();
  e->deflated = deflate(p.bytes);
  e->size = p.bytes.size();
  e->codes = std::move(p.codes);
  return e;
}

std::shared_ptr<const EmbeddedProgram> ProgramCache::get(const font::Face& face, const std::set<uint32_t>& gids) {
  Key key{&face, gids};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = kept_.find(key); it != kept_.end()) return it->second;
  }
  // Outside the lock: other reports go on.
  std::shared_ptr<const EmbeddedProgram> made;
  const auto k = disk_.empty() ? std::nullopt : program_key(face, gids);
  const ProgramStore store(disk_);
  if (k) made = store.load(*k);
  if (!made) {
    made = make_program(face, gids);
    if (k) store.store(*k, *made);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, fresh] = kept_.emplace(std::move(key), made);
  if (fresh) {
    order_.push_back(it);
    if (order_.size() > capacity_) {
      kept_.erase(order_.front());
      order_.pop_front();
    }
  }
  return it->second;
}

}  // namespace nb::pdf
