/** @file
 *  @brief How a ranked search scores an article.
 *
 *  BM25 with a bonus per query word an article contains (news_weight), plus,
 *  for Match::kAuto, a bonus for query words that stand close together
 *  (proximity_query) and words that the best first matches share
 *  (feedback_query: pseudo-relevance feedback). One formula serves the match
 *  and the explanation of a hit (explain()), so that what --explain prints
 *  adds up to the score the article was ranked by.
 *
 *  Every constant here was chosen on scripts/bench/ranking_bench.py's three
 *  evaluations together (Reuters topic queries, plain-language questions,
 *  known items); the README has the figures.
 */
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis.h"
#include "database_reader.h"
#include "search.h"

namespace newsdesk::search {

/// The coverage bonus of Match::kAuto and kAll, per unit of a word's idf.
/// A bonus that puts every article with all the words first (1000) finds
/// known items best (MAP 0.82) but costs plain-language questions a quarter
/// of their MAP (0.28 against 0.39): their relevant articles rarely hold
/// every word of the question. 0.1 keeps the questions and lifts known items.
inline constexpr double kCoverage = 0.1;

/// Proximity: each pair of query words next to each other in the query adds
/// this share of their weight where they stand within kProximityWindow
/// positions of each other. Known items gain most (MAP 0.77 -> 0.86 at
/// 0.25); more than 0.25 starts to cost the topic queries.
inline constexpr double kProximityWeight = 0.15;
inline constexpr Xapian::termcount kProximityWindow = 8;
/// A pair of words each in more than this share of the articles, and in
/// more than kProximityCommonArticles, gets no proximity bonus: checking
/// positions over the thousands of articles two such words share was most
/// of the slowest searches' time (p99 9 -> 6 ms on Reuters), for a little
/// of the known-item gain (MAP 0.82 -> 0.81). Below that count the check is
/// cheap whatever the share.
inline constexpr double kProximityCommonShare = 0.03;
inline constexpr Xapian::doccount kProximityCommonArticles = 500;

/// Pseudo-relevance feedback: of the words that at least
/// kFeedbackMinimumShared of the first kFeedbackDocuments matches share,
/// the kFeedbackTerms that best set those matches apart from the rest of the
/// index (Robertson's offer weight, as Rocchio or RM3 expansion does) are
/// added to the query at up to kFeedbackWeight of a query word's weight.
/// Topic queries gained 0.476 -> 0.53 MAP and questions 0.389 -> 0.41;
/// known items lose a little (an item's own words matter more than its
/// neighbours'), which proximity more than makes up. 7 words shared by 3
/// rank as well as 10 shared by 2 and take a third less time.
inline constexpr Xapian::doccount kFeedbackDocuments = 10;
inline constexpr Xapian::doccount kFeedbackMinimumShared = 3;
inline constexpr Xapian::termcount kFeedbackTerms = 7;
inline constexpr double kFeedbackWeight = 0.2;
/// Feedback needs more matches than it reads: where the query's words match
/// only a few articles, the best of them are all of them, and what they
/// share says nothing about what the user is after.
inline constexpr Xapian::doccount kFeedbackMinimumMatches = 3 * kFeedbackDocuments;
/// Nor does feedback follow a query whose every word is in more than this
/// share of the articles. Robertson and Spärck Jones's relevance weight,
/// BM25's own idf, is below zero there: such a word tells the articles
/// about a topic from the others no better than chance, and its best
/// matches are simply the short articles that repeat it. What they share
/// is noise ('said' at ten times Reuters drew glantz, ron, lucki and
/// montgomeri), and finding them was a quarter of the slowest searches'
/// time.
inline constexpr double kFeedbackCommonShare = 0.5;

/// The parameters of news_weight(). BM25's defaults are Xapian's (k1 1, b 0.5,
/// lengths below half the average scored as half): they beat Lucene's k1
/// 1.2 and b 0.75 on topic queries (MAP 0.476 against 0.457) and tie on the
/// other evaluations.
struct WeightParams {
    double k1 = 1.0;          ///< BM25's term-frequency saturation
    double b = 0.5;           ///< BM25's document-length normalisation
    double min_normlen = 0.5; ///< shortest length, relative to the average, a document is scored as
    /// Score a document earns for containing a query word, per unit of the
    /// word's idf: the coverage bonus. 0 is plain BM25.
    double coverage = 0;
};

/// The parameters of a match in @p mode.
WeightParams weight_params(Match mode);

/// One query term's share of a document's score.
struct TermScore {
    double idf = 0;
    double bm25 = 0;
    double coverage = 0;
    double total() const { return bm25 + coverage; }
};

/// The score term @p wdf times in a document of @p doclen, when the term is
/// in @p termfreq of @p doccount documents averaging @p avlength, with query
/// factor @p factor (its query frequency times any scaling).
TermScore term_score(const WeightParams& params, double factor, Xapian::termcount wdf, Xapian::termcount doclen,
                     Xapian::doccount termfreq, Xapian::doccount doccount, double avlength);

/// The weighting of a ranked match: BM25 whose every matching query term
/// also adds WeightParams::coverage times its idf, so that an article
/// containing more of the query's words, rarer words counting for more,
/// ranks above one containing fewer. That is BM25+ (Lv and Zhai's lower
/// bound on a term's share, delta), which Xapian ships: a stock
/// xapian-tcpsrv serving a remote shard runs only built-in schemes.
Xapian::BM25PlusWeight news_weight(const WeightParams& params);

/// The proximity bonus for @p words (plain_words()) on the database of
/// @p reader: for each neighbouring pair within kProximityWindow, but for
/// pairs of two common words, the pair's weight scaled by kProximityWeight;
/// an empty query when no pair is left.
Xapian::Query proximity_query(DatabaseReader& reader, const std::vector<std::string>& words);

/// The words feedback may add: those at least kFeedbackMinimumShared of the
/// best matches share, with how many share each; none when the query
/// matches too few articles.
struct FeedbackCandidates {
    std::vector<std::pair<std::string, Xapian::doccount>> shared;
    Xapian::doccount best = 0;  ///< the best matches looked at
};

/// Feedback's first half: the candidates for @p query (filters applied) on
/// the database of @p reader, stemmed words not already in @p query nor
/// stopwords of @p languages. Their frequencies, which feedback_query()
/// weighs them by, are left wanted (DatabaseReader::want()), for the next
/// match made to bring: the search counts its facets in between.
FeedbackCandidates feedback_candidates(DatabaseReader& reader, const analysis::Languages& languages,
                                       const Xapian::Query& query, const WeightParams& params);

/// The feedback words: an OR of up to kFeedbackTerms of @p candidates, by
/// Robertson's offer weight, each scaled by its share of the best one's
/// offer times kFeedbackWeight; an empty query when none is worth adding.
Xapian::Query feedback_query(DatabaseReader& reader, const FeedbackCandidates& candidates);

/// Whether an article whose text stems are @p stems (sorted, as
/// schema::decode_text_stems gives them) matches @p query, when its text
/// stems decide it: nullopt for a query with another kind of term (a word
/// kept unstemmed, a field's or a number) or a phrase, NEAR, wildcard or
/// value range that it needs to decide.
std::optional<bool> matches_by_stems(const Xapian::Query& query, const std::vector<std::string>& stems);

/// A part of a ranked query, named for --explain.
struct QueryPart {
    std::string role;  ///< "query", "proximity", "feedback"
    Xapian::Query query;
};

/// Why document @p did scored what it did for the OR of @p parts under
/// @p params: each term's share, per part. The sum of the shares is the
/// document's score, except for terms weighted together (a wildcard's or a
/// synonym's), which are left out.
Explanation explain(const Xapian::Database& db, Xapian::docid did, const std::vector<QueryPart>& parts,
                    const WeightParams& params);

}  // namespace newsdesk::search
