// Which articles a query's words select, and how their scores are explained
// (--match, stopwords, words in capitals, --explain), on the search fixture.
#include <gtest/gtest.h>

#include <string>

#include "search_fixture.h"

namespace newsdesk::search {
namespace {

SearchRequest words(std::string query, Match match = Match::kAuto) {
    SearchRequest request;
    request.query = std::move(query);
    request.match = match;
    return request;
}

// "oil" is in a1 only, "deficit" in a5 only: no article has both.
TEST_F(SearchTest, MatchAllFindsOnlyArticlesWithEveryWord) {
    auto r = search(words("oil deficit", Match::kAll));
    EXPECT_EQ(r.estimate, 0u);
    EXPECT_EQ(r.match, "all");
}

TEST_F(SearchTest, MatchAnyFindsArticlesWithAnyWord) {
    auto r = search(words("oil deficit", Match::kAny));
    EXPECT_EQ(r.estimate, 2u);
    EXPECT_EQ(r.match, "any");
}

TEST_F(SearchTest, MatchAutoRelaxesWhenNoArticleHasEveryWord) {
    auto r = search(words("oil deficit"));
    EXPECT_EQ(r.match, "relaxed");
    EXPECT_EQ(r.estimate, 2u);
    EXPECT_EQ(counts(r, "region"), "usa:2|west-germany:1") << "the facets count the relaxed set";
}

TEST_F(SearchTest, MatchAutoCountsArticlesWithEveryWordAndRanksThemFirst) {
    // a5 has "baker" and "deficit"; a2 has "baker" only.
    auto r = search(words("baker deficit"));
    EXPECT_EQ(r.match, "all");
    EXPECT_EQ(r.estimate, 1u) << "totals count the articles with every word";
    EXPECT_EQ(counts(r, "actor"), "james-baker:1");
    EXPECT_EQ(r.ranked, 2u);
    EXPECT_EQ(ids(r), "a5 a2") << "the list goes on past them";
}

TEST_F(SearchTest, ExplicitOperatorsKeepTheirMeaningInEveryMode) {
    for (Match mode : {Match::kAuto, Match::kAny, Match::kAll}) {
        EXPECT_EQ(search(words("oil AND deficit", mode)).estimate, 0u);
        EXPECT_EQ(ids(search(words("+oil deficit", mode))), mode == Match::kAll ? "" : "a1");
        EXPECT_EQ(ids(search(words("baker -deficit", mode))), "a2");
        const Xapian::doccount with_either = mode == Match::kAll ? 0u : 3u;  // a3; a2 and a5
        EXPECT_EQ(search(words("\"trade surplus\" baker", mode)).estimate, with_either);
        EXPECT_EQ(ids(search(words("title:gold silver", mode))), "a4");
    }
}

TEST_F(SearchTest, CommonWordsDoNotDecideAMatch) {
    auto r = search(words("what is the treasury secretary doing in bonn", Match::kAll));
    EXPECT_EQ(ids(r), "a2") << r.parsed;
    EXPECT_EQ(r.parsed.find("Zthe"), std::string::npos) << r.parsed;
}

TEST_F(SearchTest, APhraseKeepsItsCommonWords) {
    auto r = search(words("\"the deficit talks\""));
    EXPECT_NE(r.parsed.find("the@"), std::string::npos) << r.parsed;
    EXPECT_EQ(ids(r), "a5");
    EXPECT_EQ(search(words("\"the surplus\"")).estimate, 0u) << "no article says 'the surplus'";
}

TEST_F(SearchTest, AQueryOfCommonWordsOnlyStillSearchesThem) {
    EXPECT_GT(search(words("the")).estimate, 0u);
}

TEST_F(SearchTest, WordsInCapitalsAreStemmedButShortNamesStayNames) {
    EXPECT_EQ(ids(search(words("WIDENED"))), "a3") << "WIDENED finds 'widens'";
    // "WHO" typed in capitals is the organisation, not the stopword "who".
    EXPECT_NE(search(words("WHO budget")).parsed.find("who@"), std::string::npos);
    EXPECT_EQ(search(words("who budget")).parsed.find("who@"), std::string::npos);
}

TEST_F(SearchTest, ExplainAddsUpToTheScore) {
    auto request = words("baker deficit talks");
    request.explain = true;
    auto r = search(request);
    ASSERT_FALSE(r.hits.empty());
    for (const auto& hit : r.hits) {
        ASSERT_TRUE(hit.explain.has_value());
        EXPECT_NEAR(hit.explain->score, hit.score, 1e-9 * hit.score);
        double sum = 0;
        unsigned matched = 0;
        for (const auto& term : hit.explain->terms) {
            sum += term.bm25 + term.coverage;
            matched += term.role == "query" && term.wdf > 0;
            if (term.wdf == 0) {
                EXPECT_EQ(term.bm25 + term.coverage, 0.0) << term.term;
            }
        }
        EXPECT_NEAR(sum, hit.score, 1e-9 * hit.score);
        EXPECT_EQ(matched, hit.explain->terms_matched);
        EXPECT_EQ(hit.explain->match, r.match);
    }
    EXPECT_EQ(r.hits[0].id, "a5");
    EXPECT_EQ(r.hits[0].explain->terms_matched, 3u);
    EXPECT_FALSE(search(words("baker")).hits[0].explain.has_value()) << "only when asked";
}

TEST_F(SearchTest, MatchAutoRanksArticlesWithMoreOfTheWordsHigher) {
    // a1 has "crude", "oil" and "prices"; a4 only "trading"-free text; a3 only "trade".
    auto r = search(words("crude oil prices trade"));
    ASSERT_GE(r.hits.size(), 2u);
    EXPECT_EQ(r.hits[0].id, "a1");
}

}  // namespace
}  // namespace newsdesk::search
