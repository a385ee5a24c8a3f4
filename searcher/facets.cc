#include "facets.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <vector>

#include "schema.h"

namespace newsdesk::search {

namespace {

enum class Bucket { kYear, kMonth, kDay };

int number(const std::string& digits, std::size_t pos, std::size_t len) {
    return std::stoi(digits.substr(pos, len));
}

std::chrono::year_month_day to_date(const std::string& yyyymmdd) {
    using namespace std::chrono;
    return year_month_day(year(number(yyyymmdd, 0, 4)), month(static_cast<unsigned>(number(yyyymmdd, 4, 2))),
                          day(static_cast<unsigned>(number(yyyymmdd, 6, 2))));
}

std::chrono::sys_days to_days(const std::string& yyyymmdd) { return std::chrono::sys_days(to_date(yyyymmdd)); }

/// Wide spans get coarse buckets, so a histogram has a readable number of
/// bars: over 3 years by year (one bar per year), over 3 months by month
/// (at most 36 bars), else by day (at most 92).
Bucket bucket_for(const std::string& first, const std::string& last) {
    auto span = (to_days(last) - to_days(first)).count();
    if (span > 3 * 366) return Bucket::kYear;
    if (span > 92) return Bucket::kMonth;
    return Bucket::kDay;
}

/// "1987", "1987-03", "1987-03-02" for the bucket holding day @p yyyymmdd.
std::string bucket_value(const std::string& yyyymmdd, Bucket bucket) {
    std::string value = yyyymmdd.substr(0, 4);
    if (bucket == Bucket::kYear) return value;
    value += "-" + yyyymmdd.substr(4, 2);
    if (bucket == Bucket::kMonth) return value;
    return value + "-" + yyyymmdd.substr(6, 2);
}

/// "1987", "March 1987", "2 March 1987".
std::string bucket_label(const std::string& value) {
    static const std::array<const char*, 12> months = {"January", "February", "March",     "April",   "May",      "June",
                                                       "July",    "August",   "September", "October", "November", "December"};
    if (value.size() == 4) return value;
    std::string label = std::string(months[number(value, 5, 2) - 1]) + " " + value.substr(0, 4);
    if (value.size() == 7) return label;
    return std::to_string(number(value, 8, 2)) + " " + label;
}

bool is_day(const std::string& text) {
    return text.size() == 8 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
           to_date(text).ok();
}

}  // namespace

void FacetValueSpy::operator()(const Xapian::Document& doc, double) {
    ++combinations_[doc.get_value(slot_)];
}

std::unordered_map<std::string, Xapian::doccount> FacetValueSpy::counts() const {
    std::unordered_map<std::string, Xapian::doccount> counts;
    for (const auto& [encoded, count] : combinations_) {
        const Xapian::doccount documents = count;  // clang 14 cannot capture a structured binding
        // The indexer stores each value once per document; a repeated value
        // in a hand-made database must still count once.
        std::vector<std::string_view> seen;
        schema::for_each_value(encoded, [&](std::string_view value) {
            if (value.empty() || std::find(seen.begin(), seen.end(), value) != seen.end()) return;
            seen.push_back(value);
            counts[std::string(value)] += documents;
        });
    }
    return counts;
}

void DaySpy::operator()(const Xapian::Document& doc, double) {
    std::string date = doc.get_value(schema::kDateSlot);
    if (date.size() < 8) return;
    date.resize(8);
    ++days_[date];
}

Facet value_facet(const std::string& name, const FacetValueSpy& spy, const Xapian::Database& db, unsigned limit) {
    auto counts = spy.counts();
    std::vector<std::pair<std::string, Xapian::doccount>> ranked(counts.begin(), counts.end());
    auto by_count = [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; };
    std::size_t keep = limit == 0 ? ranked.size() : std::min<std::size_t>(limit, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(), by_count);
    Facet facet{name, {}};
    for (std::size_t i = 0; i < keep; ++i) {
        const auto& [value, count] = ranked[i];
        std::string label = db.get_metadata(schema::label_key(name, value));
        facet.values.push_back({value, label.empty() ? value : label, count});
    }
    return facet;
}

Facet date_facet(const DaySpy& spy) {
    Facet facet{std::string(schema::kDateFacet), {}};
    std::vector<std::pair<std::string, Xapian::doccount>> days;
    for (const auto& day : spy.counts())
        if (is_day(day.first)) days.push_back(day);
    if (days.empty()) return facet;
    Bucket bucket = bucket_for(days.front().first, days.back().first);
    for (const auto& [day, count] : days) {
        std::string value = bucket_value(day, bucket);
        if (facet.values.empty() || facet.values.back().value != value)
            facet.values.push_back({value, bucket_label(value), 0});
        facet.values.back().count += count;
    }
    return facet;
}

}  // namespace newsdesk::search
