#include <gtest/gtest.h>

#include "dates.h"

using newsdesk::dates::Bound;
using newsdesk::dates::parse;
using newsdesk::dates::parse_bound;

namespace {

std::string p(const char* text) { return parse(text).value_or("rejected"); }

TEST(Dates, Iso8601) {
    EXPECT_EQ(p("2026-01-22"), "20260122000000");
    EXPECT_EQ(p("2026-01-22T10:15:00Z"), "20260122101500");
    EXPECT_EQ(p("2026-01-22T10:15:00+01:00"), "20260122101500");
    EXPECT_EQ(p("2026-01-22 10:15"), "20260122101500");
    EXPECT_EQ(p("2026-01-22T10:15:00.123-05:00"), "20260122101500");
    EXPECT_EQ(p("20260122"), "20260122000000");
    EXPECT_EQ(p("2026-01-22T10:15:00+0100"), "20260122101500");
    EXPECT_EQ(p("2026-01-22T10:15+01"), "20260122101500");
    EXPECT_EQ(p("2026-01-22T10:15:00.5Z"), "20260122101500");
}

TEST(Dates, ZoneOffsetsOnlyRightAfterTheTime) {
    EXPECT_EQ(p("10:15 22-01-2026"), "20260122101500");  // "-01" and "-2026" are not offsets
    EXPECT_EQ(p("Jan 22, 2026 10:15 a.m. ET"), "20260122101500");
    EXPECT_EQ(p("Jan 22, 2026 12:05 a.m."), "20260122000500");
    EXPECT_EQ(p("Jan 22, 2026 1:05 p.m."), "20260122130500");
}

TEST(Dates, NoBreakSpacesFromWebPagesSeparateWords) {
    EXPECT_EQ(p("Thu,\u00a0Jan\u00a022nd,\u202f2026"), "20260122000000");
    EXPECT_EQ(p("22\u2009January 2026"), "20260122000000");
    EXPECT_FALSE(parse("22\u2014January 2026"));  // an em dash is not a separator
}

TEST(Dates, Rfc2822) {
    EXPECT_EQ(p("Thu, 22 Jan 2026 10:15:00 +0000"), "20260122101500");
    EXPECT_EQ(p("22 Jan 2026 10:15 GMT"), "20260122101500");
    EXPECT_EQ(p("Fri, 14 Mar 2025 09:30:00 -0500"), "20250314093000");
}

TEST(Dates, ReutersForm) {
    EXPECT_EQ(p("26-FEB-1987 15:01:01.79"), "19870226150101");
    EXPECT_EQ(p(" 5-MAR-1987 09:12:54.30"), "19870305091254");
}

TEST(Dates, Prose) {
    EXPECT_EQ(p("Thu, Jan 22nd, 2026"), "20260122000000");
    EXPECT_EQ(p("January 22, 2026"), "20260122000000");
    EXPECT_EQ(p("22 January 2026"), "20260122000000");
    EXPECT_EQ(p("Sept 1st 2025"), "20250901000000");
    EXPECT_EQ(p("March 3rd, 2024 at 4:05 pm"), "20240303160500");
    EXPECT_EQ(p("Wednesday 1 May 2024"), "20240501000000");
    EXPECT_EQ(p("Jan 22 2026"), "20260122000000");
    EXPECT_EQ(p("2nd May 2024"), "20240502000000");
    EXPECT_EQ(p("22nd of January, 2026"), "20260122000000");
    EXPECT_EQ(p("Jan. 22, 2026"), "20260122000000");
    EXPECT_EQ(p("Sun, 6 Nov 1994 08:49:37 GMT"), "19941106084937");
}

TEST(Dates, NumericDayMonthOnlyWhenUnambiguous) {
    EXPECT_EQ(p("22/01/2026"), "20260122000000");
    EXPECT_EQ(p("22.01.2026"), "20260122000000");
    EXPECT_EQ(p("01/22/2026"), "20260122000000");
    EXPECT_EQ(p("05/05/2026"), "20260505000000");
    EXPECT_EQ(p("03/04/2026"), "rejected");  // 3 April or March 4?
}

TEST(Dates, RejectsWhatIsNotADate) {
    for (const char* bad : {"", "yesterday", "2026-13-01", "2026-02-30", "31 April 2025", "29 Feb 2025",
                            "Published On: Thu, Jan 22nd, 2026", "12:00", "Jan 2026 Feb", "0999-01-01",
                            "2026-01-22T25:00", "<script>", "99999999999999999999"})
        EXPECT_FALSE(parse(bad).has_value()) << bad;
    for (const char* bad : {"2026-04-31", "29/02/2025", "13/13/2026", "January 2026", "2026-01-22T24:00:00"})
        EXPECT_FALSE(parse(bad).has_value()) << bad;
    EXPECT_EQ(p("29 Feb 2024"), "20240229000000");
    EXPECT_EQ(p("29/02/2024"), "20240229000000");
    EXPECT_EQ(p("29 Feb 2000"), "20000229000000");  // divisible by 400: leap
    EXPECT_FALSE(parse("29 Feb 1900"));             // divisible by 100: not
}

TEST(Dates, RangeBoundsCoverWholePeriods) {
    EXPECT_EQ(parse_bound("2025", Bound::kStart), "20250101000000");
    EXPECT_EQ(parse_bound("2025", Bound::kEnd), "20251231235959");
    EXPECT_EQ(parse_bound("2025-06", Bound::kEnd), "20250630235959");
    EXPECT_EQ(parse_bound("2024-02", Bound::kEnd), "20240229235959");
    EXPECT_EQ(parse_bound("1987-03-15", Bound::kEnd), "19870315235959");
    EXPECT_EQ(parse_bound("202506", Bound::kStart), "20250601000000");
    EXPECT_EQ(parse_bound("March 1987", Bound::kStart), "19870301000000");
    EXPECT_FALSE(parse_bound("2025-13", Bound::kStart));
    EXPECT_FALSE(parse_bound("soon", Bound::kEnd));
}

// Relative dates count from a fixed now: Tuesday 20 October 1987, 15:30.
constexpr const char* kNow = "19871020153000";

std::string start(const char* text) { return parse_bound(text, Bound::kStart, kNow).value_or("rejected"); }
std::string end(const char* text) { return parse_bound(text, Bound::kEnd, kNow).value_or("rejected"); }

TEST(RelativeDates, DaysAreWholeDays) {
    EXPECT_EQ(start("today"), "19871020000000");
    EXPECT_EQ(end("today"), "19871020235959");
    EXPECT_EQ(start("Yesterday"), "19871019000000");
    EXPECT_EQ(end("yesterday"), "19871019235959");
    EXPECT_EQ(start("-0d"), "19871020000000");
    EXPECT_EQ(start("-1d"), "19871019000000");
    EXPECT_EQ(end("-1d"), "19871019235959");  // a signed offset is one day, as yesterday is
    EXPECT_EQ(start("-30d"), "19870920000000");
    EXPECT_EQ(start("-2w"), "19871006000000");
    EXPECT_EQ(start("-1y"), "19861020000000");
}

TEST(RelativeDates, SpansRunFromTheirFirstDayToTheEndOfToday) {
    for (const char* week : {"7d", "last-7-days", "LAST-7-DAYS", "1w", "last-1-week"}) {
        EXPECT_EQ(start(week), "19871013000000") << week;
        EXPECT_EQ(end(week), "19871020235959") << week;
    }
    EXPECT_EQ(start("30d"), "19870920000000");
    EXPECT_EQ(start("last-3-months"), "19870720000000");
    EXPECT_EQ(start("1y"), "19861020000000");
    EXPECT_EQ(end("1y"), "19871020235959");
    EXPECT_EQ(start("last-2-years"), "19851020000000");
}

TEST(RelativeDates, MonthsKeepTheDayOrTakeTheLastOne) {
    EXPECT_EQ(parse_bound("-1m", Bound::kStart, "19870331120000"), "19870228000000");
    EXPECT_EQ(parse_bound("-1m", Bound::kStart, "19880331120000"), "19880229000000");
    EXPECT_EQ(parse_bound("-1y", Bound::kStart, "19880229000000"), "19870228000000");
    EXPECT_EQ(parse_bound("-13m", Bound::kStart, "19870115000000"), "19851215000000");
}

TEST(RelativeDates, CalendarPeriods) {
    // 20 October 1987 was a Tuesday: its ISO week ran from Monday the 19th.
    EXPECT_EQ(start("this-week"), "19871019000000");
    EXPECT_EQ(end("this-week"), "19871025235959");
    EXPECT_EQ(start("last-week"), "19871012000000");
    EXPECT_EQ(end("last-week"), "19871018235959");
    EXPECT_EQ(start("this-month"), "19871001000000");
    EXPECT_EQ(end("this-month"), "19871031235959");
    EXPECT_EQ(start("last-month"), "19870901000000");
    EXPECT_EQ(end("last-month"), "19870930235959");
    EXPECT_EQ(start("this-year"), "19870101000000");
    EXPECT_EQ(end("last-year"), "19861231235959");
    EXPECT_EQ(parse_bound("last-month", Bound::kStart, "19870115000000"), "19861201000000");
    // A Sunday belongs to the week that began the Monday before.
    EXPECT_EQ(parse_bound("this-week", Bound::kStart, "19871025120000"), "19871019000000");
}

TEST(RelativeDates, RejectsWhatIsNeither) {
    for (const char* bad : {"-3x", "7", "-d", "d7", "7 d", "7dd", "--7d", "+7d", "last-7d", "last-days", "last-7-fortnights",
                            "next-week", "this-decade", "-100000d", "-99999y", "-3000y", "tomorrow", "now", "last-7-days-ago"})
        EXPECT_EQ(start(bad), "rejected") << bad;
    EXPECT_FALSE(parse_bound("today", Bound::kStart, "not a moment"));
    // parse() reads publication dates: never relative ones.
    EXPECT_FALSE(parse("today"));
    EXPECT_FALSE(parse("-7d"));
}

TEST(RelativeDates, AbsoluteDatesDoNotDependOnNow) {
    EXPECT_EQ(parse_bound("2025-06", Bound::kEnd, kNow), "20250630235959");
    EXPECT_EQ(parse_bound("2025-06", Bound::kEnd, "garbage"), "20250630235959");
}

TEST(RelativeDates, NowScopeSetsTheThreadsNow) {
    {
        newsdesk::dates::NowScope as_of(kNow);
        EXPECT_EQ(newsdesk::dates::now(), kNow);
        EXPECT_EQ(parse_bound("yesterday", Bound::kStart), "19871019000000");
        {
            newsdesk::dates::NowScope inner("20260101000000");
            EXPECT_EQ(parse_bound("yesterday", Bound::kStart), "20251231000000");
        }
        EXPECT_EQ(newsdesk::dates::now(), kNow);
    }
    const std::string clock = newsdesk::dates::now();
    ASSERT_EQ(clock.size(), 14u);
    EXPECT_GT(clock, "2020");  // the machine's clock, in its own zone
    EXPECT_EQ(parse_bound("today", Bound::kStart), clock.substr(0, 8) + "000000");
}

TEST(Dates, SecondsBetween) {
    EXPECT_EQ(newsdesk::dates::seconds_between("19871019000000", "19871020120000"), 36.0 * 3600);
    EXPECT_EQ(newsdesk::dates::seconds_between("19871020120000", "19871019000000"), -36.0 * 3600);
    EXPECT_EQ(newsdesk::dates::seconds_between("19880228000000", "19880301000000"), 2.0 * 86400);
    EXPECT_FALSE(newsdesk::dates::seconds_between("", "19880301000000"));
    EXPECT_FALSE(newsdesk::dates::seconds_between("19880230000000", "19880301000000"));
}

TEST(Dates, Helpers) {
    EXPECT_EQ(newsdesk::dates::iso_day("19870226150101"), "1987-02-26");
    EXPECT_TRUE(newsdesk::dates::has_time("19870226150101"));
    EXPECT_FALSE(newsdesk::dates::has_time("19870226000000"));
}

}  // namespace
