#include "dates.h"
// Placeholder until the date parser lands (same commit series).
namespace newsdesk::dates {
std::optional<std::string> parse(std::string_view) { return std::nullopt; }
std::optional<std::string> parse_bound(std::string_view, Bound) { return std::nullopt; }
std::string iso_day(std::string_view s) { return s.size() < 8 ? "" : std::string(s.substr(0,4)) + "-" + std::string(s.substr(4,2)) + "-" + std::string(s.substr(6,2)); }
bool has_time(std::string_view s) { return s.size() >= 14 && s.substr(8, 6) != "000000"; }
}
