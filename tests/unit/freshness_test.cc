// Dates relative to a fixed now, and Sort::kFresh: relevance times a decay
// for age, checked against the formula and, on a larger index, against a
// brute-force re-ranking of every match.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "dates.h"
#include "error.h"
#include "freshness.h"
#include "search_fixture.h"

namespace newsdesk::search {
namespace {

/// The fixture's articles run from 2 March to 20 May 1987.
constexpr const char* kEndOfMay20 = "19870520235959";

SearchRequest fresh(std::string query, std::string now = kEndOfMay20) {
    SearchRequest r;
    r.query = std::move(query);
    r.sort = Sort::kFresh;
    r.now = std::move(now);
    r.facets = {};
    r.explain = true;
    return r;
}

TEST(Decay, HalvesEveryHalfLifeEitherWayAndIsZeroWithoutADate) {
    EXPECT_DOUBLE_EQ(decay_factor(0, 7), 1.0);
    EXPECT_DOUBLE_EQ(decay_factor(7, 7), 0.5);
    EXPECT_DOUBLE_EQ(decay_factor(21, 7), 0.125);
    Decay week = decay_of("19870513235959", kEndOfMay20, 7);
    EXPECT_DOUBLE_EQ(*week.age_days, 7.0);
    EXPECT_DOUBLE_EQ(week.factor, 0.5);
    EXPECT_DOUBLE_EQ(decay_of("19870527235959", kEndOfMay20, 7).factor, 0.5);  // misdated into the future
    Decay undated = decay_of("", kEndOfMay20, 7);
    EXPECT_EQ(undated.factor, 0.0);
    EXPECT_FALSE(undated.age_days);
    EXPECT_EQ(undated.half_life_days, 7.0);
}

TEST(HalfLife, ParsesANumberAndAUnit) {
    EXPECT_DOUBLE_EQ(*parse_half_life("7d"), 7.0);
    EXPECT_DOUBLE_EQ(*parse_half_life("12h"), 0.5);
    EXPECT_DOUBLE_EQ(*parse_half_life("2w"), 14.0);
    EXPECT_DOUBLE_EQ(*parse_half_life("1.5d"), 1.5);
    EXPECT_DOUBLE_EQ(*parse_half_life("1m"), 30.0);
    EXPECT_DOUBLE_EQ(*parse_half_life("1y"), 365.0);
    EXPECT_DOUBLE_EQ(*parse_half_life("1h"), kMinHalfLifeDays);
    for (const char* bad : {"", "7", "d", "7x", "-7d", "0d", "30m ", "0.5h", "101y", "1e3d", "7 d", "nand", ".d"})
        EXPECT_FALSE(parse_half_life(bad)) << bad;
}

TEST(Now, IsADateStandingForItsLastMoment) {
    EXPECT_EQ(parse_now("1987-10-20"), "19871020235959");
    EXPECT_EQ(parse_now("1987-10-20T08:30:00"), "19871020083000");
    EXPECT_EQ(parse_now("1987-10"), "19871031235959");
    EXPECT_FALSE(parse_now("yesterday"));
    EXPECT_FALSE(parse_now("-7d"));
    EXPECT_FALSE(parse_now("soon"));
}

TEST_F(SearchTest, FreshRanksByRelevanceTimesDecay) {
    // a2 has Baker in its title and body, a5 only in its body: a2 is more
    // relevant, a5 is the article of the day.
    SearchRequest relevance = fresh("baker");
    relevance.sort = Sort::kRelevance;
    EXPECT_EQ(ids(search(relevance)), "a2 a5");
    auto r = search(fresh("baker"));
    EXPECT_EQ(ids(r), "a5 a2");
    for (const auto& hit : r.hits) {
        ASSERT_TRUE(hit.explain && hit.explain->decay) << hit.id;
        const Decay& d = *hit.explain->decay;
        EXPECT_NEAR(d.factor, std::pow(0.5, *d.age_days / 7), 1e-12) << hit.id;
        EXPECT_NEAR(hit.score, hit.explain->score * d.factor, 1e-12) << hit.id;
        EXPECT_EQ(d.half_life_days, kDefaultHalfLifeDays);
    }
    EXPECT_NEAR(*r.hits[0].explain->decay->age_days, 1.0 - 1.0 / 86400, 1e-9);  // dated the start of 20 May
    // Other sorts say nothing of decay.
    EXPECT_FALSE(search(relevance).hits[0].explain->decay);
}

TEST_F(SearchTest, ALongHalfLifeKeepsTheRelevanceOrder) {
    SearchRequest century = fresh("baker OR oil OR trade OR gold");
    century.half_life_days = kMaxHalfLifeDays;
    SearchRequest relevance = century;
    relevance.sort = Sort::kRelevance;
    EXPECT_EQ(ids(search(century)), ids(search(relevance)));
}

TEST_F(SearchTest, FreshWithoutWordsListsTheNewestFirst) {
    auto r = search(fresh(""));
    EXPECT_EQ(ids(r), "a5 a4 a3 a2 a1");
    ASSERT_TRUE(r.hits[0].explain->decay);
    EXPECT_NEAR(r.hits[0].explain->decay->factor, std::pow(0.5, r.hits[0].explain->decay->age_days.value() / 7), 1e-12);
    SearchRequest filtered = fresh("region:usa");
    EXPECT_EQ(ids(search(filtered)), "a5 a3 a1");
}

TEST_F(SearchTest, FreshPagesAndTotalsAsRelevanceDoes) {
    SearchRequest request = fresh("baker OR oil OR trade OR gold OR deficit");
    request.limit = 2;
    auto first = search(request);
    request.offset = 2;
    auto second = search(request);
    request.offset = 0;
    request.limit = 10;
    auto all = search(request);
    EXPECT_EQ(ids(first) + " " + ids(second), ids(all).substr(0, ids(first).size() + 1 + ids(second).size()));
    EXPECT_EQ(second.hits.front().rank, 3u);
    EXPECT_EQ(first.estimate, all.estimate);
    request.limit = 0;
    EXPECT_TRUE(search(request).hits.empty());
}

TEST_F(SearchTest, RelativeDatesCountFromTheRequestsNow) {
    SearchRequest r;
    r.facets = {};
    r.now = "19870415120000";  // a Wednesday
    // Without words, the newest first.
    r.query = "date:last-month";
    EXPECT_EQ(ids(search(r)), "a2 a1");
    r.query = "date:this-month";
    EXPECT_EQ(ids(search(r)), "a4 a3");
    r.query = "date:-14d";  // 1 April alone
    EXPECT_EQ(ids(search(r)), "a3");
    r.query = "date:-14d..";
    EXPECT_EQ(ids(search(r)), "a5 a4 a3");  // a5 is dated after "now": an open range keeps it
    r.query = "date:14d";  // from 1 April to the end of today
    EXPECT_EQ(ids(search(r)), "a4 a3");
    r.query = "";
    r.from = "-43d";
    auto since = search(r);
    EXPECT_EQ(ids(since), "a5 a4 a3 a2");
    EXPECT_EQ(since.from, "19870303000000");
    EXPECT_EQ(since.to, "");
    EXPECT_EQ(since.now, "19870415120000");
    r.from = "last-year";
    r.to = "yesterday";
    auto range = search(r);
    EXPECT_EQ(range.from, "19860101000000");
    EXPECT_EQ(range.to, "19870414235959");
    EXPECT_EQ(ids(range), "a4 a3 a2 a1");
}

TEST_F(SearchTest, WithoutANowRelativeDatesCountFromTheClock) {
    SearchRequest r;
    r.facets = {};
    r.from = "-30d";
    auto recent = search(r);
    EXPECT_EQ(recent.estimate, 0u);  // 1987 is long gone
    EXPECT_EQ(recent.now.substr(0, 8), dates::now().substr(0, 8));
    EXPECT_EQ(recent.from.substr(8), "000000");
}

TEST_F(SearchTest, BadRelativeDatesAndHalfLivesAreUsageErrors) {
    SearchRequest r;
    r.from = "-3x";
    try {
        search(r);
        FAIL() << "no error";
    } catch (const UsageError& e) {
        EXPECT_EQ(std::string(e.what()), std::string("from date '-3x' is not a date (use ") + dates::kBoundForms + ")");
    }
    SearchRequest q;
    q.query = "date:lastweek";
    EXPECT_THROW(search(q), UsageError);
    SearchRequest h = fresh("baker");
    h.half_life_days = 0;
    EXPECT_THROW(search(h), UsageError);
    SearchRequest n = fresh("baker", "1987-05-20");  // not sortable: parse_now() first
    EXPECT_THROW(search(n), UsageError);
}

// --- exactness on a larger index ---------------------------------------------

/// 600 articles over three years, their words and dates random (seeded), so
/// that the best matches by relevance are seldom the freshest.
class FreshnessTest : public ::testing::Test {
  protected:
    void SetUp() override {
        Xapian::WritableDatabase db(dir_.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        DocumentBuilder builder("english");
        FacetDictionary facets(db);
        std::mt19937 random(1987);
        const std::vector<std::string> words = {"oil", "price", "bank", "rate", "gold", "trade", "deficit", "grain"};
        for (int i = 0; i < 600; ++i) {
            std::string body;
            for (int w = 0, n = 5 + static_cast<int>(random() % 40); w < n; ++w) body += words[random() % words.size()] + " ";
            auto draw = [&](unsigned n) { return static_cast<unsigned>(random() % n); };
            char date[16];
            std::snprintf(date, sizeof date, "%04u%02u%02u%02u0000", 1985 + draw(3), 1 + draw(12), 1 + draw(28), draw(24));
            Article a = article("n" + std::to_string(i), words[random() % words.size()] + " news", body,
                                i % 50 == 7 ? "" : date, {}, {}, {});
            Xapian::Document doc = builder.build(a, "fixture.jsonl");
            facets.add_summary(doc, document_facets(a));
            db.replace_document(schema::id_term(a.id), doc);
        }
        db.commit();
        searcher_.emplace(dir_.string());
    }

    /// The first @p n ids of every match of @p request re-ranked by
    /// relevance × decay by hand (ties: newer, then more relevant).
    std::string brute_force(SearchRequest request, std::size_t n) {
        const std::string now = request.now;
        const double half_life = request.half_life_days;
        request.sort = Sort::kRelevance;
        request.offset = 0;
        request.limit = kMaxLimit;
        auto all = searcher_->search(request).hits;
        struct Scored {
            std::string id, date;
            double log_score, relevance;
        };
        std::vector<Scored> scored;
        for (const auto& hit : all) {
            Decay d = decay_of(hit.moment, now, half_life);
            double log_score = hit.score > 0 && d.age_days ? std::log(hit.score) - std::log(2.0) * *d.age_days / half_life
                                                           : -HUGE_VAL;
            scored.push_back({hit.id, hit.moment, log_score, hit.score});
        }
        std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
            if (a.log_score != b.log_score) return a.log_score > b.log_score;
            if (a.date != b.date) return a.date > b.date;
            return a.relevance > b.relevance;
        });
        std::string out;
        for (std::size_t i = request.offset; i < std::min(n, scored.size()); ++i) out += (out.empty() ? "" : " ") + scored[i].id;
        return out;
    }

    test::TestDir dir_{"newsdesk-freshness-test"};
    std::optional<Searcher> searcher_;
};

TEST_F(FreshnessTest, PagesEqualABruteForceReRankingOfEveryMatch) {
    for (const char* now : {"19871231235959", "19860615120000", "19900101000000"}) {
        for (double half_life : {0.5, 7.0, 30.0, 365.0}) {
            for (const char* query : {"oil", "gold deficit", "bank OR rate", "grain news"}) {
                SearchRequest request;
                request.query = query;
                request.sort = Sort::kFresh;
                request.now = now;
                request.half_life_days = half_life;
                request.facets = {};
                request.limit = 10;
                const std::string expected = brute_force(request, 40);
                std::string got;
                for (unsigned offset : {0u, 10u, 20u, 30u}) {
                    request.offset = offset;
                    got += (got.empty() ? "" : " ") + ids(searcher_->search(request));
                }
                EXPECT_EQ(got, expected) << query << " as of " << now << ", half-life " << half_life;
            }
        }
    }
}

TEST_F(FreshnessTest, NewestFirstPagesEqualTheWholeMatchSorted) {
    // A page of the newest is looked for among the newest months (newest.h);
    // a limit past every match sorts the whole match, undated articles last.
    for (const char* query : {"", "oil", "gold deficit"}) {
        for (bool collapse : {true, false}) {
            for (Sort sort : {Sort::kNewest, Sort::kRelevance}) {
                if (sort == Sort::kRelevance && *query) continue;  // by relevance, words are not listed by date
                SearchRequest request;
                request.query = query;
                request.sort = sort;
                request.collapse = collapse;
                request.facets = {};
                request.limit = kMaxLimit;
                const SearchResult whole = searcher_->search(request);
                ASSERT_GT(whole.hits.size(), 100u) << query;
                for (unsigned offset : {0u, 10u, 30u, static_cast<unsigned>(whole.hits.size()) - 5}) {
                    request.offset = offset;
                    request.limit = 10;
                    const SearchResult page = searcher_->search(request);
                    std::string expected;
                    for (std::size_t i = offset; i < std::min<std::size_t>(offset + 10, whole.hits.size()); ++i)
                        expected += (expected.empty() ? "" : " ") + whole.hits[i].id;
                    EXPECT_EQ(ids(page), expected) << "'" << query << "' from " << offset << (collapse ? "" : ", every article");
                    EXPECT_EQ(page.estimate, whole.estimate) << query;
                }
            }
        }
    }
}

}  // namespace
}  // namespace newsdesk::search
