// Ranking in Match::kAuto: proximity, feedback, related hits and --explain,
// on an index large enough for feedback to have matches to learn from.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "document_builder.h"
#include "facet_dictionary.h"
#include "relevance.h"
#include "search.h"
#include "test_dir.h"

namespace newsdesk::search {
namespace {

Article article(const std::string& id, const std::string& title, const std::string& body) {
    Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    a.date = "19870401000000";
    return a;
}

/// A made-up word of letters only, different for every @p n.
std::string word(int n) {
    std::string w = "qu";
    for (; n > 0; n /= 26) w += static_cast<char>('a' + n % 26);
    return w;
}

/// 60 grain stories whose only other words in common are "silo" and
/// "elevator" (and, for half of them, "district", for the other half
/// "county"); two wheat
/// stories alike but for how far apart "wheat" and "exports" stand; one
/// story on silos and elevators that never says "grain"; 70 shipping notes,
/// so that "grain" is in fewer than half the articles (45%) and "today",
/// in every note, in more (53%): relevance.h's kFeedbackCommonShare.
std::vector<Article> corpus() {
    std::vector<Article> out;
    for (int i = 0; i < 60; ++i)
        out.push_back(article("g" + std::to_string(i), word(1000 + i),
                              "grain " + word(3 * i + 1) + " silo " + word(3 * i + 2) + " elevator " + word(3 * i + 3) +
                                  (i % 2 ? " county" : " district") + " grain silo"));
    out.push_back(article("near", "Plains farm news",
                          "Officials said wheat exports rose in March while the weather stayed dry over the long plains."));
    out.push_back(article("far", "Plains farm news",
                          "Officials said wheat rose in March while the weather stayed dry over the long plains exports."));
    out.push_back(article("storage", "Storage operators expand",
                          "New silo and elevator capacity: the silo company built an elevator beside each silo."));
    for (int i = 0; i < 70; ++i)
        out.push_back(article("x" + std::to_string(i), "Shipping note " + std::to_string(i),
                              "Tankers and freighters crossed the canal on schedule today."));
    return out;
}

class RelevanceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        Xapian::WritableDatabase db(dir_.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        DocumentBuilder builder("english");
        FacetDictionary facets(db);
        for (const auto& a : corpus()) {
            Xapian::Document doc = builder.build(a, "fixture.jsonl");
            facets.add_summary(doc, document_facets(a));
            db.replace_document(schema::id_term(a.id), doc);
        }
        db.commit();
        searcher_.emplace(dir_.string());
    }

    SearchResult search(const std::string& query, bool explain = true, Match match = Match::kAuto) {
        SearchRequest request;
        request.query = query;
        request.match = match;
        request.explain = explain;
        request.limit = 100;
        request.facets = {};
        return searcher_->search(request);
    }

    static const Hit* find(const SearchResult& r, const std::string& id) {
        for (const auto& hit : r.hits)
            if (hit.id == id) return &hit;
        return nullptr;
    }

    static std::size_t position(const SearchResult& r, const std::string& id) {
        for (std::size_t i = 0; i < r.hits.size(); ++i)
            if (r.hits[i].id == id) return i;
        return r.hits.size();
    }

    test::TestDir dir_{"newsdesk-relevance-test"};
    std::optional<Searcher> searcher_;
};

TEST_F(RelevanceTest, WordsStandingTogetherRankAboveTheSameWordsApart) {
    auto r = search("wheat exports");
    ASSERT_NE(find(r, "near"), nullptr);
    ASSERT_NE(find(r, "far"), nullptr);
    EXPECT_LT(position(r, "near"), position(r, "far"));
    bool proximity = false;
    for (const auto& term : find(r, "near")->explain->terms) proximity = proximity || term.role == "proximity";
    EXPECT_TRUE(proximity) << "the explanation names the proximity bonus";
    // Plain BM25 cannot tell them apart: the same words, as often, in as long a story.
    auto any = search("wheat exports", false, Match::kAny);
    EXPECT_DOUBLE_EQ(find(any, "near")->score, find(any, "far")->score);
}

TEST_F(RelevanceTest, FeedbackFindsARelatedArticleButDoesNotCountIt) {
    auto r = search("grain");
    EXPECT_EQ(r.estimate, 60u) << "totals count the articles with the word";
    const Hit* storage = find(r, "storage");
    ASSERT_NE(storage, nullptr) << "it shares the grain stories' silos and elevators";
    EXPECT_TRUE(storage->related);
    EXPECT_GT(position(r, "storage"), 59u) << "after every article that says grain";
    for (const auto& term : storage->explain->terms)
        EXPECT_TRUE(term.role == "feedback" || term.wdf == 0) << term.term << " " << term.role;
    EXPECT_FALSE(find(r, "g0")->related);
    EXPECT_EQ(find(r, "x0"), nullptr) << "nothing in common, nothing found";
    EXPECT_EQ(find(search("grain", false, Match::kAny), "storage"), nullptr) << "any: BM25 over the words alone";
    EXPECT_EQ(find(search("grain", false, Match::kAll), "storage"), nullptr);
}

TEST_F(RelevanceTest, FeedbackDoesNotFollowAWordInMostArticles) {
    // "today" is in 70 of the 133 articles: its best matches are alike by
    // chance, and what they share (tankers, freighters) would be added.
    auto r = search("today");
    EXPECT_EQ(r.estimate, 70u);
    ASSERT_FALSE(r.hits.empty());
    for (const auto& hit : r.hits) {
        EXPECT_FALSE(hit.related) << hit.id;
        for (const auto& term : hit.explain->terms) EXPECT_NE(term.role, "feedback") << hit.id << " " << term.term;
    }
    // A word of fewer than half the articles still gets it, as above.
    const auto grain = search("grain");
    ASSERT_NE(find(grain, "g0"), nullptr);
    bool feedback = false;
    for (const auto& term : find(grain, "g0")->explain->terms) feedback = feedback || term.role == "feedback";
    EXPECT_TRUE(feedback);
}

TEST_F(RelevanceTest, AfterAnOperatorFeedbackOnlyRanks) {
    for (const char* query : {"grain -district", "+grain", "grain OR county", "\"grain silo\"", "grain AND silo"}) {
        auto r = search(query);
        EXPECT_EQ(r.hits.size(), r.estimate) << query;
        EXPECT_EQ(find(r, "storage"), nullptr) << query;
        for (const auto& hit : r.hits) EXPECT_FALSE(hit.related) << query << " " << hit.id;
    }
}

TEST_F(RelevanceTest, ExplanationsAddUpToTheScoreWhateverTheOperators) {
    for (const char* query : {"grain", "wheat exports", "grain silo elevator", "grain -district", "\"grain silo\" wheat",
                              "grain AND (wheat OR silo)", "wheat NEAR exports", "farmers OR tankers"}) {
        auto r = search(query);
        ASSERT_FALSE(r.hits.empty()) << query;
        for (const auto& hit : r.hits) {
            ASSERT_TRUE(hit.explain.has_value());
            double sum = 0;
            for (const auto& term : hit.explain->terms) sum += term.bm25 + term.coverage;
            EXPECT_NEAR(sum, hit.score, 1e-9 * hit.score) << query << " " << hit.id;
        }
    }
}

TEST_F(RelevanceTest, AnArticleWithMoreOfTheWordsRanksHigher) {
    // "storage" has silo and elevator; the grain stories have all three words.
    auto r = search("grain silo elevator");
    EXPECT_EQ(r.match, "all");
    EXPECT_EQ(r.estimate, 60u);
    EXPECT_EQ(position(r, "storage"), 60u);
    EXPECT_TRUE(find(r, "storage")->related);
}

TEST(MatchesByStems, DecidesWhatAnArticlesTextStemsDecide) {
    using Q = Xapian::Query;
    const std::vector<std::string> stems{"Zgrain", "Zsilo", "Zwheat"};
    auto by_stems = [&](const Q& query) { return matches_by_stems(query, stems); };
    EXPECT_EQ(by_stems(Q("Zgrain")), true);
    EXPECT_EQ(by_stems(Q("Zcorn")), false);
    EXPECT_EQ(by_stems(Q::MatchAll), true);
    EXPECT_EQ(by_stems(Q(Q::OP_AND, Q("Zgrain"), Q("Zcorn"))), false);
    EXPECT_EQ(by_stems(Q(Q::OP_OR, Q("Zcorn"), Q("Zsilo"))), true);
    EXPECT_EQ(by_stems(Q(Q::OP_SYNONYM, Q("Zcorn"), Q("Zwheat"))), true);
    EXPECT_EQ(by_stems(Q(Q::OP_AND_NOT, Q("Zgrain"), Q("Zsilo"))), false);
    EXPECT_EQ(by_stems(Q(Q::OP_AND_NOT, Q("Zgrain"), Q("Zcorn"))), true);
    EXPECT_EQ(by_stems(Q(Q::OP_AND_MAYBE, Q("Zcorn"), Q("Zgrain"))), false);
    // What the stems cannot tell: an unstemmed word, a field's term, positions.
    EXPECT_EQ(by_stems(Q("grain")), std::nullopt);
    EXPECT_EQ(by_stems(Q(Q::OP_FILTER, Q("Zgrain"), Q("XTearn"))), std::nullopt);
    const Q words[] = {Q("grain"), Q("silo")};
    EXPECT_EQ(by_stems(Q(Q::OP_PHRASE, std::begin(words), std::end(words))), std::nullopt);
    // ... unless the rest decides anyway.
    EXPECT_EQ(by_stems(Q(Q::OP_AND, Q("Zcorn"), Q("grain"))), false);
    EXPECT_EQ(by_stems(Q(Q::OP_OR, Q("Zgrain"), Q("grain"))), true);
    EXPECT_EQ(by_stems(Q(Q::OP_OR, Q("Zcorn"), Q("grain"))), std::nullopt);
}

TEST(Weight, MaxpartBoundsEveryScore) {
    WeightParams params = weight_params(Match::kAuto);
    for (Xapian::termcount wdf : {1u, 3u, 50u})
        for (Xapian::termcount len : {5u, 100u, 5000u}) {
            TermScore s = term_score(params, 1.0, wdf, len, 10, 1000, 100.0);
            TermScore bound = term_score(params, 1.0, 50, 5, 10, 1000, 100.0);
            EXPECT_LE(s.total(), bound.total());
            EXPECT_GT(s.bm25, 0);
            EXPECT_DOUBLE_EQ(s.coverage, params.coverage * s.idf);
        }
    EXPECT_EQ(term_score(params, 1.0, 0, 100, 10, 1000, 100.0).total(), 0.0) << "an absent term adds nothing";
    EXPECT_GT(term_score(params, 1.0, 1, 100, 990, 1000, 100.0).idf, 0.0) << "a word in most documents still counts";
}

}  // namespace
}  // namespace newsdesk::search
