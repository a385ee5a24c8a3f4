/** @file
 *  @brief A SearchRequest as Xapian queries: the user's query and the filters.
 *
 *  The filters are kept apart from the query so that the facet counts can
 *  leave one facet's own filter out (multi-select faceting).
 */
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis.h"
#include "database_reader.h"
#include "search.h"

namespace newsdesk::search {

/// Parse @p text against @p db (MatchAll for an empty query), joining plain
/// words with @p default_op (OP_AND: every word; OP_OR: any word), for the
/// languages @p chosen (ISO 639-1), or when none are, those most of @p db's
/// articles are in (@p languages, analysis::read_languages()).
/// @throws UsageError (one line, "malformed query: ...") when @p text is malformed.
Xapian::Query parse_query(const Xapian::Database& db, const analysis::Languages& languages, const std::string& text,
                          Xapian::Query::op default_op = Xapian::Query::OP_AND,
                          const std::vector<std::string>& chosen = {});
/// As above, reading @p db's languages first.
Xapian::Query parse_query(const Xapian::Database& db, const std::string& text,
                          Xapian::Query::op default_op = Xapian::Query::OP_AND,
                          const std::vector<std::string>& chosen = {});

/// The words of @p text as indexed with positions (unstemmed), in the order
/// typed, stopwords left out; empty unless @p text is plain words only (no
/// operator, phrase, field or wildcard).
std::vector<std::string> plain_words(const Xapian::Database& db, const analysis::Languages& languages,
                                     const std::string& text);

/// The spelling-corrected form of @p text (already accepted by parse_query),
/// "" when @p db's spelling data suggests nothing or knows every plain word
/// of @p text. Costly when it corrects (an edit-distance search per word), so
/// the searcher asks only when a query finds little.
std::string spelling_correction(const Xapian::Database& db, const analysis::Languages& languages,
                                const std::string& text);

/// Postings a search may read before it is worth a time limit (time_limit_for).
inline constexpr std::uint64_t kPostingsWorthATimeLimit = 100000;
/// Postings a count on a local database may read before it is worth a time
/// limit: read whole from posting lists (matching_ids()), a posting costs
/// about a fifteenth of a match by Xapian's matcher, so a million take about
/// 10 ms. 'said' at ten times Reuters (154k postings) was counted by the
/// matcher, under a limit: 23 -> 18 ms.
inline constexpr std::uint64_t kPostingsWorthACountLimit = 1000000;

/// The time limit to give Xapian for @p query: @p requested, or 0 when the
/// query cannot read more than @p postings_worth_a_limit postings. Xapian's
/// limit starts a timer thread, which cost a CGI request 0.7 ms of its 6,
/// while reading 100,000 postings takes a small fraction of any sensible
/// limit. The bound adds up the query's terms' frequencies (eight times for
/// phrase and NEAR, which read positions too) and the database size for a
/// value range or match-all; a wildcard or posting source has no bound, and
/// over remote shards neither has a term whose frequency no match brought
/// yet (DatabaseReader::known_termfreq()): asking costs more than the timer.
double time_limit_for(DatabaseReader& reader, const Xapian::Query& query, double requested,
                      std::uint64_t postings_worth_a_limit = kPostingsWorthATimeLimit);

/// The request's filters: per facet, its values ORed; the date range.
class Filters {
  public:
    /// Each facet value is resolved in @p db (schema::resolve_facet_value):
    /// "Ukraine", "UA" and "ua" filter alike.
    /// @throws UsageError for an unknown facet name or a bad date.
    Filters(const Xapian::Database& db, const SearchRequest& request);

    /// The facet filters with every value as the database has it ("ua").
    const std::map<std::string, std::vector<std::string>>& values() const { return values_; }

    /// The languages filtered on (ISO 639-1), the query's to be analysed for.
    std::vector<std::string> languages() const {
        auto it = values_.find("language");
        return it == values_.end() ? std::vector<std::string>{} : it->second;
    }

    /// Whether a filter on @p facet is active.
    bool has(std::string_view facet) const { return facets_.count(std::string(facet)) > 0; }

    /// Whether any filter but the one on facet @p except is active.
    bool restricts(std::string_view except = {}) const;

    /// @p query restricted by every filter except the one on facet @p except.
    Xapian::Query apply(const Xapian::Query& query, std::string_view except = {}) const;
    /// @p query restricted by every filter except those on the facets @p except.
    Xapian::Query apply(const Xapian::Query& query, const std::vector<std::string>& except) const;

    /// The date bounds as resolved (dates::parse_bound, relative dates
    /// against dates::now()): sortable, "" where open.
    const std::string& from() const { return from_; }
    const std::string& to() const { return to_; }

  private:
    std::map<std::string, Xapian::Query> facets_;
    std::map<std::string, std::vector<std::string>> values_;
    std::string from_, to_;
    Xapian::Query dates_;  ///< empty when no --from/--to
};

}  // namespace newsdesk::search
