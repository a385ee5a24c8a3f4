// The search library on a small fixed index built with DocumentBuilder.
#include <gtest/gtest.h>

#include "error.h"
#include "facets.h"
#include "query.h"
#include "query_check.h"
#include "schema.h"
#include "search.h"
#include "search_fixture.h"

namespace newsdesk::search {
namespace {

SearchRequest all_facets() {
    SearchRequest r;
    r.facets = {"actor", "region", "topic", "date"};
    r.limit = 10;
    return r;
}

/// Checks that @p request, matching more than half of the @p articles
/// searched by @p searcher, counts what a count reading every match gives
/// (facet limit 0, which the articles left out would have to name value by
/// value). Fewer than ten values each: the two list the same.
void expect_counts_as_every_match_read(Searcher& searcher, SearchRequest request, Xapian::doccount articles) {
    auto left_out = searcher.search(request);
    request.facet_limit = 0;
    auto read = searcher.search(request);
    ASSERT_GT(2 * left_out.estimate, articles) << request.query << ": most of the index";
    EXPECT_EQ(left_out.estimate, read.estimate) << request.query;
    for (const char* facet : {"actor", "region", "topic", "date"})
        EXPECT_EQ(counts(left_out, facet), counts(read, facet)) << request.query << ", " << facet;
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

TEST_F(SearchTest, CountsOverMostOfTheIndexEqualThoseOfEveryMatchRead) {
    // Matching more than half the articles, the counts are the whole index's
    // less those of the articles left out (facets.h, LocalCounts).
    for (const char* query : {"oil OR japan OR gold OR deficit", "trade OR baker OR gold", "baker OR japan -gold"}) {
        for (bool filtered : {false, true}) {
            SearchRequest request = all_facets();
            request.query = query;
            request.match = Match::kAll;
            if (filtered) request.filters["region"] = {"usa", "uk", "west-germany"};
            expect_counts_as_every_match_read(*searcher_, request, 5);
        }
    }
}

TEST_F(SearchTest, CountsOverMostOfAnIndexWithADeletedArticleEqualThoseOfEveryMatchRead) {
    // A deleted article leaves a gap in the ids: the articles left out are
    // then read from the index, not numbered from 1 to the last id.
    {
        Xapian::WritableDatabase db(dir_.string());
        db.delete_document(schema::id_term("a1"));
        db.commit();
    }
    searcher_.emplace(dir_.string());
    for (const char* query : {"deficit OR baker OR trade OR gold", "NOT nosuchword"}) {
        SearchRequest request = all_facets();
        request.query = query;
        request.match = Match::kAll;
        expect_counts_as_every_match_read(*searcher_, request, 4);
    }
}

TEST_F(SearchTest, FilteredFacetStillCountsItsOtherValues) {
    SearchRequest request = all_facets();
    request.filters["region"] = {"usa"};
    auto r = search(request);
    EXPECT_EQ(ids(r), "a5 a3 a1") << "without words, the newest first";
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
    DatabaseReader reader(db, nullptr);
    const Xapian::Query oil = parse_query(db, "oil");
    EXPECT_EQ(time_limit_for(reader, oil, 2.0), 0) << "a few postings: no timer thread";
    EXPECT_EQ(time_limit_for(reader, oil, 2.0, 0), 2.0) << "past the bound the limit is set";
    EXPECT_EQ(time_limit_for(reader, oil, 0), 0) << "no limit asked for";
    EXPECT_EQ(time_limit_for(reader, parse_query(db, "oil*"), 2.0), 2.0) << "a wildcard has no bound";
    const auto all = db.get_doccount();
    EXPECT_EQ(time_limit_for(reader, parse_query(db, ""), 2.0, all), 0) << "match-all reads each document once";
    EXPECT_EQ(time_limit_for(reader, parse_query(db, ""), 2.0, all - 1), 2.0);
    const Xapian::Query phrase = parse_query(db, "\"oil prices\"");
    std::uint64_t words = 0;
    for (auto t = phrase.get_unique_terms_begin(); t != phrase.get_unique_terms_end(); ++t) words += db.get_termfreq(*t);
    ASSERT_GT(words, 0u);
    EXPECT_EQ(time_limit_for(reader, phrase, 2.0, 8 * words - 1), 2.0) << "a phrase reads positions: eight times";
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

}  // namespace
}  // namespace newsdesk::search
