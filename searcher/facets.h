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

    const std::unordered_map<std::string, Xapian::doccount>& counts() const { return counts_; }

  private:
    Xapian::valueno slot_;
    std::unordered_map<std::string, Xapian::doccount> counts_;
};

/// Counts documents per publication day ("YYYYMMDD") from kDateSlot.
class DaySpy : public Xapian::MatchSpy {
  public:
    void operator()(const Xapian::Document& doc, double weight) override;

    const std::map<std::string, Xapian::doccount>& counts() const { return counts_; }

  private:
    std::map<std::string, Xapian::doccount> counts_;
};

/// Facet @p name from @p spy's counts: the @p limit most frequent values
/// (0: all), ties in value order, labelled from @p db's metadata.
Facet value_facet(const std::string& name, const FacetValueSpy& spy, const Xapian::Database& db, unsigned limit);

/// The date facet: a chronological histogram whose buckets (year, month or
/// day) suit the span of the days in @p spy.
Facet date_facet(const DaySpy& spy);

}  // namespace newsdesk::search
