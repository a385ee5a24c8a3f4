/** @file
 *  @brief Sort::kFresh: relevance multiplied by a decay for age.
 *
 *  An article's fresh score is its relevance (news_weight(), as Sort::kRelevance
 *  ranks it) times 0.5^(age / half-life), Elasticsearch's exp decay function
 *  with scale = half-life, decay 0.5 and no offset. Xapian adds the weights
 *  of a query's parts up, and neither a Weight (which never sees a document's
 *  values) nor a PostingSource (whose weight is added) can multiply a score
 *  by a factor of the document, so fresh_page() ranks by relevance and then
 *  re-ranks, exactly: see its comment.
 */
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "hits.h"
#include "newest.h"
#include "search.h"

namespace newsdesk::search {

/// 0.5^(@p age_days / @p half_life_days): 1 at age 0, 0.5 at one half-life.
double decay_factor(double age_days, double half_life_days);

/// The decay of an article dated @p date (sortable) as of @p now (sortable).
/// The age is the distance between the two either way, as Elasticsearch
/// measures it, so that an article misdated into the future gains nothing;
/// an undated article's factor is 0 (it follows every dated one).
Decay decay_of(std::string_view date, std::string_view now, double half_life_days);

/// Candidates read per hit wanted in the first match, and at least; most read by one match.
inline constexpr Xapian::doccount kFreshDepthPerHit = 3;
inline constexpr Xapian::doccount kFreshMinimumDepth = 30;
inline constexpr Xapian::doccount kFreshMaximumCandidates = 20000;

/// Hits [@p offset, @p offset + @p limit) of @p enquire's query (set up to
/// rank by relevance) ordered by relevance times decay_of() at @p now, ties
/// broken by date, newest first. A query that weighs nothing (filters alone)
/// lists the newest first, as @p listing says (newest_page()). Each listed
/// hit has its decay. Changes @p enquire's sort order and cutoff.
RankedPage fresh_page(Xapian::Enquire& enquire, const NewestListing& listing, unsigned offset, unsigned limit,
                      const std::string& now, double half_life_days);

}  // namespace newsdesk::search
