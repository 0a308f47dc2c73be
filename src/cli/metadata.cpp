#include "cli/metadata.hpp"

#include <chrono>
#include <cstdlib>

#ifndef NIANBAO_VERSION
#define NIANBAO_VERSION "0.1.0"
#endif

namespace nb::cli {

std::optional<pdf::DateTime> source_date_epoch() {
  const char* env = std::getenv("SOURCE_DATE_EPOCH");
  if (!env) return std::nullopt;
  const std::string s = env;
  bool digits = !s.empty() && s.size() <= 11 && s.find_first_not_of("0123456789") == std::string::npos;
  long long secs = digits ? std::stoll(s) : -1;
  if (secs < 0 || secs > 253402300799LL)  // 9999-12-31T23:59:59Z
    throw EnvironmentError{"环境变量 SOURCE_DATE_EPOCH 的值“" + s +
                           "”不是自 1970-01-01 00:00 UTC 起的秒数（非负整数）：请改正或取消这个变量"};
  using namespace std::chrono;
  const sys_seconds t{seconds{secs}};
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> hms{t - day};
  pdf::DateTime d;
  d.year = static_cast<int>(ymd.year());
  d.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  d.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  d.hour = static_cast<int>(hms.hours().count());
  d.minute = static_cast<int>(hms.minutes().count());
  d.second = static_cast<int>(hms.seconds().count());
  d.utc_offset_minutes = 0;
  return d;
}

std::optional<pdf::DateTime> parse_pdf_date(const std::string& t) {
  auto num = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (i >= t.size() || t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  pdf::DateTime d{num(2, 4), num(6, 2), num(8, 2), num(10, 2), num(12, 2), num(14, 2), 0};
  if (t.rfind("D:", 0) != 0 || d.year < 0 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || d.hour < 0 ||
      d.hour > 23 || d.minute < 0 || d.minute > 59 || d.second < 0 || d.second > 59 || t.size() < 17)
    return std::nullopt;
  if (t[16] == 'Z' && t.size() == 17) return d;
  const int h = num(17, 2), m = num(20, 2);
  if ((t[16] != '+' && t[16] != '-') || h < 0 || m < 0 || t.size() != 23 || t[19] != '\'' || t[22] != '\'')
    return std::nullopt;
  d.utc_offset_minutes = (t[16] == '-' ? -1 : 1) * (h * 60 + m);
  return d;
}

pdf::Metadata metadata(const compose::About& report, const std::optional<pdf::DateTime>& epoch,
                       pdf::Conformance conformance) {
  pdf::Metadata m;
  m.title = report.title;
  m.author = report.organ;
  m.subject = "政府信息公开工作年度报告";
  m.keywords = "政府信息公开, 年度报告, " + std::to_string(report.year);
  m.creator = std::string("nianbao ") + NIANBAO_VERSION;
  m.producer = m.creator + " (PoDoFo, HarfBuzz, FreeType)";
  if (epoch) {
    m.date = *epoch;
  } else {
    m.date.year = report.published[0];
    m.date.month = report.published[1];
    m.date.day = report.published[2];
    m.date.utc_offset_minutes = 8 * 60;  // China Standard Time
  }
  m.conformance = conformance;
  return m;
}

}  // namespace nb::cli
