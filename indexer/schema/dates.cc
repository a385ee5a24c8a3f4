#include "dates.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <utility>
#include <vector>

namespace newsdesk::dates {

namespace {

/// A date as read, before validation. 0 means "not given".
struct Parts {
    int year = 0, month = 0, day = 0;
    int hour = 0, minute = 0, second = 0;
    bool has_time = false;
};

struct Token {
    enum Kind { kNumber, kWord, kTime } kind;
    std::string text;
    char sign = 0;  ///< '+' or '-' written right before it (time-zone offsets)
};

constexpr std::array<const char*, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// 1..12 for a month name or abbreviation ("Jan", "January", "Sept"), else 0.
int month_number(const std::string& word) {
    static const std::array<const char*, 12> full = {"january", "february", "march",     "april",   "may",      "june",
                                                     "july",    "august",   "september", "october", "november", "december"};
    for (int i = 0; i < 12; ++i) {
        if (word == kMonths[i] || word == full[i]) return i + 1;
    }
    return word == "sept" ? 9 : 0;
}

/// Words that may appear in a date and carry nothing we keep.
bool is_ignorable_word(const std::string& w) {
    static const std::array<const char*, 40> words = {
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "st", "nd", "rd", "th", "t", "z", "utc", "gmt", "ut", "est", "edt",
        "cst", "cdt", "mst", "mdt", "pst", "pdt", "cet", "cest", "bst", "of", "et", "pt"};
    for (const char* x : words) {
        if (w == x) return true;
    }
    return w == "on" || w == "at" || w == "the";
}

/// Byte length of the no-break, thin or narrow no-break space at the start of
/// @p s, else 0: pages copied from the web put them between "Jan" and "22nd".
std::size_t unicode_space_length(std::string_view s) {
    if (s.starts_with("\xC2\xA0")) return 2;
    if (s.starts_with("\xE2\x80\x89") || s.starts_with("\xE2\x80\xAF")) return 3;
    return 0;
}

/// Splits @p text into numbers, words and times ("10:15", "15:01:01.79").
/// Punctuation separates tokens; anything else makes the text not a date.
bool tokenize(std::string_view text, std::vector<Token>& tokens) {
    std::size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (is_digit(c)) {
            std::size_t j = i;
            auto is_time_fraction = [&](std::size_t k) {  // the ".79" of "15:01:01.79"
                return text[k] == '.' && k + 1 < text.size() && is_digit(text[k + 1]) &&
                       text.substr(i, k - i).find(':') != std::string_view::npos;
            };
            while (j < text.size() && (is_digit(text[j]) || text[j] == ':' || is_time_fraction(j))) ++j;
            std::string t(text.substr(i, j - i));
            char sign = (i > 0 && (text[i - 1] == '+' || text[i - 1] == '-')) ? text[i - 1] : 0;
            tokens.push_back({t.find(':') != std::string::npos ? Token::kTime : Token::kNumber, t, sign});
            i = j;
        } else if (is_alpha(c)) {
            std::size_t j = i;
            while (j < text.size() && is_alpha(text[j])) ++j;
            tokens.push_back({Token::kWord, lower(text.substr(i, j - i))});
            i = j;
        } else if (c == ' ' || c == ',' || c == '-' || c == '/' || c == '.' || c == '+' || c == '\t' || c == '(' ||
                   c == ')') {
            ++i;
        } else if (std::size_t n = unicode_space_length(text.substr(i))) {
            i += n;
        } else {
            return false;
        }
    }
    return true;
}

bool read_time(const std::string& t, Parts& p) {
    int h = -1, m = -1, s = 0;
    if (std::sscanf(t.c_str(), "%d:%d:%d", &h, &m, &s) < 2) return false;
    if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 60) return false;
    p.hour = h, p.minute = m, p.second = s > 59 ? 59 : s;
    p.has_time = true;
    return true;
}

/// Day/month/year from the numbers of a date without a month name.
bool read_numeric(const std::vector<std::string>& n, Parts& p) {
    auto num = [](const std::string& s) { return std::stoi(s); };
    if (n.size() == 1 && (n[0].size() == 8 || n[0].size() == 14)) {  // 20260122, 20260122101500
        p.year = num(n[0].substr(0, 4)), p.month = num(n[0].substr(4, 2)), p.day = num(n[0].substr(6, 2));
        if (n[0].size() == 14) return read_time(n[0].substr(8, 2) + ":" + n[0].substr(10, 2) + ":" + n[0].substr(12, 2), p);
        return true;
    }
    if (n.size() == 1 && n[0].size() == 6) {  // 202506 (a month, for range bounds)
        p.year = num(n[0].substr(0, 4)), p.month = num(n[0].substr(4, 2));
        return true;
    }
    if (n.size() == 1 && n[0].size() == 4) return (p.year = num(n[0])), true;
    if (n.size() == 2 && n[0].size() == 4 && n[1].size() <= 2) return (p.year = num(n[0]), p.month = num(n[1])), true;
    if (n.size() != 3 || n[1].size() > 2) return false;
    if (n[0].size() == 4 && n[2].size() <= 2) {  // 2026-01-22, 2026/01/22
        p.year = num(n[0]), p.month = num(n[1]), p.day = num(n[2]);
        return true;
    }
    if (n[2].size() != 4 || n[0].size() > 2) return false;
    // 22/01/2026 (day first) or 01/22/2026 (month first): only when it cannot be misread.
    int a = num(n[0]), b = num(n[1]);
    p.year = num(n[2]);
    if (a == b || (a > 12 && b <= 12)) return (p.day = a, p.month = b), true;
    if (b > 12 && a <= 12) return (p.day = b, p.month = a), true;
    return false;
}

/// Day and year around a month name: "Jan 22nd, 2026", "22 January 2026", "26-FEB-1987".
bool read_with_month(const std::vector<std::string>& n, Parts& p) {
    for (const auto& x : n) {
        if (x.size() == 4 && !p.year) p.year = std::stoi(x);
        else if (x.size() <= 2 && !p.day) p.day = std::stoi(x);
        else return false;
    }
    return p.year != 0;
}

/// Whether tokens[i] is a zone offset ("+0100", "-05:00", "+01"): signed and
/// right after the time of day. Offsets are dropped, the time is kept as written.
bool is_zone_offset(const std::vector<Token>& tokens, std::size_t i, std::size_t time_at) {
    const Token& t = tokens[i];
    return t.sign && i == time_at + 1 &&
           (t.kind == Token::kTime || t.text.size() == 2 || t.text.size() == 4);
}

/// "am"/"pm", also spelt "a.m."/"p.m." (two tokens): 'a' or 'p', else 0.
char meridiem(const std::vector<Token>& tokens, std::size_t& i) {
    const std::string& w = tokens[i].text;
    if (w == "am" || w == "pm") return w[0];
    if ((w == "a" || w == "p") && i + 1 < tokens.size() && tokens[i + 1].text == "m") return ++i, w[0];
    return 0;
}

bool read_parts(std::string_view text, Parts& p) {
    std::vector<Token> tokens;
    if (!tokenize(text, tokens) || tokens.empty()) return false;
    std::vector<std::string> numbers;
    constexpr std::size_t kNone = std::string::npos;
    std::size_t time_at = kNone;
    char half = 0;  // 'a' or 'p' for a 12-hour clock
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (time_at != kNone && is_zone_offset(tokens, i, time_at)) continue;
        if (t.kind == Token::kTime) {
            if (time_at != kNone || !read_time(t.text, p)) return false;
            time_at = i;
        } else if (t.kind == Token::kWord) {
            if (int m = month_number(t.text)) {
                if (p.month) return false;
                p.month = m;
            } else if (char h = meridiem(tokens, i)) {
                half = h;
            } else if (!is_ignorable_word(t.text)) {
                return false;
            }
        } else if (t.text.size() > 14) {
            return false;
        } else {
            numbers.push_back(t.text);
        }
    }
    if (half == 'p' && p.has_time && p.hour < 12) p.hour += 12;
    if (half == 'a' && p.has_time && p.hour == 12) p.hour = 0;
    return p.month ? read_with_month(numbers, p) : read_numeric(numbers, p);
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool valid(const Parts& p, bool need_day) {
    if (p.year < 1000 || p.year > 2999) return false;
    if (p.month == 0) return !need_day && p.day == 0;
    if (p.month < 1 || p.month > 12) return false;
    if (p.day == 0) return !need_day;
    return p.day >= 1 && p.day <= days_in_month(p.year, p.month);
}

std::string format(const Parts& p) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", p.year, p.month, p.day, p.hour, p.minute, p.second);
    return buf;
}

// --- Relative dates -----------------------------------------------------------

namespace chrono = std::chrono;

/// now() of this thread when a NowScope set it.
thread_local std::optional<std::string> t_now;

/// A run of whole days, both ends included.
struct Period {
    chrono::sys_days first, last;
};

/// The civil moment of a sortable date, read as if in UTC (both sides of a
/// comparison are in one zone); nullopt unless it is a valid "YYYYMMDDHHMMSS".
/// Read digit by digit: a fresh sort reads thousands of them per search.
std::optional<chrono::sys_seconds> moment_of(std::string_view sortable) {
    if (sortable.size() != 14) return std::nullopt;
    int digits[14];
    for (std::size_t i = 0; i < 14; ++i) {
        if (!is_digit(sortable[i])) return std::nullopt;
        digits[i] = sortable[i] - '0';
    }
    auto number = [&](std::size_t at, std::size_t n) {
        int value = 0;
        for (std::size_t i = at; i < at + n; ++i) value = value * 10 + digits[i];
        return value;
    };
    const chrono::year_month_day ymd{chrono::year(number(0, 4)), chrono::month(static_cast<unsigned>(number(4, 2))),
                                     chrono::day(static_cast<unsigned>(number(6, 2)))};
    const int h = number(8, 2), m = number(10, 2), s = number(12, 2);
    if (!ymd.ok() || h > 23 || m > 59 || s > 59) return std::nullopt;
    return chrono::sys_days(ymd) + chrono::hours(h) + chrono::minutes(m) + chrono::seconds(s);
}

std::optional<chrono::sys_days> day_of(std::string_view sortable) {
    auto moment = moment_of(sortable);
    if (!moment) return std::nullopt;
    return chrono::floor<chrono::days>(*moment);
}

Parts parts_of(chrono::sys_days day) {
    const chrono::year_month_day ymd(day);
    Parts p;
    p.year = static_cast<int>(ymd.year());
    p.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    p.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    return p;
}

/// @p day moved back @p n months (or years, with @p unit 'y'), the day of
/// the month kept where the month has it, else its last day.
chrono::sys_days months_before(chrono::sys_days day, int n) {
    const chrono::year_month_day ymd(day);
    const chrono::year_month month = chrono::year_month(ymd.year(), ymd.month()) - chrono::months(n);
    const chrono::year_month_day moved(month.year(), month.month(), ymd.day());
    if (moved.ok()) return moved;
    return chrono::year_month_day_last(month.year(), chrono::month_day_last(month.month()));
}

/// The day @p n units before @p today: 'd', 'w', 'm' or 'y'.
chrono::sys_days units_before(chrono::sys_days today, int n, char unit) {
    switch (unit) {
        case 'd': return today - chrono::days(n);
        case 'w': return today - chrono::days(7 * n);
        case 'm': return months_before(today, n);
        default: return months_before(today, 12 * n);
    }
}

/// "d", "day", "days" -> 'd' (and so for w, m, y); "" -> 0. Short letters
/// only where @p short_form, whole words only otherwise.
char unit_of(std::string_view word, bool short_form) {
    static const std::array<std::pair<char, const char*>, 4> kUnits = {
        {{'d', "day"}, {'w', "week"}, {'m', "month"}, {'y', "year"}}};
    for (const auto& [letter, name] : kUnits) {
        if (short_form && word.size() == 1 && word[0] == letter) return letter;
        if (!short_form && (word == name || word == std::string(name) + "s")) return letter;
    }
    return 0;
}

/// The number at the start of @p text (at most 5 digits), moved past; nullopt when none.
std::optional<int> leading_count(std::string_view& text) {
    std::size_t digits = 0;
    while (digits < text.size() && is_digit(text[digits])) ++digits;
    if (digits == 0 || digits > 5) return std::nullopt;
    int n = std::stoi(std::string(text.substr(0, digits)));
    text.remove_prefix(digits);
    return n;
}

/// "-7d" (a day) or "7d" and "last-7-days" (from that day to today).
std::optional<Period> counted_period(std::string_view text, chrono::sys_days today) {
    const bool signed_day = text.starts_with('-');
    const bool spelled = text.starts_with("last-");
    if (signed_day) text.remove_prefix(1);
    if (spelled) text.remove_prefix(5);
    auto n = leading_count(text);
    if (!n) return std::nullopt;
    if (spelled && !text.starts_with('-')) return std::nullopt;
    if (spelled) text.remove_prefix(1);
    const char unit = unit_of(text, !spelled);
    // Counts past the accepted years would overflow chrono::year.
    if (!unit || (unit == 'm' && *n > 12 * 3000) || (unit == 'y' && *n > 3000)) return std::nullopt;
    const chrono::sys_days day = units_before(today, *n, unit);
    if (signed_day) return Period{day, day};
    return Period{day, today};
}

/// this-week ... last-year: whole calendar weeks (Monday first), months, years.
std::optional<Period> calendar_period(std::string_view text, chrono::sys_days today) {
    const bool last = text.starts_with("last-");
    if (!last && !text.starts_with("this-")) return std::nullopt;
    text.remove_prefix(5);
    const chrono::year_month_day ymd(today);
    if (text == "week") {
        const chrono::sys_days monday = today - (chrono::weekday(today) - chrono::Monday) - chrono::weeks(last ? 1 : 0);
        return Period{monday, monday + chrono::days(6)};
    }
    if (text == "month") {
        const chrono::year_month month = chrono::year_month(ymd.year(), ymd.month()) - chrono::months(last ? 1 : 0);
        return Period{chrono::sys_days(month / 1), chrono::sys_days(month / chrono::last)};
    }
    if (text == "year") {
        const chrono::year year = ymd.year() - chrono::years(last ? 1 : 0);
        return Period{chrono::sys_days(year / 1 / 1), chrono::sys_days(year / 12 / 31)};
    }
    return std::nullopt;
}

/// The days a relative date (parse_bound()) stands for, counting from
/// @p today; nullopt when @p text is none, or falls outside the years parse() accepts.
std::optional<Period> relative_period(std::string_view text, chrono::sys_days today) {
    const std::string word = lower(text);
    std::optional<Period> period;
    if (word == "today") period = Period{today, today};
    else if (word == "yesterday") period = Period{today - chrono::days(1), today - chrono::days(1)};
    else if (!(period = calendar_period(word, today))) period = counted_period(word, today);
    if (!period) return std::nullopt;
    auto in_range = [](chrono::sys_days day) {
        const int year = static_cast<int>(chrono::year_month_day(day).year());
        return year >= 1000 && year <= 2999;
    };
    if (!in_range(period->first) || !in_range(period->last)) return std::nullopt;
    return period;
}

}  // namespace

std::optional<std::string> parse(std::string_view text) {
    Parts p;
    if (text.size() > 100 || !read_parts(text, p) || !valid(p, true)) return std::nullopt;
    return format(p);
}

std::optional<std::string> parse_bound(std::string_view text, Bound bound, std::string_view now) {
    Parts p;
    if (text.size() > 100) return std::nullopt;
    if (!read_parts(text, p) || !valid(p, false)) {
        auto today = day_of(now);
        auto period = today ? relative_period(text, *today) : std::nullopt;
        if (!period) return std::nullopt;
        p = bound == Bound::kStart ? parts_of(period->first) : parts_of(period->last);
    }
    const bool end = bound == Bound::kEnd;
    if (p.month == 0) p.month = end ? 12 : 1;
    if (p.day == 0) p.day = end ? days_in_month(p.year, p.month) : 1;
    if (!p.has_time && end) p.hour = 23, p.minute = 59, p.second = 59;
    return format(p);
}

std::optional<std::string> parse_bound(std::string_view text, Bound bound) { return parse_bound(text, bound, now()); }

std::string now() {
    if (t_now) return *t_now;
    std::time_t clock = std::time(nullptr);
    std::tm local{};
    localtime_r(&clock, &local);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &local);
    return buf;
}

NowScope::NowScope(std::string moment) : previous_(std::exchange(t_now, std::move(moment))) {}

NowScope::~NowScope() { t_now = std::move(previous_); }

std::optional<double> seconds_between(std::string_view from, std::string_view to) {
    auto a = seconds_since_epoch(from), b = seconds_since_epoch(to);
    if (!a || !b) return std::nullopt;
    return static_cast<double>(*b - *a);
}

std::string sortable_from_seconds(std::int64_t seconds) {
    const chrono::sys_seconds moment{chrono::seconds(seconds)};
    const chrono::sys_days day = chrono::floor<chrono::days>(moment);
    const chrono::hh_mm_ss time(moment - day);
    Parts p = parts_of(day);
    p.hour = static_cast<int>(time.hours().count());
    p.minute = static_cast<int>(time.minutes().count());
    p.second = static_cast<int>(time.seconds().count());
    return format(p);
}

std::optional<std::int64_t> seconds_since_epoch(std::string_view sortable) {
    auto moment = moment_of(sortable);
    if (!moment) return std::nullopt;
    return moment->time_since_epoch().count();
}

std::string iso_day(std::string_view s) {
    if (s.size() < 8) return "";
    return std::string(s.substr(0, 4)) + "-" + std::string(s.substr(4, 2)) + "-" + std::string(s.substr(6, 2));
}

bool has_time(std::string_view s) { return s.size() >= 14 && s.substr(8, 6) != "000000"; }

}  // namespace newsdesk::dates
