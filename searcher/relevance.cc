#include "relevance.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "analysis.h"
#include "schema.h"

namespace newsdesk::search {

namespace {

/// BM25+'s idf as Xapian's BM25PlusWeight computes it, log((N + 1) / n):
/// never below zero, so that a common word still counts a little. Only a
/// scheme built into Xapian can be run by a stock xapian-tcpsrv serving a
/// remote shard; measured against the scheme of our own that it replaced
/// (BM25's idf with its floor, the same coverage bonus), MAP on
/// ranking_bench.py's three evaluations was 0.508 / 0.388 / 0.795 against
/// 0.508 / 0.391 / 0.795, and plain BM25Weight without the bonus gave
/// 0.508 / 0.395 / 0.790.
double idf(Xapian::doccount termfreq, Xapian::doccount doccount) {
    if (termfreq == 0) return 0;
    return std::log((static_cast<double>(doccount) + 1) / termfreq);
}

/// BM25's length normalisation of a document @p doclen long.
double length_norm(const WeightParams& p, double doclen, double avlength) {
    double normlen = avlength > 0 ? std::max(doclen / avlength, p.min_normlen) : 1.0;
    return p.k1 * ((1 - p.b) + p.b * normlen);
}

/// The scale of an OP_SCALE_WEIGHT query. Xapian 1.4 has no accessor for
/// it, but describes the query as "Query(<scale> * <subquery>)", printing
/// the scale to 20 significant digits, so that it reads back exactly.
double scale_of(const Xapian::Query& query) {
    const std::string description = query.get_description();
    return std::strtod(description.c_str() + description.find('(') + 1, nullptr);
}

/// A term's share of a score: its factor within the query.
struct Share {
    std::string term;
    double factor;
};

/// Whether a subquery matched a document, and the terms that then weigh.
struct Evaluated {
    bool matched = false;
    std::vector<Share> shares;
};

/// One document, as the explanation reads it: its terms' wdfs and its id term.
class DocumentTerms {
  public:
    DocumentTerms(const Xapian::Database& db, Xapian::docid did) : db_(db), did_(did) {
        for (auto t = db.termlist_begin(did); t != db.termlist_end(did); ++t) {
            const std::string& term = *t;
            wdf_[term] = t.get_wdf();
            if (id_term_.empty() && term.rfind(std::string(schema::prefix::kId), 0) == 0) id_term_ = term;
        }
    }

    Xapian::termcount wdf(const std::string& term) const {
        auto it = wdf_.find(term);
        return it == wdf_.end() ? 0 : it->second;
    }

    /// Whether the document has @p term: a boolean term's wdf is 0.
    bool has(const std::string& term) const { return wdf_.count(term) > 0; }

    /// Whether @p query matches this document, as Xapian decides it (for
    /// positions, values and anything else a term list cannot tell).
    bool matches(const Xapian::Query& query) const {
        if (id_term_.empty()) return false;
        Xapian::Enquire enquire(db_);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(id_term_)));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::MSet mset = enquire.get_mset(0, 1);
        return !mset.empty() && *mset.begin() == did_;
    }

  private:
    const Xapian::Database& db_;
    Xapian::docid did_;
    std::unordered_map<std::string, Xapian::termcount> wdf_;
    std::string id_term_;
};

/// How Xapian weighs @p query for the document, following its operators:
/// a subquery that does not match adds nothing, and only the first
/// subquery of a filter or AND_NOT weighs.
Evaluated evaluate(const Xapian::Query& query, double factor, const DocumentTerms& doc) {
    Evaluated out;
    const auto type = query.get_type();
    auto child = [&](std::size_t i, double f = -1) { return evaluate(query.get_subquery(i), f < 0 ? factor : f, doc); };
    auto all_children = [&](Evaluated& into) {
        into.matched = true;
        for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
            Evaluated sub = child(i);
            into.matched = into.matched && sub.matched;
            into.shares.insert(into.shares.end(), sub.shares.begin(), sub.shares.end());
        }
    };
    switch (type) {
        case Xapian::Query::LEAF_TERM: {
            auto term = query.get_terms_begin();
            if (term == query.get_terms_end() || (*term).empty()) {
                out.matched = true;  // the empty term matches every document, unweighted
            } else if (doc.has(*term)) {
                out.matched = true;
                out.shares.push_back({*term, factor});
            }
            return out;
        }
        case Xapian::Query::OP_AND:
            all_children(out);
            break;
        case Xapian::Query::OP_PHRASE:
        case Xapian::Query::OP_NEAR:
            all_children(out);
            out.matched = out.matched && doc.matches(query);
            break;
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_ELITE_SET:
        case Xapian::Query::OP_MAX: {
            unsigned matched = 0;
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
                Evaluated sub = child(i);
                if (!sub.matched) continue;
                ++matched;
                out.shares.insert(out.shares.end(), sub.shares.begin(), sub.shares.end());
            }
            out.matched = type == Xapian::Query::OP_XOR ? matched % 2 == 1 : matched > 0;
            break;
        }
        case Xapian::Query::OP_AND_MAYBE:
            out = child(0);
            for (std::size_t i = 1; out.matched && i < query.get_num_subqueries(); ++i) {
                Evaluated sub = child(i);
                if (sub.matched) out.shares.insert(out.shares.end(), sub.shares.begin(), sub.shares.end());
            }
            break;
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_AND_NOT:
            out = child(0);
            for (std::size_t i = 1; out.matched && i < query.get_num_subqueries(); ++i) {
                bool sub = child(i, 0).matched;
                out.matched = type == Xapian::Query::OP_FILTER ? sub : !sub;
            }
            break;
        case Xapian::Query::OP_SCALE_WEIGHT:
            out = child(0, factor * scale_of(query));
            break;
        default:
            // Values, wildcards, synonyms, posting sources: Xapian decides
            // the match; what they weigh is not broken down per term.
            out.matched = doc.matches(query);
            break;
    }
    if (!out.matched) out.shares.clear();
    return out;
}

/// The terms of @p query that can carry weight: not those that only select
/// (a filter's, an AND_NOT's right side).
void weighted_leaves(const Xapian::Query& query, std::set<std::string>& out) {
    const auto type = query.get_type();
    if (type == Xapian::Query::LEAF_TERM) {
        auto term = query.get_terms_begin();
        if (term != query.get_terms_end() && !(*term).empty()) out.insert(*term);
        return;
    }
    const bool first_only = type == Xapian::Query::OP_FILTER || type == Xapian::Query::OP_AND_NOT;
    for (std::size_t i = 0; i < query.get_num_subqueries() && (i == 0 || !first_only); ++i)
        weighted_leaves(query.get_subquery(i), out);
}

/// The stemmed words that at least kFeedbackMinimumShared of @p best share,
/// not in @p query nor stopwords, each with how many share it. Words only
/// one or two of the best matches use say little about what they have in
/// common, and leaving them out spares a term-frequency lookup for each of
/// the hundreds of words in those articles: Xapian's ESet over ten Reuters
/// stories took 2 ms, as long as the rest of the search.
std::vector<std::pair<std::string, Xapian::doccount>> shared_stems(DatabaseReader& reader,
                                                                  const analysis::Languages& languages,
                                                                  const Xapian::MSet& best, const Xapian::Query& query) {
    const Xapian::Database& db = reader.db();
    // Count every text stem of the best matches, whose documents are kept:
    // most of them are on the page shown.
    std::unordered_map<std::string, Xapian::doccount> counts;
    counts.reserve(4096);
    for (auto it = best.begin(); it != best.end(); ++it) {
        const std::string stems = reader.document(it).get_value(schema::kStemsSlot);
        if (!stems.empty()) {
            for (const auto& term : schema::decode_text_stems(stems)) ++counts[term];
            continue;
        }
        auto term = db.termlist_begin(*it);  // built before kStemsSlot, or an article without text
        const auto end = db.termlist_end(*it);
        for (term.skip_to("Z"); term != end; ++term) {
            const std::string name = *term;
            if (name[0] != 'Z') break;
            ++counts[name];
        }
    }
    const std::set<std::string> own(query.get_terms_begin(), query.get_terms_end());
    // In an archive of several languages, a language's common words ("в",
    // "und") are in every article of that language and in few others: they
    // would pass for what the best matches share.
    const std::unique_ptr<Xapian::Stopper> stopwords(analysis::any_language_stopper(languages));
    std::vector<std::pair<std::string, Xapian::doccount>> shared;
    for (const auto& [term, r] : counts) {
        if (r < kFeedbackMinimumShared || !schema::is_text_stem(term) || own.count(term)) continue;
        if (stopwords && (*stopwords)(term.substr(1))) continue;
        shared.emplace_back(term, r);
    }
    return shared;
}

/// Whether every word @p query weighs is in more than kFeedbackCommonShare
/// of the articles; false when one's frequency is not known without asking
/// (DatabaseReader::known_termfreq), or it weighs none.
bool only_common_words(DatabaseReader& reader, const Xapian::Query& query) {
    std::set<std::string> words;
    weighted_leaves(query, words);
    const double common = kFeedbackCommonShare * reader.db().get_doccount();
    return !words.empty() && std::all_of(words.begin(), words.end(), [&](const std::string& word) {
        const std::optional<Xapian::doccount> frequency = reader.known_termfreq(word);
        return frequency && *frequency > common;
    });
}

}  // namespace

WeightParams weight_params(Match mode) {
    WeightParams params;
    if (mode != Match::kAny) params.coverage = kCoverage;
    return params;
}

TermScore term_score(const WeightParams& params, double factor, Xapian::termcount wdf, Xapian::termcount doclen,
                     Xapian::doccount termfreq, Xapian::doccount doccount, double avlength) {
    TermScore score;
    score.idf = idf(termfreq, doccount);
    if (wdf == 0 || factor <= 0) return score;
    const double tf = wdf * (params.k1 + 1) / (wdf + length_norm(params, doclen, avlength));
    score.bm25 = factor * score.idf * tf;
    score.coverage = factor * score.idf * params.coverage;
    return score;
}

Xapian::BM25PlusWeight news_weight(const WeightParams& params) {
    // k2 0: no document-length extra; k3 0: a word repeated in the query
    // weighs as once (its wqf is ignored), as term_score() scores it.
    return Xapian::BM25PlusWeight(params.k1, 0, 0, params.b, params.min_normlen, params.coverage);
}

Xapian::Query proximity_query(DatabaseReader& reader, const std::vector<std::string>& words) {
    if (words.size() < 2) return {};
    const double common =
        std::max<double>(kProximityCommonShare * reader.db().get_doccount(), kProximityCommonArticles);
    reader.prefetch(words);
    auto is_common = [&](const std::string& word) { return reader.termfreq(word) > common; };
    std::vector<Xapian::Query> pairs;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        if (words[i] == words[i + 1] || (is_common(words[i]) && is_common(words[i + 1]))) continue;
        const Xapian::Query pair[] = {Xapian::Query(words[i]), Xapian::Query(words[i + 1])};
        // The NEAR only decides which articles get the bonus (scaled by 0,
        // it weighs nothing); the two words, weighed as they are, make it.
        // That is the weight a NEAR has, but Xapian 1.4 gives a NEAR that
        // weighs in an OR the weight it had for another article: on Reuters,
        // 424 of 12,911 hits of 274 queries (unfiltered and under four
        // filters) scored otherwise than --explain, which checks each NEAR
        // by a match of its own, and remote shards ranked some filtered
        // searches otherwise than one database.
        const Xapian::Query near(Xapian::Query::OP_NEAR, std::begin(pair), std::end(pair), kProximityWindow);
        const Xapian::Query both(Xapian::Query::OP_AND, std::begin(pair), std::end(pair));
        pairs.emplace_back(Xapian::Query::OP_AND, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, near, 0.0),
                           Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, both, kProximityWeight));
    }
    if (pairs.empty()) return {};
    return Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end());
}

FeedbackCandidates feedback_candidates(DatabaseReader& reader, const analysis::Languages& languages,
                                       const Xapian::Query& query, const WeightParams& params) {
    // Decided before the match where the frequencies cost nothing (a local
    // database), else from the statistics the match brings: the same either way.
    if (only_common_words(reader, query)) return {};
    Xapian::Enquire enquire(reader.db());
    enquire.set_query(query);
    enquire.set_weighting_scheme(news_weight(params));
    // Matches of equal weight (a title word's, often) are taken by story
    // key, not by document id: which of them give their words must not
    // depend on how the articles were numbered, or the same archive split
    // into shards would rank differently.
    enquire.set_sort_by_relevance_then_value(schema::kClusterSlot, false);
    const Xapian::MSet best = enquire.get_mset(0, kFeedbackDocuments, kFeedbackMinimumMatches);
    if (best.get_matches_lower_bound() < kFeedbackMinimumMatches) return {};
    reader.learn(best, query_terms(query));
    FeedbackCandidates out;
    if (!only_common_words(reader, query)) {
        out.best = best.size();
        out.shared = shared_stems(reader, languages, best, query);
    }
    std::vector<std::string> terms;
    for (const auto& entry : out.shared) terms.push_back(entry.first);
    // Most of the best matches will be on the page, which names their
    // stories by the frequencies of their cluster terms (hits.h).
    for (auto it = best.begin(); it != best.end(); ++it) {
        const std::string key = reader.document(it).get_value(schema::kClusterSlot);
        if (!key.empty()) terms.push_back(std::string(schema::prefix::kCluster) + key);
    }
    reader.want(terms);
    return out;
}

Xapian::Query feedback_query(DatabaseReader& reader, const FeedbackCandidates& candidates) {
    // Robertson's offer weight: how many of the best matches share a word,
    // times its relevance weight.
    struct Candidate {
        std::string term;
        double offer = 0;
    };
    const double N = reader.db().get_doccount(), R = candidates.best;
    std::vector<Candidate> words;
    for (const auto& [term, r] : candidates.shared) {
        const double n = reader.termfreq(term);
        const double weight = std::log((r + 0.5) * (N - n - R + r + 0.5) / ((n - r + 0.5) * (R - r + 0.5)));
        if (weight > 0) words.push_back({term, r * weight});
    }
    std::sort(words.begin(), words.end(), [](const Candidate& a, const Candidate& b) {
        return a.offer != b.offer ? a.offer > b.offer : a.term < b.term;
    });
    if (words.size() > kFeedbackTerms) words.resize(kFeedbackTerms);
    if (words.empty()) return {};
    const double strongest = words.front().offer;
    std::vector<Xapian::Query> terms;
    for (const auto& word : words)
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(word.term), kFeedbackWeight * word.offer / strongest);
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::optional<bool> matches_by_stems(const Xapian::Query& query, const std::vector<std::string>& stems) {
    const auto type = query.get_type();
    if (type == Xapian::Query::LEAF_MATCH_ALL) return true;
    if (type == Xapian::Query::LEAF_TERM) {
        const std::string term = *query.get_terms_begin();
        if (!schema::is_text_stem(term)) return std::nullopt;
        return std::binary_search(stems.begin(), stems.end(), term);
    }
    std::vector<std::optional<bool>> children;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        children.push_back(matches_by_stems(query.get_subquery(i), stems));
    // AND is decided by a child that does not match, OR by one that does;
    // else a child left undecided leaves it undecided.
    auto decided_by = [](bool decisive, auto begin, auto end) -> std::optional<bool> {
        bool unknown = false;
        for (auto it = begin; it != end; ++it) {
            if (!*it) unknown = true;
            else if (**it == decisive) return decisive;
        }
        if (unknown) return std::nullopt;
        return !decisive;
    };
    if (children.empty()) return std::nullopt;
    switch (type) {
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_FILTER:
            return decided_by(false, children.begin(), children.end());
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_SYNONYM:
            return decided_by(true, children.begin(), children.end());
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_SCALE_WEIGHT:
            return children.front();
        case Xapian::Query::OP_AND_NOT: {
            const std::optional<bool> left = children.front();
            const std::optional<bool> right = decided_by(true, children.begin() + 1, children.end());
            if (left == false || right == true) return false;
            if (!left || !right) return std::nullopt;
            return true;
        }
        default:
            return std::nullopt;
    }
}

Explanation explain(const Xapian::Database& db, Xapian::docid did, const std::vector<QueryPart>& parts,
                    const WeightParams& params) {
    Explanation out;
    out.document_length = db.get_doclength(did);
    const Xapian::doccount doccount = db.get_doccount();
    const double avlength = db.get_avlength();
    const DocumentTerms doc(db, did);
    for (const auto& part : parts) {
        if (part.query.empty()) continue;
        // Each term once per part, with the factors of its matching occurrences added.
        std::map<std::string, double> factors;
        for (const auto& share : evaluate(part.query, 1.0, doc).shares) factors[share.term] += share.factor;
        if (part.role == "query") {  // the query's own terms are listed even where they are missing
            std::set<std::string> leaves;
            weighted_leaves(part.query, leaves);
            for (const auto& term : leaves) factors.emplace(term, 0.0);
        }
        for (const auto& [term, factor] : factors) {
            const Xapian::termcount wdf = factor > 0 ? doc.wdf(term) : 0;
            TermScore score = term_score(params, factor, wdf, out.document_length, db.get_termfreq(term), doccount, avlength);
            out.terms.push_back({term, part.role, wdf, db.get_termfreq(term), score.idf, score.bm25, score.coverage});
            out.score += score.total();
            if (part.role == "query" && wdf > 0) ++out.terms_matched;
        }
    }
    return out;
}

}  // namespace newsdesk::search
