/** @file
 *  @brief The search page's request: QUERY_STRING in, validated parameters out.
 *
 *  Everything a browser (or an attacker) sends arrives here first. Decoding is
 *  strict: a malformed %-escape, invalid UTF-8, a control character, an
 *  oversized value or an absurd number is a UsageError, which the page turns
 *  into a friendly 400. The database is never chosen by a request parameter:
 *  see database_path().
 */
#pragma once

#include <cstddef>
#include <istream>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search.h"

namespace newsdesk::cgi {

inline constexpr std::size_t kMaxQueryBytes = 500;          ///< longest q
inline constexpr std::size_t kMaxValueBytes = 200;          ///< longest actor/region/topic/from/to/id value
inline constexpr std::size_t kMaxValuesPerFacet = 20;       ///< most filters on one facet
inline constexpr std::size_t kMaxQueryStringBytes = 8192;  ///< longest QUERY_STRING
inline constexpr unsigned kMaxPage = 1000;
inline constexpr unsigned kPageSize = 10;
/// Entries in a feed (format=atom): its newest matches.
inline constexpr unsigned kFeedSize = 20;
/// Facet values a facet lists at most: the top 10 shown, the rest behind <details>.
inline constexpr unsigned kFacetValuesListed = 100;
/// Longest a search may run for one request; then it shows what it found.
inline constexpr double kQueryTimeLimitSeconds = 2.0;

/// The facets a request can filter on, in display order.
inline const std::vector<std::string> kFilterFacets = {"actor", "region", "topic", "language"};

/// Percent-decode one query-string component; '+' is a space.
/// @throws UsageError for a malformed %-escape or invalid UTF-8.
std::string url_decode(std::string_view text);

/// Split @p query_string at '&' (and ';') and decode each name and value, in order.
/// Empty pieces ("a&&b") are skipped. @throws UsageError as url_decode().
std::vector<std::pair<std::string, std::string>> parse_query_string(std::string_view query_string);

/// The page's parameters, validated. to_query_string() writes them back.
struct PageParams {
    std::string q;
    std::map<std::string, std::vector<std::string>> filters;  ///< facet -> values, in request order
    std::string from, to;    ///< as the user wrote them ("" = open)
    std::string sort = "relevance";
    std::string half_life;   ///< half_life=7d: sort=fresh's half-life, as written ("" = the default)
    std::string match = "auto";  ///< match=all|any|auto (search::Match)
    unsigned page = 1;       ///< 1-based
    bool json = false;       ///< format=json: the searcher's JSON contract
    bool atom = false;       ///< format=atom: the search as an Atom feed, newest first
    bool explain = false;    ///< explain=1: each JSON hit says how its score is made up
    bool collapse = true;    ///< collapse=0: every article, not one hit per story (search::SearchRequest::collapse)
    std::string article_id;  ///< id=...: show one article instead of results

    bool has_filter(const std::string& facet, const std::string& value) const;
    /// Any facet or date filter active.
    bool filtered() const;
};

/// Parse and validate @p query_string (the CGI QUERY_STRING).
/// Unknown parameters are ignored; a single-valued parameter given twice keeps the last.
/// @throws UsageError naming the parameter and what is wrong.
PageParams parse_params(std::string_view query_string);

/// The search library's request for @p params: page size kPageSize, facets
/// actor, region, topic, date, and the per-query time limit; for a feed
/// (atom) its kFeedSize newest matches and no facets. Relative dates and
/// sort=fresh count from @p now (a sortable date, "" for the clock).
search::SearchRequest to_search_request(const PageParams& params, const std::string& now = "");

/// The search of @p params as a page of its own: its query, filters, dates
/// and matching, nothing of the view (page, sort, format): "?q=...".
std::string search_query_string(const PageParams& params);

/// The link to the feed of @p params' search: search_query_string() and
/// format=atom ("?q=...&format=atom").
std::string feed_query_string(const PageParams& params);

/// The quick date filters beside the histogram, as (from, label): "Past
/// day" is from=-1d (yesterday and today), and so on.
inline const std::vector<std::pair<std::string, std::string>> kRecentPeriods = {
    {"-1d", "Past day"}, {"-7d", "Past week"}, {"-1m", "Past month"}, {"-1y", "Past year"}};

/// "?q=...&region=..." for @p params (defaults left out; "?" alone when all are default).
/// Every name and value is percent-encoded, so the result is safe in an href after
/// HTML-attribute escaping of '&'.
std::string to_query_string(const PageParams& params);

/// A query string with a hole for one percent-encoded value: before + value + after.
struct QueryStringAround {
    std::string before, after;
};

/// to_query_string() of @p params with one more value of facet @p facet's
/// filter, from page 1, around that value: a sidebar links to up to a hundred
/// values of a facet, and building each of those links whole (a copy of the
/// parameters, then the whole query string) took twice as long.
QueryStringAround added_filter_query_string(const PageParams& params, const std::string& facet);

/// The `db = /path` line of a config file (`#` comments, blank lines allowed),
/// or "" when there is none.
std::string database_from_config(std::istream& config);

/// The database to search: @p env_value (NEWSDESK_DB) when set and non-empty,
/// else the `db =` line of @p config_path. "" when neither names one.
std::string database_path(const char* env_value, const std::string& config_path = "/etc/newsdesk.conf");

}  // namespace newsdesk::cgi
