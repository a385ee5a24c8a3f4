/** @file
 *  @brief Article: what every reader produces and the indexer stores.
 */
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace newsdesk {

/// One value of a multi-valued facet: `value` is the stable, slugified key
/// (schema::slugify) used in terms, filters and URLs; `label` is for people.
struct FacetValue {
    std::string value;  ///< e.g. "james-baker", "west-germany", "ua-43"
    std::string label;  ///< e.g. "James Baker", "West Germany", "Georgia (US)"
    std::string parent{};  ///< the value this one counts for too: "ua" for Crimea's "ua-43"

    bool operator==(const FacetValue&) const = default;
};

/// A news article, as read from any input format. All text is valid UTF-8.
struct Article {
    std::string id;        ///< unique in the database; readers derive one stably if the input has none
    std::string title;
    std::string body;
    std::string date;      ///< "YYYYMMDDHHMMSS" (dates::parse), or "" when unknown
    std::string source;    ///< publication or agency, e.g. "Reuters"
    std::string url;
    std::string author;
    std::string section;   ///< e.g. "World"
    std::string language;  ///< ISO 639-1 code such as "en", or "" when unknown
    std::string dateline;  ///< place line of the story ("MOSCOW, Jan 22 -"), if the format has one

    std::vector<FacetValue> actors;   ///< people, organisations, groups
    std::vector<FacetValue> regions;  ///< countries, subdivisions, cities
    std::vector<FacetValue> topics;

    /// Whether the input format carried actor/region label fields for this
    /// article, even empty ones (Reuters PEOPLE/ORGS/PLACES; a JSON "actors"
    /// key; an Actors: header). With --entities=auto such labels are kept as
    /// they are and nothing is extracted for that facet.
    bool has_actor_labels = false;
    bool has_region_labels = false;

    /// Whether the title is the body's own first line (a Reuters UNPROC
    /// table, a record with no headline), so that the body already holds its
    /// words: they are not weighted again as a headline's would be.
    bool title_in_body = false;

    std::size_t line = 0;  ///< 1-based line in the input file where the article starts
};

}  // namespace newsdesk
