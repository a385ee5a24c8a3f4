/** @file
 *  @brief SearchResult -> text, JSON, JSON Lines or TSV. Output only.
 *
 *  The JSON names are a contract other tools depend on (README, issue 3):
 *  to_json() is the single place they are spelled.
 */
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <string_view>

#include "search.h"

namespace newsdesk::search {

enum class Format {
    kText,   ///< for people at a terminal
    kJson,   ///< one JSON object: totals, results and facets (to_json)
    kJsonl,  ///< one JSON object per result (hit_to_json), nothing else
    kTsv,    ///< a header row, then one row per result
    kAtom,   ///< an Atom 1.0 feed (RFC 4287) of the results (render_atom)
};

/// "text", "json", "jsonl", "tsv", "atom". @throws UsageError for anything else.
Format parse_format(const std::string& name);

/// "1987-10-20T23:59:59" from a sortable date; "" when it is not one.
std::string iso_moment(std::string_view sortable);

/// What an Atom feed of a search says of itself beyond the results.
struct FeedInfo {
    /// The feed's own address (link rel="self"), "" for none: the search
    /// page's feed URL, or where newsdesk-search --feed-url says it is served.
    std::string self;
    /// The search as a web page (link rel="alternate" type="text/html"), "" for none.
    std::string alternate;
    /// An entry whose article has no web URL links here with "id=<id>"
    /// appended (the page's article view, "https://host/news?id="); "" for
    /// none: such an entry then carries its snippet as content.
    std::string article_link_prefix;
    /// The search's parameters, stable across runs ("q=sabotage&region=ua",
    /// feed_query()): the end of the feed's id.
    std::string query;
    std::string title;  ///< "" for one made from the query
};

/// The parameters of @p request that choose its articles (query, filters,
/// dates, matching), as a percent-encoded query string in a fixed order with
/// the search page's names: the same search gives the same string.
std::string feed_query(const SearchRequest& request);

/// @p result as an Atom 1.0 feed (RFC 4287): the feed's id is a tag: URI
/// of @p info.query, its updated time the newest entry's date; each entry's
/// id a tag: URI of the article's id (stable across reindexing), its title
/// and summary (the snippet, type="html") escaped for XML.
void render_atom(const SearchResult& result, const FeedInfo& info, std::ostream& out);

/// The whole result, in the JSON contract.
nlohmann::json to_json(const SearchResult& result);

/// One result, as it appears in to_json()'s "results".
nlohmann::json hit_to_json(const Hit& hit);

/// Write @p result to @p out in @p format. @p color: ANSI highlighting in
/// kText (for a terminal). kAtom gets a FeedInfo of the result's own search
/// alone (no links): use render_atom() to give one.
void render(const SearchResult& result, Format format, std::ostream& out, bool color = false);

/// kText output.
void render_text(const SearchResult& result, std::ostream& out, bool color);

/// A snippet as plain text: <mark> tags removed, HTML entities decoded.
/// With @p mark_on / @p mark_off, matches are wrapped in those instead.
std::string plain_snippet(const std::string& snippet, const std::string& mark_on = "",
                          const std::string& mark_off = "");

}  // namespace newsdesk::search
