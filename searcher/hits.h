/** @file
 *  @brief The hits of a match set, as SearchResult shows them.
 */
#pragma once

#include <xapian.h>

#include <optional>
#include <vector>

#include "database_reader.h"
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

/// A hit to list: the match set it is in and where, the score it is listed
/// by (its weight, or Sort::kFresh's score) and its decay (Sort::kFresh).
struct Listed {
    Xapian::MSet mset;  ///< for its snippet
    Xapian::MSetIterator at;
    double score = 0;
    std::optional<Decay> decay;
};

/// A page of hits and the match they were ranked from.
struct RankedPage {
    /// The ranked match: its estimates are the ranked list's.
    Xapian::MSet ranked;
    std::vector<Listed> listed;  ///< the hits of the page, in order
};

/// Every document of @p mset, as listed by Xapian.
std::vector<Listed> listed_in_order(const Xapian::MSet& mset);

/// One Hit per document of @p listed, ranked from
/// @p first_rank on: stored fields, and a snippet of about
/// @p snippet_length bytes of the body with the query's matches in <mark>.
/// @p stemmer comes from snippet_stemmer(); documents @p reader keeps are
/// not read again.
std::vector<Hit> make_hits(DatabaseReader& reader, const std::vector<Listed>& listed, unsigned first_rank,
                           const Xapian::Stem& stemmer, unsigned snippet_length);

/// Each hit's story cluster and how many other articles it has
/// (Hit::cluster, Hit::similar), from the frequencies of the cluster terms
/// of the keys make_hits() read; a story of one article is not named.
void add_stories(DatabaseReader& reader, std::vector<Hit>& hits);

/// The cluster terms add_stories() looks up for @p hits.
std::vector<std::string> story_terms(const std::vector<Hit>& hits);

}  // namespace newsdesk::search
