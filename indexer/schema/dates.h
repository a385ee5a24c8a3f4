/** @file
 *  @brief Dates as news writes them, turned into one sortable form.
 *
 *  Every date newsdesk stores is "YYYYMMDDHHMMSS" (kDateSlot in schema.h):
 *  it sorts as a string, and its first 8, 6 or 4 characters are its day,
 *  month and year. Times are kept as written (no time-zone conversion):
 *  news dates are about the calendar day the publisher printed.
 */
#pragma once

#include <cstdint>
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
///
/// Or a date relative to the day of @p now (a sortable date), which stands
/// for a period of whole days just as "2025-06" does (case does not matter):
///   today, yesterday                     that day
///   -Nd -Nw -Nm -Ny                      the day N days, weeks, months or years
///                                        before today ("-1m" on 31 March is
///                                        28 or 29 February)
///   Nd Nw Nm Ny, last-N-days (-weeks,    from that day to the end of today:
///   -months, -years; also singular)      "7d" is "-7d..today", as
///                                        Elasticsearch's now-7d/d..now/d
///   this-week, last-week                 Monday to Sunday (ISO weeks)
///   this-month, last-month, this-year, last-year
/// So ("-30d", kStart) is the start of the day 30 days ago, and ("7d", kEnd)
/// the end of today. N is at most 99999; a period must fall in the years
/// parse() accepts.
/// @return nullopt when @p text is neither.
std::optional<std::string> parse_bound(std::string_view text, Bound bound, std::string_view now);

/// parse_bound(@p text, @p bound, now()): what a query's date: field and the
/// searcher's date filters use.
std::optional<std::string> parse_bound(std::string_view text, Bound bound);

/// The forms parse_bound() accepts, for messages that say what to write.
inline constexpr const char* kBoundForms =
    "YYYY, YYYY-MM, YYYY-MM-DD, or a date relative to today: today, yesterday, -30d, 7d, "
    "last-7-days, this-week, last-month, this-year (d, w, m, y: days, weeks, months, years)";

/// The moment relative dates count from, as a sortable date: the current
/// time in the local time zone (TZ), unless a NowScope on this thread sets
/// another.
std::string now();

/// Sets now() on the calling thread while it lives, for a search run "as of"
/// a day (newsdesk-search --now, NEWSDESK_NOW, tests). Scopes nest.
class NowScope {
  public:
    /// @p moment: a sortable date ("19871020235959").
    explicit NowScope(std::string moment);
    ~NowScope();
    NowScope(const NowScope&) = delete;
    NowScope& operator=(const NowScope&) = delete;

  private:
    std::optional<std::string> previous_;
};

/// Seconds from @p from to @p to, two sortable dates read in one time zone
/// (negative when @p to is earlier); nullopt when either is not a valid
/// "YYYYMMDDHHMMSS".
std::optional<double> seconds_between(std::string_view from, std::string_view to);

/// Seconds from 1970-01-01 00:00:00 to @p sortable, read as UTC (stored
/// dates carry no zone); nullopt when it is not a valid "YYYYMMDDHHMMSS".
std::optional<std::int64_t> seconds_since_epoch(std::string_view sortable);

/// The sortable date @p seconds after 1970-01-01 00:00:00 (seconds_since_epoch()'s inverse).
std::string sortable_from_seconds(std::int64_t seconds);

/// "YYYY-MM-DD" from a sortable date (first 8 characters), "" if too short.
std::string iso_day(std::string_view sortable);

/// Whether @p sortable carries a time of day (is not "...000000").
bool has_time(std::string_view sortable);

}  // namespace newsdesk::dates
