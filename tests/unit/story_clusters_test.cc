// Story clusters: which articles are the same story, and keys kept right as
// articles come, change and go.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "dates.h"
#include "document_builder.h"
#include "fingerprint.h"
#include "parallel_clusters.h"
#include "schema.h"
#include "story_clusters.h"
#include "test_dir.h"

namespace newsdesk::clusters {
namespace {

const std::string kStory =
    "The Bank of Japan bought a modest amount of dollars this morning, possibly around 200 to 300 mln, "
    "dealers said. One dealer said the central bank bought about 200 mln dlrs when the dollar fell to "
    "148.50 yen, to stop it from falling further, and the currency recovered to 149 yen by midday.";
const std::string kOtherStory =
    "Indonesian Energy Minister Subroto said he sees the oil market continuing bullish, with underlying "
    "demand expected to rise later in the year. He told a press conference in Jakarta that prices of "
    "around 18 dlrs a barrel were likely to hold through the third quarter of the year.";

Fingerprint print(const std::string& title, const std::string& body, const std::string& date = "19870325080000") {
    Article a;
    a.title = title;
    a.body = body;
    a.date = date;
    return fingerprint(a);
}

TEST(Fingerprint, IgnoresCaseAndPunctuation) {
    EXPECT_EQ(shingles_of("Oil prices ROSE, sharply today."), shingles_of("oil prices rose sharply today"));
    EXPECT_NE(shingles_of("oil prices rose sharply today"), shingles_of("oil prices fell sharply today"));
    EXPECT_EQ(shingles_of("three words only").size(), 1u);
    EXPECT_TRUE(shingles_of(" , ").empty());
}

TEST(Fingerprint, ASharedStoryIsFoundUnderTheSameTerms) {
    // The sampled terms of a story inside a longer one are the longer one's too.
    const auto first_take = lookup_terms(print("", kStory));
    const auto full = lookup_terms(print("", kStory + " " + kOtherStory));
    std::size_t shared = 0;
    for (const auto& term : first_take) shared += std::find(full.begin(), full.end(), term) != full.end();
    EXPECT_GE(shared, 1u);
    EXPECT_EQ(sample_count(print("", kStory)), first_take.size());
}

TEST(SameStory, ACorrectedVersionIs) {
    std::string corrected = kStory;
    corrected.replace(corrected.find("148.50"), 6, "148.60");
    EXPECT_TRUE(same_story(print("JAPAN BUYS DOLLARS", kStory), print("CORRECTED - JAPAN BUYS DOLLARS", corrected)));
}

TEST(SameStory, AFullerTakeIsAndAnotherStoryIsNot) {
    const auto first_take = print("JAPAN BUYS DOLLARS", kStory, "19870325080000");
    EXPECT_TRUE(same_story(first_take, print("JAPAN BUYS DOLLARS", kStory + " Dealers expect more.", "19870325100000")));
    EXPECT_FALSE(same_story(first_take, print("SUBROTO SEES OIL MARKET BULLISH", kOtherStory)));
    // A digest that quotes the story among many others tells another story.
    std::string digest = kStory;
    for (int i = 0; i < 200; ++i) digest += " item" + std::to_string(i);
    EXPECT_FALSE(same_story(first_take, print("MARKETS ROUND-UP", digest)));
}

TEST(SameStory, ARecurringReportIsAnotherDaysStory) {
    // The same wording a week later, with other figures: next week's report.
    std::string next_week = kStory;
    next_week.replace(next_week.find("200 to 300"), 10, "100 to 150");
    EXPECT_FALSE(same_story(print("JAPAN BUYS DOLLARS", kStory, "19870318080000"),
                            print("JAPAN BUYS DOLLARS", next_week, "19870325080000")));
    // A long text repeated word for word is a copy whenever it is sent.
    EXPECT_TRUE(same_story(print("", kStory + " " + kOtherStory, "19870101000000"),
                           print("", kStory + " " + kOtherStory, "19870601000000")));
}

TEST(SameStory, SizesAndDatesAloneRuleOutWhatTheTextsCouldNotChange) {
    const std::int64_t march = *dates::seconds_since_epoch("19870325080000");
    const std::int64_t next_year = *dates::seconds_since_epoch("19880325080000");
    const std::string first_sentence = kStory.substr(0, kStory.find(" One dealer"));
    const std::size_t short_text = print("JAPAN BUYS DOLLARS", first_sentence).shingles.size();
    const std::size_t story = print("", kStory).shingles.size();
    const std::size_t both = print("", kStory + " " + kOtherStory).shingles.size();
    ASSERT_LT(short_text, 40u);
    // Too short to be a copy at any distance: a year apart, nothing is.
    EXPECT_TRUE(may_be_same_story(short_text, short_text, march, march + 3600));
    EXPECT_FALSE(may_be_same_story(short_text, short_text, march, next_year));
    // A long text may be a copy a year on, but not of one much shorter.
    EXPECT_TRUE(may_be_same_story(both, both, march, next_year));
    EXPECT_FALSE(may_be_same_story(story, both, march, next_year));
    // Within days, a story may be inside a fuller take, not a line inside a digest.
    EXPECT_TRUE(may_be_same_story(story, both, march, march + 86400));
    EXPECT_FALSE(may_be_same_story(10, both, march, march + 86400));
    // What is not known rules out nothing.
    EXPECT_TRUE(may_be_same_story(short_text, short_text, march, std::nullopt));
    EXPECT_TRUE(may_be_same_story(0, both, march, next_year));
}

// may_be_same_story() only spares comparisons: whatever it rules out,
// same_story() finds apart too.
TEST(SameStory, WhatSizesAndDatesRuleOutIsNeverTheSameStory) {
    const std::vector<std::string> texts = {
        kStory, kOtherStory, kStory + " " + kOtherStory, kStory.substr(0, kStory.find(" One dealer")),
        kStory + " More to follow.", kOtherStory.substr(0, 120), "Bank of Japan bought dollars, dealers said.",
    };
    const std::vector<std::string> dates = {"19870325080000", "19870325200000", "19870327080000",
                                            "19870401080000", "19880325080000", ""};
    int ruled_out = 0;
    for (const auto& a : texts)
        for (const auto& b : texts)
            for (const auto& da : dates)
                for (const auto& db : dates) {
                    const Fingerprint fa = print("", a, da), fb = print("", b, db);
                    if (may_be_same_story(fa.shingles.size(), fb.shingles.size(), dates::seconds_since_epoch(da),
                                          dates::seconds_since_epoch(db)))
                        continue;
                    ++ruled_out;
                    EXPECT_FALSE(same_story(fa, fb)) << a << " / " << b << " / " << da << " / " << db;
                }
    EXPECT_GT(ruled_out, 100);
}

TEST(ClusterKey, NumbersAndSpellsBackAKey) {
    const std::string key = cluster_key("Qreuters-42");
    ASSERT_NE(key_number(key), 0u);
    EXPECT_EQ(key_text(key_number(key)), key);
    EXPECT_EQ(key_number("not a key"), 0u);
    EXPECT_EQ(key_number("0123456789ABCDEF"), 0u);  // cluster_key() spells in lower case
}

TEST(SameStory, AHeadlineMustMatchNearlyWordForWordWithinHours) {
    const auto chemical = print("CHEMICAL BANK CUTS PRIME RATE TO 9.25 PCT FROM 9.75 PCT, EFFECTIVE IMMEDIATELY", "",
                                "19871020090500");
    EXPECT_FALSE(same_story(chemical, print("MARINE MIDLAND BANK CUTS PRIME RATE TO 9.25 PCT FROM 9.75 PCT, EFFECTIVE IMMEDIATELY",
                                            "", "19871020090800")));
    EXPECT_TRUE(same_story(chemical, print("Chemical Bank cuts prime rate to 9.25 pct from 9.75 pct, effective immediately", "",
                                           "19871020091500")));
    const auto monday = print("FED SETS 1.5 BILLION DLR CUSTOMER REPURCHASE, FED SAYS", "", "19870302114200");
    EXPECT_FALSE(same_story(monday, print("FED SETS 1.5 BILLION DLR CUSTOMER REPURCHASE, FED SAYS", "", "19870303114200")));
    EXPECT_FALSE(same_story(print("", "Photo"), print("", "Photo")));  // too little to tell
}

/// Writes articles as the indexer's writer does, with their story clusters.
class ClusterFixture : public ::testing::Test {
  protected:
    test::TestDir dir_{"newsdesk-clusters"};
    Xapian::WritableDatabase db_{dir_.string(), Xapian::DB_CREATE_OR_OVERWRITE};
    StoryClusters stories_{db_};
    DocumentBuilder builder_{"english"};

    static Article article(const std::string& id, const std::string& body, const std::string& date = "19870325080000") {
        Article a;
        a.id = id;
        a.title = "";
        a.body = body;
        a.date = date;
        return a;
    }

    Xapian::docid write(const std::string& id, const std::string& body, const std::string& date = "19870325080000") {
        const Article a = article(id, body, date);
        const Fingerprint fp = fingerprint(a);
        Xapian::Document doc = builder_.build(a, "test.jsonl", fp);
        const std::string term = schema::id_term(id);
        Xapian::docid old = 0;
        if (auto it = db_.postlist_begin(term); it != db_.postlist_end(term)) old = *it;
        stories_.place(doc, term, fp, old);
        const Xapian::docid did = db_.replace_document(term, doc);
        stories_.written(did, fp);
        return did;
    }

    void remove(const std::string& id) {
        const std::string term = schema::id_term(id);
        auto it = db_.postlist_begin(term);
        ASSERT_NE(it, db_.postlist_end(term));
        stories_.forget(*it);
        db_.delete_document(*it);
    }

    std::string key(const std::string& id) {
        const std::string term = schema::id_term(id);
        auto it = db_.postlist_begin(term);
        return it == db_.postlist_end(term) ? "?" : db_.get_document(*it).get_value(schema::kClusterSlot);
    }

    Xapian::doccount cluster_size(const std::string& id) {
        return db_.get_termfreq(std::string(schema::prefix::kCluster) + key(id));
    }

    static std::string own(const std::string& id) { return cluster_key(schema::id_term(id)); }
};

TEST_F(ClusterFixture, NearDuplicatesShareAKeyAndOthersKeepTheirOwn) {
    write("a", kStory);
    write("a-corrected", kStory + " Corrects the amount.");
    write("other", kOtherStory);
    EXPECT_EQ(key("a"), own("a"));  // the first of its story founded it
    EXPECT_EQ(key("a-corrected"), own("a"));
    EXPECT_EQ(cluster_size("a"), 2u);
    EXPECT_EQ(key("other"), own("other"));
    EXPECT_EQ(cluster_size("other"), 1u);
}

TEST_F(ClusterFixture, AnArticleLinkingTwoClustersMergesThem) {
    write("a1", kStory);
    write("a2", kStory + " More to follow.");
    write("b1", kOtherStory);
    write("b2", kOtherStory + " More to follow.");
    ASSERT_NE(key("a1"), key("b1"));
    // A round-up made of both stories is each one's story: the clusters join.
    write("both", kStory + " " + kOtherStory);
    EXPECT_EQ(key("a1"), key("b1"));
    EXPECT_EQ(cluster_size("a1"), 5u);
}

TEST_F(ClusterFixture, AChangedArticleLeavesItsClusterAndAnotherJoinsIt) {
    write("a", kStory);
    write("b", kStory + " Corrects the amount.");
    ASSERT_EQ(cluster_size("a"), 2u);
    write("b", kOtherStory);  // b now tells another story
    EXPECT_EQ(cluster_size("a"), 1u);
    EXPECT_EQ(key("b"), own("b"));
    EXPECT_EQ(cluster_size("b"), 1u);
    write("c", kStory + " Updates with the close.");
    EXPECT_EQ(cluster_size("c"), 2u);
    EXPECT_EQ(key("a"), key("c"));
}

TEST_F(ClusterFixture, DeletingTheLinkSplitsTheCluster) {
    write("a", kStory);
    write("both", kStory + " " + kOtherStory);
    write("b", kOtherStory);
    ASSERT_EQ(cluster_size("a"), 3u);
    remove("both");
    EXPECT_EQ(key("a"), own("a"));
    EXPECT_EQ(key("b"), own("b"));
    EXPECT_EQ(cluster_size("a"), 1u);
    EXPECT_EQ(cluster_size("b"), 1u);
}

TEST_F(ClusterFixture, WhenItsFounderLeavesAClusterTakesAnotherKey) {
    write("a", kStory);
    write("a2", kStory + " More to follow.");
    write("a3", kStory + " Updates with the close.");
    ASSERT_EQ(key("a2"), own("a"));
    write("a", kOtherStory);  // the founder now tells another story, under its own key again
    EXPECT_EQ(key("a"), own("a"));
    EXPECT_EQ(cluster_size("a"), 1u);
    EXPECT_NE(key("a2"), own("a"));
    EXPECT_EQ(key("a2"), key("a3"));
    EXPECT_EQ(cluster_size("a2"), 2u);
}

TEST_F(ClusterFixture, ARegroupedClusterKeepsTheKeyOfItsLargerPart) {
    write("a1", kStory);
    write("a2", kStory + " More to follow.");
    write("a3", kStory + " Updates with the close.");
    write("both", kStory + " " + kOtherStory);
    write("b", kOtherStory);
    const std::string before = key("a1");
    ASSERT_EQ(cluster_size("a1"), 5u);
    remove("both");
    EXPECT_EQ(key("a1"), before);
    EXPECT_EQ(cluster_size("a1"), 3u);
    EXPECT_EQ(key("b"), own("b"));
}

/// The articles of a parallel build of two shards, each writer's document
/// K of the whole being document (K + 1) / 2 of shard (K - 1) % 2, as Xapian
/// numbers the shards opened as one; stories found as they are dealt, among
/// the @p window before each one, and linked further back once written.
class ParallelFixture : public ClusterFixture {
  protected:
    test::TestDir shards_{"newsdesk-clusters-shards"};
    std::vector<Xapian::WritableDatabase> shard_;
    Xapian::WritableDatabase all_;

    void build(const std::vector<std::pair<std::string, std::string>>& articles, Xapian::docid window) {
        std::filesystem::create_directories(shards_.path());
        for (const char* name : {"0", "1"}) {
            shard_.emplace_back((shards_.path() / name).string(), Xapian::DB_CREATE_OR_OVERWRITE);
            all_.add_database(shard_.back());
        }
        StoryClusters linked(all_);
        ParallelClusters dealt(window);
        Xapian::docid did = 0;
        for (const auto& [id, body] : articles) {
            const Article a = article(id, body);
            const Fingerprint fp = fingerprint(a);
            Xapian::Document doc = builder_.build(a, "test.jsonl", fp);
            std::vector<std::pair<Xapian::docid, std::string>> rekeyed;
            set_cluster(doc, dealt.place(++did, schema::id_term(id), fp, rekeyed));
            linked.written(did, fp);
            shard((did - 1) % 2).replace_document((did - 1) / 2 + 1, doc);
            for (const auto& [other, key] : rekeyed) {
                Xapian::Document moved = shard((other - 1) % 2).get_document((other - 1) / 2 + 1);
                set_cluster(moved, key);
                shard((other - 1) % 2).replace_document((other - 1) / 2 + 1, moved);
            }
        }
        for (auto& s : shard_) s.commit();
        linked.link_all(dealt.window());
        for (auto& s : shard_) s.commit();
    }

    Xapian::WritableDatabase& shard(Xapian::docid n) { return shard_[n]; }

    std::string built_key(const std::string& id) {
        auto it = all_.postlist_begin(schema::id_term(id));
        return it == all_.postlist_end(schema::id_term(id)) ? "?" : all_.get_document(*it).get_value(schema::kClusterSlot);
    }
};

const std::vector<std::pair<std::string, std::string>> kDealt = {
    {"a1", kStory},
    {"b1", kOtherStory},
    {"a2", kStory + " More to follow."},
    {"b2", kOtherStory + " More to follow."},
    {"both", kStory + " " + kOtherStory},  // joins the two stories: one is re-keyed
    {"b3", kOtherStory + " Updates with the close."},
};

TEST_F(ParallelFixture, StoriesFoundAsTheArticlesAreDealtAreOneWritersStories) {
    for (const auto& [id, body] : kDealt) write(id, body);
    build(kDealt, ParallelClusters::kWindow);
    for (const auto& [id, body] : kDealt) EXPECT_EQ(built_key(id), key(id)) << id;
    EXPECT_EQ(all_.get_termfreq(std::string(schema::prefix::kCluster) + key("a1")), 6u);
}

TEST_F(ParallelFixture, StoriesFurtherBackAreLinkedOnceWritten) {
    for (const auto& [id, body] : kDealt) write(id, body);
    build(kDealt, 1);  // each compared with the one before it only
    for (const auto& [id, body] : kDealt) EXPECT_EQ(built_key(id), key(id)) << id;
}

// Each copy is linked to the one before it as it is dealt; the later pass
// meets copies that are one story already (a3 and a1), copies that are not
// yet (a4 and a1), and the story that "both" joins to them.
TEST_F(ParallelFixture, AStoryRepeatedFarApartStaysOneStoryWhenLinkedOnceWritten) {
    const std::vector<std::pair<std::string, std::string>> repeated = {
        {"a1", kStory}, {"a2", kStory}, {"a3", kStory}, {"b1", kOtherStory},
        {"a4", kStory}, {"b2", kOtherStory}, {"both", kStory + " " + kOtherStory},
    };
    for (const auto& [id, body] : repeated) write(id, body);
    build(repeated, 1);
    for (const auto& [id, body] : repeated) EXPECT_EQ(built_key(id), key(id)) << id;
    EXPECT_EQ(all_.get_termfreq(std::string(schema::prefix::kCluster) + built_key("a1")), 7u);
}

TEST_F(ParallelFixture, StoriesAreAllLinkedOnceWrittenWhenNoneWereComparedAsDealt) {
    for (const auto& [id, body] : kDealt) write(id, body);
    build(kDealt, 0);
    for (const auto& [id, body] : kDealt) EXPECT_EQ(built_key(id), key(id)) << id;
}

}  // namespace
}  // namespace newsdesk::clusters
