/** @file
 *  @brief Dates as news writes them, turned into one sortable form.
 *
 *  Every date newsdesk stores is "YYYYMMDDHHMMSS" (kDateSlot in schema.h):
 *  it sorts as a string, and its first 8, 6 or 4 characters are its day,
 *  month and year. Times are kept as written (no time-zone conversion):
 *  news dates are about the calendar day the publisher printed.
 */
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsdesk::dates {

/// Parse a publication date in any of the forms news uses:
///   ISO 8601 ("2026-01-22", "2026-01-22T10:15:00Z", "2026-01-22 10:15"),
///   RFC 2822 ("Thu, 22 Jan 2026 10:15:00 +0000"),
///   Reuters ("26-FEB-1987 15:01:01.79"),
///   prose ("Thu, Jan 22nd, 2026", "January 22, 2026", "22 January 2026"),
///   numeric day/month ("22/01/2026", "22.01.2026") only where unambiguous
///   (one of the two numbers is over 12, or they are equal).
/// Surrounding text such as "Published On:" is not accepted here: pass the value.
/// @return "YYYYMMDDHHMMSS", or nullopt when @p text is not a valid date.
std::optional<std::string> parse(std::string_view text);

/// Which end of a partial date a range bound stands for.
enum class Bound { kStart, kEnd };

/// A query bound: "2025", "2025-06", "2025-06-30" (also "202506", "20250630",
/// and anything parse() accepts) as the first or the last moment it covers:
/// ("2025-06", kStart) -> "20250601000000"; ("2025-06", kEnd) -> "20250630235959".
/// @return nullopt when @p text is not a date.
std::optional<std::string> parse_bound(std::string_view text, Bound bound);

/// "YYYY-MM-DD" from a sortable date (first 8 characters), "" if too short.
std::string iso_day(std::string_view sortable);

/// Whether @p sortable carries a time of day (is not "...000000").
bool has_time(std::string_view sortable);

}  // namespace newsdesk::dates
