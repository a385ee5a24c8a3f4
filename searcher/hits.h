/** @file
 *  @brief The hits of a match set, as SearchResult shows them.
 */
#pragma once

#include <xapian.h>

#include <vector>

#include "search.h"

namespace newsdesk::search {

/// @p stemmer, remembering its answers. A snippet stems every word it reads,
/// and news text repeats its words ("said", "mln", "the") within an article,
/// across the hits of a page and across searches; one English stem costs
/// about as much as reading a value chunk.
Xapian::Stem remembering(const Xapian::Stem& stemmer);

/// One Hit per document of @p mset: stored fields, and a snippet of about
/// @p snippet_length bytes of the body with the query's matches in <mark>.
/// @p stemmer must be the one the query was parsed with.
std::vector<Hit> make_hits(const Xapian::MSet& mset, const Xapian::Stem& stemmer, unsigned snippet_length);

}  // namespace newsdesk::search
