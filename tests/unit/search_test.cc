// The search library on a small fixed index built with DocumentBuilder.
#include <gtest/gtest.h>

#include <sstream>

#include "document_builder.h"
#include "error.h"
#include "facets.h"
#include "query.h"
#include "query_check.h"
#include "render.h"
#include "schema.h"
#include "search.h"
#include "spelling.h"
#include "test_dir.h"

namespace newsdesk::search {
namespace {

Article article(std::string id, std::string title, std::string body, std::string date,
                std::vector<FacetValue> actors, std::vector<FacetValue> regions, std::vector<FacetValue> topics) {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    a.date = std::move(date);
    a.actors = std::move(actors);
    a.regions = std::move(regions);
    a.topics = std::move(topics);
    return a;
}

const FacetValue kBaker{"james-baker", "James Baker"}, kStoltenberg{"gerhard-stoltenberg", "Gerhard Stoltenberg"};
const FacetValue kUsa{"usa", "USA"}, kGermany{"west-germany", "West Germany"}, kJapan{"japan", "Japan"},
    kUk{"uk", ""};  // no label recorded: the value stands in
const FacetValue kCrude{"crude", "Crude Oil"}, kTrade{"trade", "Trade"}, kGold{"gold", "Gold"}, kMoney{"money-fx", "Money"};

/// Five articles, spring 1987. Regions: usa a1 a3 a5; west-germany a1 a2;
/// japan a3; uk a4. Actors: james-baker a1 a2 a5; gerhard-stoltenberg a2.
std::vector<Article> fixture_articles() {
    return {
        article("a1", "Oil prices rise as OPEC cuts output", "Crude oil prices rose sharply on Monday in New York.",
                "19870302090000", {kBaker}, {kUsa, kGermany}, {kCrude}),
        article("a2", "Baker meets Bonn officials on currency", "Treasury Secretary Baker met Stoltenberg in Bonn.",
                "19870315000000", {kBaker, kStoltenberg, kBaker}, {kGermany}, {kMoney}),
        article("a3", "Japan trade surplus widens", "Japan's trade surplus with the United States widened again.",
                "19870401000000", {}, {kJapan, kUsa}, {kTrade}),
        article("a4", "Gold steady in quiet trading", "Gold was steady at <b>$400</b> & silver eased in London.",
                "19870402000000", {}, {kUk}, {kGold}),
        article("a5", "US budget deficit talks resume", "Baker said the deficit talks with Congress would resume.",
                "19870520000000", {kBaker}, {kUsa}, {kTrade}),
    };
}

class SearchTest : public ::testing::Test {
  protected:
    void SetUp() override {
        Xapian::WritableDatabase db(dir_.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        DocumentBuilder builder("english");
        FacetDictionary facets(db);
        SpellingCounts spelling;  // "did you mean" data, as the indexer adds it
        for (const auto& a : fixture_articles()) {
            Xapian::Document doc = builder.build(a, "fixture.jsonl");
            facets.add_summary(doc, document_facets(a));
            spelling.add(doc);
            db.replace_document(schema::id_term(a.id), doc);
        }
        spelling.flush(db);
        db.commit();
        searcher_.emplace(dir_.string());
    }

    SearchResult search(SearchRequest request) { return searcher_->search(request); }

    test::TestDir dir_{"newsdesk-search-test"};  // first: removed after the searcher closes
    std::optional<Searcher> searcher_;
};

/// "value:count|..." for facet @p name of @p result (as api_matchspy.cc does).
std::string counts(const SearchResult& result, const std::string& name) {
    for (const auto& facet : result.facets) {
        if (facet.name != name) continue;
        std::string out;
        for (const auto& v : facet.values) out += (out.empty() ? "" : "|") + v.value + ":" + std::to_string(v.count);
        return out;
    }
    return "(no facet " + name + ")";
}

std::string ids(const SearchResult& result) {
    std::string out;
    for (const auto& h : result.hits) out += (out.empty() ? "" : " ") + h.id;
    return out;
}

SearchRequest all_facets() {
    SearchRequest r;
    r.facets = {"actor", "region", "topic", "date"};
    r.limit = 10;
    return r;
}

TEST_F(SearchTest, EmptyQueryMatchesEveryArticle) {
    auto r = search(all_facets());
    EXPECT_EQ(r.estimate, 5u);
    EXPECT_EQ(r.lower, 5u);
    EXPECT_EQ(r.upper, 5u);
    EXPECT_EQ(r.hits.size(), 5u);
}

TEST_F(SearchTest, MultiValuedFacetsCountEachArticleOncePerValue) {
    auto r = search(all_facets());
    EXPECT_EQ(counts(r, "region"), "usa:3|west-germany:2|japan:1|uk:1");
    // a2 lists Baker twice: it still counts once.
    EXPECT_EQ(counts(r, "actor"), "james-baker:3|gerhard-stoltenberg:1");
    EXPECT_EQ(counts(r, "topic"), "trade:2|crude:1|gold:1|money-fx:1");
}

TEST_F(SearchTest, WholeDatabaseCountsEqualCountsOverAMatchOfEveryArticle) {
    // With no query and no filter the counts come from term frequencies;
    // "NOT nosuchword" matches every article too but is counted match by match.
    SearchRequest every = all_facets();
    every.query = "NOT nosuchword";
    auto matched = search(every);
    auto whole = search(all_facets());
    ASSERT_EQ(matched.estimate, 5u);
    for (const auto* name : {"actor", "region", "topic", "date"})
        EXPECT_EQ(counts(whole, name), counts(matched, name)) << name;
}

TEST_F(SearchTest, FacetLabelsComeFromTheDatabaseOrFallBackToTheValue) {
    auto r = search(all_facets());
    const auto& regions = r.facets[1].values;
    ASSERT_EQ(regions.size(), 4u);
    EXPECT_EQ(regions[1].label, "West Germany");
    EXPECT_EQ(regions[3].value, "uk");
    EXPECT_EQ(regions[3].label, "uk");
}

TEST_F(SearchTest, FacetsComeInTheOrderRequestedAndFacetLimitCuts) {
    SearchRequest request = all_facets();
    request.facets = {"region", "actor"};
    request.facet_limit = 2;
    auto r = search(request);
    ASSERT_EQ(r.facets.size(), 2u);
    EXPECT_EQ(counts(r, "region"), "usa:3|west-germany:2");
    EXPECT_EQ(r.facets[1].name, "actor");
}

TEST_F(SearchTest, FilteredFacetStillCountsItsOtherValues) {
    SearchRequest request = all_facets();
    request.filters["region"] = {"usa"};
    auto r = search(request);
    EXPECT_EQ(ids(r), "a1 a3 a5");
    // Multi-select: the region facet counts as if its own filter were off...
    EXPECT_EQ(counts(r, "region"), "usa:3|west-germany:2|japan:1|uk:1");
    // ...while the other facets count the filtered matches.
    EXPECT_EQ(counts(r, "actor"), "james-baker:2");
    EXPECT_EQ(counts(r, "topic"), "trade:2|crude:1");
}

TEST_F(SearchTest, EachFilteredFacetLeavesOutOnlyItsOwnFilter) {
    SearchRequest request = all_facets();
    request.filters["region"] = {"usa"};
    request.filters["actor"] = {"james-baker"};
    auto r = search(request);
    EXPECT_EQ(r.estimate, 2u);
    EXPECT_EQ(counts(r, "region"), "usa:2|west-germany:2");  // Baker's articles
    EXPECT_EQ(counts(r, "actor"), "james-baker:2");           // American articles
}

TEST_F(SearchTest, ValuesOfOneFacetAreOredAndFacetsAnded) {
    SearchRequest request;
    request.filters["region"] = {"usa", "west-germany"};
    auto either = search(request);
    EXPECT_EQ(either.estimate, 4u) << ids(either);
    request.filters["topic"] = {"trade"};
    auto both = search(request);
    EXPECT_EQ(both.estimate, 2u) << ids(both);
}

TEST_F(SearchTest, FilterTakesALabelAsWellAsAValue) {
    SearchRequest request;
    request.filters["region"] = {"West Germany"};
    EXPECT_EQ(search(request).estimate, 2u);
}

TEST_F(SearchTest, QueryAndFilterCombine) {
    SearchRequest request;
    request.query = "trade";
    request.filters["region"] = {"japan"};
    EXPECT_EQ(ids(search(request)), "a3");
}

TEST_F(SearchTest, DateRangeTakesPartialDatesAsWholePeriods) {
    SearchRequest request;
    request.sort = Sort::kOldest;
    request.from = "1987-03";
    request.to = "1987-03";
    EXPECT_EQ(ids(search(request)), "a1 a2");
    request.from = "1987-04";
    request.to = "";
    EXPECT_EQ(ids(search(request)), "a3 a4 a5");
    request.from = "";
    request.to = "1987-03-15";
    EXPECT_EQ(ids(search(request)), "a1 a2");
}

TEST_F(SearchTest, DateFieldInTheQueryLanguage) {
    SearchRequest request;
    request.sort = Sort::kOldest;
    request.query = "date:1987-04";
    EXPECT_EQ(ids(search(request)), "a3 a4");
    request.query = "date:..1987-03-15";
    EXPECT_EQ(ids(search(request)), "a1 a2");
}

TEST_F(SearchTest, DateFacetOfASpanUnderThreeMonthsIsByDay) {
    auto r = search(all_facets());
    EXPECT_EQ(counts(r, "date"), "1987-03-02:1|1987-03-15:1|1987-04-01:1|1987-04-02:1|1987-05-20:1");
    EXPECT_EQ(r.facets[3].values[0].label, "2 March 1987");
}

TEST_F(SearchTest, BadDateIsAUsageError) {
    SearchRequest request;
    request.from = "yesterday-ish";
    EXPECT_THROW(search(request), UsageError);
    request.from = "1988";
    request.to = "1987";
    EXPECT_THROW(search(request), UsageError);
}

TEST_F(SearchTest, SortsByDate) {
    SearchRequest request;
    request.sort = Sort::kNewest;
    EXPECT_EQ(ids(search(request)), "a5 a4 a3 a2 a1");
    request.sort = Sort::kOldest;
    EXPECT_EQ(ids(search(request)), "a1 a2 a3 a4 a5");
}

TEST_F(SearchTest, PagesWithOffsetAndLimitAndRanksCountFromTheFirstResult) {
    SearchRequest request;
    request.sort = Sort::kNewest;
    request.offset = 2;
    request.limit = 2;
    auto r = search(request);
    EXPECT_EQ(ids(r), "a3 a2");
    EXPECT_EQ(r.hits[0].rank, 3u);
    EXPECT_EQ(r.hits[1].rank, 4u);
    EXPECT_EQ(r.estimate, 5u);
}

TEST_F(SearchTest, LimitZeroGivesTotalsAndFacetsOnly) {
    SearchRequest request = all_facets();
    request.limit = 0;
    auto r = search(request);
    EXPECT_TRUE(r.hits.empty());
    EXPECT_EQ(r.estimate, 5u);
    EXPECT_EQ(counts(r, "actor"), "james-baker:3|gerhard-stoltenberg:1");
}

TEST_F(SearchTest, TitleMatchesRankFirst) {
    SearchRequest request;
    request.query = "baker";  // a2's title and body; a5's body only
    auto r = search(request);
    ASSERT_EQ(r.hits.size(), 2u);
    EXPECT_EQ(r.hits[0].id, "a2");
}

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

TEST_F(SearchTest, HitsCarryStoredFieldsWithLabels) {
    SearchRequest request;
    request.query = "surplus";
    auto r = search(request);
    ASSERT_EQ(r.hits.size(), 1u);
    const Hit& h = r.hits[0];
    EXPECT_EQ(h.id, "a3");
    EXPECT_EQ(h.title, "Japan trade surplus widens");
    EXPECT_EQ(h.date, "1987-04-01");
    ASSERT_EQ(h.regions.size(), 2u);
    EXPECT_EQ(h.regions[0].value, "japan");
    EXPECT_EQ(h.regions[0].label, "Japan");
}

TEST_F(SearchTest, SnippetMarksMatchesAndEscapesTheText) {
    SearchRequest request;
    request.query = "gold";
    auto r = search(request);
    ASSERT_EQ(r.hits.size(), 1u);
    const std::string& s = r.hits[0].snippet;
    EXPECT_NE(s.find("<mark>Gold</mark>"), std::string::npos) << s;
    EXPECT_NE(s.find("&lt;b&gt;$400&lt;/b&gt; &amp; silver"), std::string::npos) << s;
    EXPECT_EQ(s.find("<b>"), std::string::npos) << s;
}

TEST_F(SearchTest, MisspelledQueryGetsASuggestion) {
    SearchRequest request;
    request.query = "surplsu";
    auto r = search(request);
    EXPECT_EQ(r.estimate, 0u);
    ASSERT_TRUE(r.corrected.has_value());
    EXPECT_EQ(*r.corrected, "surplus");
}

TEST_F(SearchTest, WellSpelledQueryGetsNoSuggestion) {
    SearchRequest request;
    request.query = "surplus";
    EXPECT_FALSE(search(request).corrected.has_value());
}

TEST_F(SearchTest, OnlyWordsTheIndexLacksAreCorrected) {
    {
        // "planet" is a word of the index, but "plane" is far more
        // frequent: Xapian alone would offer "plane" for either.
        Xapian::WritableDatabase db(dir_.string(), Xapian::DB_OPEN);
        db.add_spelling("planet", 1);
        db.add_spelling("plane", 50);
        db.commit();
    }
    searcher_.emplace(dir_.string());
    SearchRequest request;
    request.query = "planet";
    EXPECT_FALSE(search(request).corrected.has_value());
    request.query = "japan planet";
    EXPECT_FALSE(search(request).corrected.has_value());
    request.query = "planet 1987";  // a number is no word the spelling data lacks
    EXPECT_FALSE(search(request).corrected.has_value());
    request.query = "japan plnae";
    auto r = search(request);
    ASSERT_TRUE(r.corrected.has_value());
    EXPECT_EQ(*r.corrected, "japan plane");
}

TEST_F(SearchTest, MalformedQueriesAreUsageErrors) {
    for (const char* query : {"title:", "((((", "AND OR", "oil AND", "NOT", "a)", "()", "date:nonsense"}) {
        SearchRequest request;
        request.query = query;
        EXPECT_THROW(search(request), UsageError) << query;
    }
}

TEST_F(SearchTest, UnknownFacetOrFilterIsAUsageError) {
    SearchRequest request;
    request.facets = {"colour"};
    EXPECT_THROW(search(request), UsageError);
    SearchRequest filtered;
    filtered.filters["colour"] = {"red"};
    EXPECT_THROW(search(filtered), UsageError);
}

TEST(Searcher, MissingDatabaseIsADatabaseErrorSayingWhatToDo) {
    const std::string path = "/nonexistent/newsdesk-db";
    try {
        Searcher searcher(path);
        FAIL() << "expected a DatabaseError";
    } catch (const DatabaseError& e) {
        std::string msg = e.what();
        EXPECT_NE(msg.find(path), std::string::npos) << msg;
        EXPECT_NE(msg.find("newsdesk-index --db " + path), std::string::npos) << msg;
    }
}

TEST_F(SearchTest, OnlyASearchThatCanReadManyPostingsGetsATimeLimit) {
    Xapian::Database db(dir_.string());
    const Xapian::Query oil = parse_query(db, "oil");
    EXPECT_EQ(time_limit_for(db, oil, 2.0), 0) << "a few postings: no timer thread";
    EXPECT_EQ(time_limit_for(db, oil, 2.0, 0), 2.0) << "past the bound the limit is set";
    EXPECT_EQ(time_limit_for(db, oil, 0), 0) << "no limit asked for";
    EXPECT_EQ(time_limit_for(db, parse_query(db, "oil*"), 2.0), 2.0) << "a wildcard has no bound";
    const auto all = db.get_doccount();
    EXPECT_EQ(time_limit_for(db, parse_query(db, ""), 2.0, all), 0) << "match-all reads each document once";
    EXPECT_EQ(time_limit_for(db, parse_query(db, ""), 2.0, all - 1), 2.0);
    const Xapian::Query phrase = parse_query(db, "\"oil prices\"");
    std::uint64_t words = 0;
    for (auto t = phrase.get_unique_terms_begin(); t != phrase.get_unique_terms_end(); ++t) words += db.get_termfreq(*t);
    ASSERT_GT(words, 0u);
    EXPECT_EQ(time_limit_for(db, phrase, 2.0, 8 * words - 1), 2.0) << "a phrase reads positions: eight times";
}

TEST(QuerySyntax, AcceptsWhatTheQueryLanguageAllows) {
    for (const char* query : {"oil", "oil AND gas", "oil OR (gas AND NOT coal)", "NOT oil", "\"oil prices\"",
                              "title:\"oil (prices\"", "+oil -gas", "oil NEAR/3 gas", "oil*", "region:usa",
                              "title:oil", "and or", "oil AND NOT gas", "(oil)"}) {
        EXPECT_NO_THROW(check_query_syntax(query)) << query;
    }
}

TEST(QuerySyntax, ExplainsTheMistakeInOneLine) {
    struct Case { const char* query; const char* message; };
    for (const auto& c : std::vector<Case>{
             {"title:", "malformed query: 'title:' needs a value right after the colon (e.g. title:value)"},
             {"((((", "malformed query: 4 '(' without a matching ')'"},
             {"AND OR", "malformed query: 'AND' needs a word or a bracketed query on each side"},
             {"oil)", "malformed query: ')' without a matching '('"},
             {"oil NOT", "malformed query: 'NOT' needs a word or a bracketed query after it"},
             {"oil NEAR \"gas price\"", "malformed query: 'NEAR' joins single words (oil NEAR gas), not '\"gas price\"'"},
             {"oil NEAR/3 gas ADJ price",
              "malformed query: 'NEAR/3' and 'ADJ' cannot be chained; join them with AND: (a NEAR b) AND (b ADJ c)"},
             {"crude oil NEAR gas", "malformed query: 'oil NEAR gas' needs brackets to go with other words: (oil NEAR gas) ..."},
         }) {
        try {
            check_query_syntax(c.query);
            ADD_FAILURE() << "accepted " << c.query;
        } catch (const UsageError& e) {
            EXPECT_EQ(std::string(e.what()), c.message) << c.query;
        }
    }
}

/// The date facet's buckets for days @p days (each counted once).
std::string date_buckets(const std::vector<std::string>& days) {
    DayCounts counts;
    for (const auto& day : days) ++counts[day];
    std::string out;
    for (const auto& v : date_facet(counts).values)
        out += (out.empty() ? "" : "|") + v.value + "=" + v.label + ":" + std::to_string(v.count);
    return out;
}

TEST(DateFacet, BucketSuitsTheSpan) {
    EXPECT_EQ(date_buckets({"19870302", "19870302", "19870310"}), "1987-03-02=2 March 1987:2|1987-03-10=10 March 1987:1");
    EXPECT_EQ(date_buckets({"19870226", "19870301", "19871019"}),
              "1987-02=February 1987:1|1987-03=March 1987:1|1987-10=October 1987:1");
    EXPECT_EQ(date_buckets({"19870226", "19910101", "19910707"}), "1987=1987:1|1991=1991:2");
    EXPECT_EQ(date_buckets({}), "");
}

TEST(Render, JsonKeepsTheContractNames) {
    SearchResult r;
    r.query = "oil";
    r.hits.push_back(Hit{1, "x", 1.5, "T", "1987-03-02", "Reuters", "", "", "en", {{"james-baker", "James Baker"}}, {}, {}, "s", {}});
    r.facets.push_back(Facet{"region", {{"usa", "USA", 3}}});
    auto j = to_json(r);
    for (const char* key : {"query", "parsed", "total", "offset", "limit", "corrected", "elapsed_ms", "results", "facets",
                            "match", "ranked"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_FALSE(j["results"][0].contains("explain")) << "only when asked";
    EXPECT_TRUE(j["corrected"].is_null());
    EXPECT_EQ(j["total"].size(), 3u);
    EXPECT_EQ(j["results"][0]["actors"][0]["label"], "James Baker");
    EXPECT_EQ(j["facets"]["region"][0]["count"], 3);
}

TEST(Render, JsonExplainsAHitTermByTerm) {
    SearchResult r;
    Hit hit;
    hit.explain = Explanation{"relaxed", 3.5, 120, 1, {{"Zoil", "query", 2, 40, 1.5, 3.35, 0.15}, {"Zgas", "query", 0, 9, 2.5, 0, 0}}};
    r.hits.push_back(hit);
    auto e = to_json(r)["results"][0]["explain"];
    EXPECT_EQ(e["match"], "relaxed");
    EXPECT_EQ(e["document_length"], 120);
    EXPECT_EQ(e["terms_matched"], 1);
    ASSERT_EQ(e["terms"].size(), 2u);
    EXPECT_EQ(e["terms"][0]["term"], "Zoil");
    EXPECT_EQ(e["terms"][0]["wdf"], 2);
    EXPECT_DOUBLE_EQ(e["terms"][0]["weight"].get<double>(), 3.5);
    std::ostringstream text;
    render(r, Format::kText, text);
    EXPECT_NE(text.str().find("Zoil: wdf 2"), std::string::npos) << text.str();
}

TEST(Render, TextSaysWhenNoArticleHasEveryWord) {
    SearchResult r;
    r.match = "relaxed";
    std::ostringstream text;
    render(r, Format::kText, text);
    EXPECT_NE(text.str().find(kRelaxedNote), std::string::npos);
    r.match = "all";
    std::ostringstream all;
    render(r, Format::kText, all);
    EXPECT_EQ(all.str().find(kRelaxedNote), std::string::npos);
}

TEST(Render, TsvEscapesTabsAndNewlines) {
    SearchResult r;
    r.hits.push_back(Hit{1, "x", 1, "a\tb\nc\\d", "", "", "", "", "", {}, {}, {}, "<mark>a</mark> &amp; b", {}});
    std::ostringstream out;
    render(r, Format::kTsv, out);
    std::string text = out.str();
    EXPECT_NE(text.find("\ta\\tb\\nc\\\\d\t"), std::string::npos) << text;
    EXPECT_NE(text.find("\ta & b\n"), std::string::npos) << text;
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
}

}  // namespace
}  // namespace newsdesk::search
