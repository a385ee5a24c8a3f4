/** @file
 *  @brief Exact facet counts over a whole match set, gathered by match spies.
 *
 *  A spy sees every matching document when the match is run with
 *  check_at_least at least the database size, so the counts are exact.
 */
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <unordered_map>

#include "search.h"

namespace newsdesk::search {

/// Counts the values of a multi-valued facet slot (schema::encode_values):
/// each value once per document that carries it.
class FacetValueSpy : public Xapian::MatchSpy {
  public:
    explicit FacetValueSpy(Xapian::valueno slot) : slot_(slot) {}
    void operator()(const Xapian::Document& doc, double weight) override;

    /// Value -> number of documents carrying it.
    std::unordered_map<std::string, Xapian::doccount> counts() const;

  private:
    Xapian::valueno slot_;
    /// Documents per distinct encoded slot: far fewer than documents (most
    /// share a combination such as "usa"), so the match does one lookup per
    /// document and the values are split only once each, in counts().
    std::unordered_map<std::string, Xapian::doccount> combinations_;
};

/// Counts documents per publication day ("YYYYMMDD") from kDateSlot.
class DaySpy : public Xapian::MatchSpy {
  public:
    void operator()(const Xapian::Document& doc, double weight) override;

    /// Day -> documents, in date order.
    std::map<std::string, Xapian::doccount> counts() const { return {days_.begin(), days_.end()}; }

  private:
    std::unordered_map<std::string, Xapian::doccount> days_;  // hashing beats ordering per document
};

/// Facet @p name from @p spy's counts: the @p limit most frequent values
/// (0: all), ties in value order, labelled from @p db's metadata.
Facet value_facet(const std::string& name, const FacetValueSpy& spy, const Xapian::Database& db, unsigned limit);

/// The date facet: a chronological histogram whose buckets (year, month or
/// day) suit the span of the days in @p spy.
Facet date_facet(const DaySpy& spy);

}  // namespace newsdesk::search
