// Fuzz target: the date parser (dates::parse, dates::parse_bound) on arbitrary text.
// Whatever it accepts must come out as a real calendar moment, "YYYYMMDDHHMMSS",
// and a partial date's start bound must not come after its end bound.
#include <cstddef>
#include <cstdint>
#include <string>

#include "dates.h"
#include "fuzz_checks.h"

namespace {

using newsdesk::fuzz::expect;

int number(const std::string& s, std::size_t pos, std::size_t len) { return std::stoi(s.substr(pos, len)); }

void check_moment(const std::string& date) {
    expect(newsdesk::fuzz::is_sortable_date(date), "date is not YYYYMMDDHHMMSS", date);
    const int month = number(date, 4, 2), day = number(date, 6, 2);
    expect(month >= 1 && month <= 12 && day >= 1 && day <= 31, "no such month or day", date);
    expect(number(date, 8, 2) <= 23 && number(date, 10, 2) <= 59 && number(date, 12, 2) <= 60, "no such time", date);
    expect(newsdesk::dates::iso_day(date).size() == 10, "iso_day is not YYYY-MM-DD", date);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace newsdesk::dates;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto date = parse(text)) check_moment(*date);
    auto start = parse_bound(text, Bound::kStart);
    auto end = parse_bound(text, Bound::kEnd);
    expect(start.has_value() == end.has_value(), "only one bound of a date parses", text);
    if (start && end) {
        check_moment(*start);
        check_moment(*end);
        expect(*start <= *end, "start bound after end bound", text);
    }
    return 0;
}
