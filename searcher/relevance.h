/** @file
 *  @brief How a ranked search scores an article: BM25 plus word coverage.
 *
 *  One formula serves the match (NewsWeight, handed to Xapian) and the
 *  explanation of a hit (explain()), so that what --explain prints adds up
 *  to the score the article was ranked by.
 */
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "search.h"

namespace newsdesk::search {

/// The coverage bonus of Match::kAuto and kAll, per unit of a word's idf.
/// Measured on scripts/bench/ranking_bench.py (README): a bonus that puts
/// every article with all the words first (1000) finds known items best
/// (MAP 0.82) but costs plain-language questions a quarter of their MAP
/// (0.28 against 0.39), whose relevant articles rarely hold every word of
/// the question; 0.1 keeps the questions' figures and lifts known items.
inline constexpr double kCoverage = 0.1;

/// The parameters of NewsWeight. BM25's defaults are Xapian's (k1 1, b 0.5,
/// lengths below half the average scored as half): on ranking_bench.py they
/// beat Lucene's k1 1.2 and b 0.75 on topic queries (MAP 0.476 against
/// 0.457) and tie on the others.
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

/// BM25 whose every matching query term also adds WeightParams::coverage
/// times its idf, so that an article containing more of the query's words,
/// rarer words counting for more, ranks above one containing fewer (the
/// ordering of Meilisearch's and Typesense's default matching).
class NewsWeight : public Xapian::Weight {
  public:
    explicit NewsWeight(const WeightParams& params);

    std::string name() const override { return "newsdesk::NewsWeight"; }
    NewsWeight* clone() const override { return new NewsWeight(params_); }
    void init(double factor) override;
    double get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen, Xapian::termcount uniqterms) const override;
    double get_maxpart() const override;
    double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
    double get_maxextra() const override { return 0; }

  private:
    WeightParams params_;
    double factor_ = 0;
};

/// The query terms that carry weight in @p query (not those of boolean
/// filters), each once with its factor (query frequency times scaling).
/// Terms under a synonym or wildcard are weighted as one and left out.
std::vector<std::pair<std::string, double>> weighted_terms(const Xapian::Query& query);

/// Why document @p did scored what it did for @p query under @p params.
Explanation explain(const Xapian::Database& db, Xapian::docid did, const Xapian::Query& query, const WeightParams& params);

}  // namespace newsdesk::search
