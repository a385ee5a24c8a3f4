/** @file
 *  @brief The hits of a match set, as SearchResult shows them.
 */
#pragma once

#include <xapian.h>

#include <vector>

#include "search.h"

namespace newsdesk::search {

/// One Hit per document of @p mset: stored fields, and a snippet of about
/// @p snippet_length bytes of the body with the query's matches in <mark>.
/// @p stemmer must be the one the query was parsed with.
std::vector<Hit> make_hits(const Xapian::MSet& mset, const Xapian::Stem& stemmer, unsigned snippet_length);

}  // namespace newsdesk::search
