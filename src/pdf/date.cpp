#include "pdf/date.hpp"

#include <cstdio>
#include <cstdlib>

namespace nb::pdf {

namespace {

struct Offset {
  char sign;
  int hours, minutes;
};

Offset offset(const DateTime& d) {
  int m = d.utc_offset_minutes;
  return {m < 0 ? '-' : '+', std::abs(m) / 60, std::abs(m) % 60};
}

}  // namespace

std::string pdf_date(const DateTime& d) {
  Offset o = offset(d);
  char b[64];
  std::snprintf(b, sizeof b, "D:%04d%02d%02d%02d%02d%02d%c%02d'%02d'", d.year, d.month, d.day, d.hour, d.minute,
                d.second, o.sign, o.hours, o.minutes);
  return b;
}

std::string xmp_date(const DateTime& d) {
  Offset o = offset(d);
  char b[64];
  std::snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d.year, d.month, d.day, d.hour, d.minute,
                d.second, o.sign, o.hours, o.minutes);
  return b;
}

}  // namespace nb::pdf
