#include "core/json.hpp"

namespace nb::json {

std::string dump(const Object& value) { return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace nb::json
