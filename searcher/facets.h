/** @file
 *  @brief Exact facet counts over a whole match set, gathered by match spies.
 *
 *  The match set comes from a second, unranked match (matching_ids): the
 *  ranked one stops at the page shown. A count over the whole database needs
 *  no match at all: it is read from term frequencies.
 */
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "database_reader.h"
#include "dictionary_cache.h"
#include "facet_column.h"
#include "schema.h"
#include "search.h"
#include "shards.h"

namespace newsdesk::search {

/// Records the document ids of a match. With check_at_least at least the
/// database size it sees every match; the counting is done afterwards, from
/// the value stream (count_matches), because reading a value
/// through the Document the spy is handed looks the value's chunk up in the
/// B-tree afresh for every document.
class MatchedDocs : public Xapian::MatchSpy {
  public:
    void operator()(const Xapian::Document& doc, double weight) override;

    /// The matches' ids, ascending.
    const std::vector<Xapian::docid>& ids();

  private:
    std::vector<Xapian::docid> ids_;
};

/// The ids of every document matching @p query, ascending: from its terms'
/// posting lists when it only joins terms with AND, OR, NOT and filters and
/// no time limit is wanted, else by an unranked match (BoolWeight, docid
/// order) whose spy sees every match. Scoring every match instead, to give
/// the ranked match exact counts, cost about as much as the rest of a search
/// (2.3M of 20M instructions for "oil" on Reuters).
/// @p complete, when given, is set to whether every match was found (a
/// time limit can stop the match first).
std::vector<Xapian::docid> matching_ids(const Xapian::Database& db, const Xapian::Query& query, double time_limit_seconds,
                                        bool* complete = nullptr);

/// Facet value -> number of documents carrying it.
using ValueCounts = std::unordered_map<std::string, Xapian::doccount>;

/// Day "YYYYMMDD" -> number of documents, in date order.
using DayCounts = std::map<std::string, Xapian::doccount>;

/// Documents per value id of one facet (index: the id; see facet_dictionary.h).
using IdCounts = std::vector<Xapian::doccount>;

/// Counts over a set of documents, from one pass along kFacetSummarySlot.
struct MatchCounts {
    std::vector<IdCounts> facets;  ///< per facet of schema::facet_fields(), in order
    DayCounts days;
};

/// Each facet's values (each once per document carrying it) and the
/// documents per publication day, over the documents @p ids (ascending).
/// @p dictionary is @p db's (its last ids tell damage from values). With
/// @p column (@p db's facets.column) the summaries are read from it rather
/// than from the value stream.
MatchCounts count_matches(const Xapian::Database& db, const std::vector<Xapian::docid>& ids,
                          const DictionaryCache& dictionary, const schema::FacetColumn* column = nullptr);

/// The counts over the matches of a query on a local database. Where they
/// are most of the database, the articles they leave out are read instead,
/// and their counts taken from the whole database's (term frequencies, as
/// a search of everything counts): "said" matches 72% of Reuters, whose
/// other 28% have the fewer summaries to read.
class LocalCounts {
  public:
    /// The matches of @p query (time_limit_for()'s @p time_limit_seconds) on
    /// @p db, whose dictionary is @p dictionary; both must outlive this.
    /// Facets of @p facet_limit values (0: all, which the articles left out
    /// would have to name value by value) are asked for.
    LocalCounts(const Xapian::Database& db, const Xapian::Query& query, double time_limit_seconds,
                const DictionaryCache& dictionary, unsigned facet_limit, const schema::FacetColumn* column = nullptr);

    Xapian::doccount total() const { return total_; }

    /// Whether document @p did is one of the matches.
    bool matches(Xapian::docid did) const;

    /// Facet @p name (one of schema::facet_fields()) over the matches, as
    /// id_facet() makes it.
    Facet facet(const std::string& name, unsigned limit) const;

    /// Matches per publication day.
    DayCounts days() const;

  private:
    const Xapian::Database* db_;
    const DictionaryCache* dictionary_;
    std::vector<Xapian::docid> ids_;  ///< the matches, or those left out (left_out_), ascending
    bool left_out_ = false;
    MatchCounts counts_;              ///< over ids_
    Xapian::doccount total_ = 0;
};

/// Counts over the matches in shards whose summaries' ids come from one
/// facet dictionary each (ShardGroup). Counted in spied_counts.cc.
struct SpiedCounts {
    struct Group {
        MatchCounts counts;
        const DictionaryCache* dictionary;  ///< the group's (ShardGroup::dictionary)
    };
    Xapian::doccount total = 0;  ///< matches in every group
    std::vector<Group> groups;
    /// Documents per day over every group.
    DayCounts days() const;
};

/// Counts over the matches of @p query in each of @p groups (remote shards):
/// Xapian's ValueCountMatchSpy on kFacetSummarySlot, which a stock
/// xapian-tcpsrv runs beside its shard, sends back each distinct summary
/// with its number of matches, and the summaries are split into their ids
/// here. Reading the values article by article over the network instead
/// cost 1.75 s for "said" over two shards on loopback.
/// The match carries the frequencies @p reader wants (DatabaseReader::carrying()).
SpiedCounts spy_counts(const std::vector<ShardGroup>& groups, const Xapian::Query& query, double time_limit_seconds,
                       DatabaseReader& reader);

/// A facet filter that a count over remote shards checks on the summaries
/// the servers send back, rather than in its match.
struct SummaryFilter {
    std::string facet;                ///< one of schema::facet_fields()
    std::vector<std::string> values;  ///< as the database has them; any one passes
};

/// The counts of a search whose facets are filtered, over remote shards:
/// its own counts, and each filtered facet's with its own filter off
/// (multi-select), from one match. A count per filtered facet was one more
/// match, each a round trip to every server.
struct MultiSelectCounts {
    SpiedCounts all;                  ///< the summaries passing every filter
    std::vector<SpiedCounts> without; ///< [i]: those passing every filter but the i-th
};

/// As spy_counts(), over the matches of @p query, which leaves out
/// @p filters: they are checked summary by summary. A summary holds an
/// article's every facet id, so that is the filter's match: the indexer
/// gives an article one term per id (count_values()).
MultiSelectCounts spy_multi_select(const std::vector<ShardGroup>& groups, const Xapian::Query& query,
                                   const std::vector<SummaryFilter>& filters, double time_limit_seconds,
                                   DatabaseReader& reader);

/// Facet @p name (at @p index of schema::facet_fields()) from @p spied, as
/// id_facet() makes it; over several dictionaries the values are merged by
/// value.
Facet spied_facet(const std::string& name, std::size_t index, const SpiedCounts& spied, unsigned limit);

/// Values of facet @p field over every document of @p db, from the term
/// frequencies of its boolean terms: the indexer gives a document one term
/// per distinct value it stores in the slot, so the counts are the same.
ValueCounts count_values(const Xapian::Database& db, const schema::Field& field);

/// Documents per publication day over all of @p db, from the frequencies of
/// its day terms (schema::prefix::kDay), which the indexer adds with the date.
DayCounts count_days(const Xapian::Database& db);

/// Facet @p name from @p counts: the @p limit most frequent values (0: all),
/// named and labelled from @p dictionary, most documents first and ties in
/// value order. Where more values tie at the cut than fit, the first in
/// value order are kept, as value_facet() and spied_facet() keep them: the
/// same values whichever database, shards or parts the articles are in.
Facet id_facet(const std::string& name, const IdCounts& counts, const DictionaryCache& dictionary, unsigned limit);

/// Facet @p name from @p counts by value (count_values): the @p limit most
/// frequent values (0: all), ties in value order, each labelled from the
/// first of @p dictionaries that has it.
Facet value_facet(const std::string& name, const ValueCounts& counts,
                  const std::vector<const DictionaryCache*>& dictionaries, unsigned limit);

/// The date facet: a chronological histogram whose buckets (year, month or
/// day) suit the span of @p days.
Facet date_facet(const DayCounts& days);

}  // namespace newsdesk::search
