/** @file
 *  @brief Exact facet counts over a whole match set, gathered by match spies.
 *
 *  A spy sees every matching document when the match is run with
 *  check_at_least at least the database size, so the counts are exact. A
 *  count over the whole database needs no match at all: it is read from
 *  term frequencies.
 */
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "schema.h"
#include "search.h"

namespace newsdesk::search {

/// Records the document ids of a match. With check_at_least at least the
/// database size it sees every match; the counting is done afterwards, from
/// the value streams (count_values, count_days), because reading a value
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

/// Facet value -> number of documents carrying it.
using ValueCounts = std::unordered_map<std::string, Xapian::doccount>;

/// Day "YYYYMMDD" -> number of documents, in date order.
using DayCounts = std::map<std::string, Xapian::doccount>;

/// Values of the multi-valued facet in @p slot (schema::encode_values) over
/// the documents @p ids (ascending): each value once per document carrying it.
ValueCounts count_values(const Xapian::Database& db, Xapian::valueno slot, const std::vector<Xapian::docid>& ids);

/// Values of facet @p field over every document of @p db, from the term
/// frequencies of its boolean terms: the indexer gives a document one term
/// per distinct value it stores in the slot, so the counts are the same.
ValueCounts count_values(const Xapian::Database& db, const schema::Field& field);

/// Documents per publication day (kDateSlot) among @p ids (ascending).
DayCounts count_days(const Xapian::Database& db, const std::vector<Xapian::docid>& ids);

/// Documents per publication day over all of @p db, from the frequencies of
/// its day terms (schema::prefix::kDay), which the indexer adds with the date.
DayCounts count_days(const Xapian::Database& db);

/// Facet @p name from @p counts: the @p limit most frequent values (0: all),
/// ties in value order, labelled from @p db's metadata.
Facet value_facet(const std::string& name, const ValueCounts& counts, const Xapian::Database& db, unsigned limit);

/// The date facet: a chronological histogram whose buckets (year, month or
/// day) suit the span of @p days.
Facet date_facet(const DayCounts& days);

}  // namespace newsdesk::search
