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

/// The stemmer for the snippets of hits: @p stemmer (the one @p query was
/// parsed with), giving a word its stem only when that is a stemmed term of
/// @p query (the user's words: feedback words, which the ranked query also
/// holds, are not highlighted). With @p keeps_first_letter
/// (analysis::stemming_keeps_first_letter) only the words that begin like
/// such a term are stemmed at all: MSet::snippet uses a word's stem for
/// nothing else, and most words of a snippet then need no stemming.
Xapian::Stem snippet_stemmer(const Xapian::Stem& stemmer, bool keeps_first_letter, const Xapian::Query& query);

/// One Hit per document of @p mset: stored fields, and a snippet of about
/// @p snippet_length bytes of the body with the query's matches in <mark>.
/// @p stemmer comes from snippet_stemmer().
std::vector<Hit> make_hits(const Xapian::MSet& mset, const Xapian::Stem& stemmer, unsigned snippet_length);

}  // namespace newsdesk::search
