/** @file
 *  @brief Newest first, reading the dates of the newest months' matches only.
 *
 *  Xapian sorts a match by date by reading the date of every article it
 *  matches: 20 ms for the whole of ten times Reuters (216k articles), which
 *  a search without words lists newest first, and 100 ms at a million. Every
 *  dated article has its month's term (schema::prefix::kMonth), so the page
 *  is looked for among the matches of the newest month, then of the newest
 *  4, 16, ... months, until they hold enough: only their dates are read,
 *  and what they list first is what the whole match lists first.
 */
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "hits.h"

namespace newsdesk::search {

/// The month terms of @p db ("M" + "YYYYMM"), oldest first.
std::vector<std::string> month_terms(const Xapian::Database& db);

/// What listing newest first needs besides the Enquire.
struct NewestListing {
    const Xapian::Database& db;
    /// month_terms() of db; none over remote shards, whose servers each
    /// sort their own part, so that the whole match is sorted.
    const std::vector<std::string>& months;
    /// The slot the Enquire collapses on, or Xapian::BAD_VALUENO.
    Xapian::valueno collapse_key = Xapian::BAD_VALUENO;
    /// Whether the totals come from the page's match, and must be exact as
    /// a sort of all of it makes them; else (a count gives them) Xapian's
    /// estimates do.
    bool exact_totals = true;
};

/// Hits [@p offset, @p offset + @p limit) of @p enquire's query newest
/// first, equal dates by relevance, as
/// Enquire::set_sort_by_value_then_relevance(kDateSlot, true) lists them.
/// The page's ranked match holds the whole query's totals (@p listing says
/// how exact). Leaves @p enquire sorting by date.
RankedPage newest_page(Xapian::Enquire& enquire, const NewestListing& listing, unsigned offset, unsigned limit);

}  // namespace newsdesk::search
