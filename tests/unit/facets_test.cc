// Facet counting over hand-made facet summaries, and naming the counted ids
// (searcher/facets.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "facet_dictionary.h"
#include "facets.h"
#include "schema.h"
#include "test_dir.h"

namespace newsdesk::search {
namespace {

class FacetsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        db_ = Xapian::WritableDatabase(dir_.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        // Ids up to 100 are given (the summaries below are made by hand).
        for (const auto* field : schema::facet_fields()) db_.set_metadata(schema::facet_last_id_key(field->name), "100");
    }

    /// Adds a document whose summary holds @p day and the actor ids @p actors
    /// (as given, repeats and all).
    Xapian::docid add(std::uint32_t day, const std::vector<std::uint32_t>& actors) {
        Xapian::Document doc;
        doc.add_value(schema::kFacetSummarySlot, schema::encode_facet_summary(day, {actors, {}, {}}));
        return db_.add_document(doc);
    }

    Xapian::Database committed() {
        db_.commit();
        return Xapian::Database(dir_.string());
    }

    MatchCounts count(const std::vector<Xapian::docid>& ids) {
        return count_matches(committed(), ids, DictionaryCache(committed()));
    }

    test::TestDir dir_{"newsdesk-facets-test"};  // first: removed after the database closes
    Xapian::WritableDatabase db_;
};

TEST_F(FacetsTest, AnIdRepeatedInADocumentCountsOnce) {
    auto a = add(19870302, {1, 2, 3, 1, 2, 1});
    auto b = add(19870302, {1, 1});
    auto counts = count({a, b});
    ASSERT_EQ(counts.facets.size(), schema::facet_fields().size());
    EXPECT_EQ(counts.facets[0], (IdCounts{0, 2, 1, 1}));
    EXPECT_EQ(counts.days.at("19870302"), 2u);
}

TEST_F(FacetsTest, OnlyTheGivenDocumentsAreCounted) {
    auto a = add(19870302, {5});
    add(19870303, {5, 9});
    auto c = add(0, {9});
    auto counts = count({a, c});
    EXPECT_EQ(counts.facets[0][5], 1u);
    EXPECT_EQ(counts.facets[0][9], 1u);
    EXPECT_EQ(counts.days.size(), 1u) << "a document without a day adds no day";
    EXPECT_EQ(counts.days.at("19870302"), 1u);
}

TEST_F(FacetsTest, AMalformedSummaryCountsWhatPrecedesTheFault) {
    // Day, one actor id of two, and the rest cut off.
    const std::string whole = schema::encode_facet_summary(19870302, {{4, 7}, {}, {}});
    Xapian::Document doc;
    doc.add_value(schema::kFacetSummarySlot, whole.substr(0, 6));
    auto broken = db_.add_document(doc);
    auto fine = add(19870303, {4});
    auto counts = count({broken, fine});
    EXPECT_EQ(counts.facets[0], (IdCounts{0, 0, 0, 0, 2}));
    EXPECT_EQ(counts.days.size(), 2u);
}

TEST_F(FacetsTest, IdsNoDictionaryGaveAreNotCounted) {
    auto a = add(19870302, {0, 7, 101, 0xFFFFFFFF});
    auto counts = count({a});
    EXPECT_EQ(counts.facets[0], (IdCounts{0, 0, 0, 0, 0, 0, 0, 1}));
}

TEST_F(FacetsTest, IdsAreNamedAndLabelledFromTheDictionary) {
    db_.set_metadata(schema::facet_last_id_key("actor"), "");  // a dictionary of its own, from id 1
    FacetDictionary dictionary(db_);
    Xapian::Document doc;
    // Ids 1..4 for baker, volcker, greenspan, stoltenberg.
    dictionary.add_summary(doc, {"", {{"baker", "James Baker"}, {"volcker", ""}, {"greenspan", "Alan Greenspan"},
                                      {"stoltenberg", "Gerhard Stoltenberg"}}, {}, {}});
    auto db = committed();
    IdCounts counts = {0, 5, 3, 3, 3};
    Facet facet = id_facet("actor", counts, DictionaryCache(db), 3);
    ASSERT_EQ(facet.values.size(), 3u);
    EXPECT_EQ(facet.values[0].value, "baker");
    EXPECT_EQ(facet.values[0].label, "James Baker");
    EXPECT_EQ(facet.values[0].count, 5u);
    // Three values tie at 3 for two places: the first in value order
    // (greenspan, stoltenberg) are kept, not the first numbered (volcker),
    // as counts merged from shards keep them.
    EXPECT_EQ(facet.values[1].value, "greenspan");
    EXPECT_EQ(facet.values[1].label, "Alan Greenspan");
    EXPECT_EQ(facet.values[2].value, "stoltenberg");
    EXPECT_EQ(id_facet("actor", IdCounts{0, 0, 1}, DictionaryCache(db), 3).values.front().label, "volcker")
        << "no label: the value stands in";
    EXPECT_EQ(id_facet("actor", counts, DictionaryCache(db), 0).values.size(), 4u) << "limit 0: every value";
    EXPECT_TRUE(id_facet("actor", IdCounts{}, DictionaryCache(db), 10).values.empty());
}

TEST_F(FacetsTest, MatchingIdsFromPostingsEqualXapiansMatch) {
    // Twelve documents: term "a" in every second, "b" in every third, "c" in
    // 5..9, positions for phrases, a date value for ranges; one deleted.
    for (int i = 1; i <= 12; ++i) {
        Xapian::Document doc;
        if (i % 2 == 0) doc.add_posting("a", 1);
        if (i % 3 == 0) doc.add_posting("b", 2);
        if (i >= 5 && i <= 9) doc.add_term("c");
        doc.add_value(schema::kDateSlot, "198703" + std::string(i < 10 ? "0" : "") + std::to_string(i));
        db_.add_document(doc);
    }
    using Q = Xapian::Query;
    // Every id from 1 to 12 is a document: the ids of all are numbered, not read.
    EXPECT_EQ(matching_ids(committed(), Q::MatchAll, 0), matching_ids(committed(), Q::MatchAll, 1000.0));
    EXPECT_EQ(matching_ids(committed(), Q::MatchAll, 0).size(), 12u);
    db_.delete_document(6);
    auto db = committed();
    const Q a("a"), b("b"), c("c");
    const std::vector<Q> queries = {
        a, Q::MatchAll, Q::MatchNothing, Q(Q::OP_AND, a, b), Q(Q::OP_OR, a, b), Q(Q::OP_AND_NOT, a, b),
        Q(Q::OP_FILTER, Q(Q::OP_OR, a, c), b), Q(Q::OP_AND_MAYBE, c, a), Q(Q::OP_SCALE_WEIGHT, b, 0.0),
        Q(Q::OP_SYNONYM, b, c), Q(Q::OP_AND_NOT, Q::MatchAll, Q(Q::OP_OR, a, Q("missing"))),
        // Not boolean: Xapian's matcher works these out.
        Q(Q::OP_PHRASE, a, b), Q(Q::OP_XOR, a, b), Q(Q::OP_AND, c, Q(Q::OP_VALUE_RANGE, schema::kDateSlot, "19870305", "19870308")),
    };
    for (const Q& query : queries) {
        std::vector<Xapian::docid> matched = matching_ids(db, query, 1000.0);  // a time limit: Xapian's matcher
        EXPECT_EQ(matching_ids(db, query, 0), matched) << query.get_description();
    }
    EXPECT_EQ(matching_ids(db, Q(Q::OP_AND, a, b), 0), (std::vector<Xapian::docid>{12})) << "6 is deleted";
}

}  // namespace
}  // namespace newsdesk::search
