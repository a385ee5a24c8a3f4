// Facet counting over hand-made facet summaries (searcher/facets.h).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "facets.h"
#include "schema.h"

namespace newsdesk::search {
namespace {

namespace fs = std::filesystem;

class CountMatchesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("newsdesk-facets-test-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        db_ = Xapian::WritableDatabase(dir_.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    }

    void TearDown() override { fs::remove_all(dir_); }

    /// Adds a document whose summary holds @p day and @p actors (as given, repeats and all).
    Xapian::docid add(const std::string& day, const std::vector<std::string>& actors) {
        Xapian::Document doc;
        doc.add_value(schema::kFacetSummarySlot, schema::encode_facet_summary(day, {actors, {}, {}}));
        return db_.add_document(doc);
    }

    MatchCounts count(const std::vector<Xapian::docid>& ids) {
        db_.commit();
        return count_matches(Xapian::Database(dir_.string()), ids);
    }

    fs::path dir_;
    Xapian::WritableDatabase db_;
};

TEST_F(CountMatchesTest, AValueRepeatedInADocumentCountsOnce) {
    // Twelve values, past the handful a document is expected to hold.
    std::vector<std::string> actors;
    for (int i = 0; i < 12; ++i) actors.push_back("actor-" + std::to_string(i % 10));
    actors.push_back("actor-0");
    auto a = add("19870302", actors);
    auto b = add("19870302", {"actor-0", "actor-0"});
    auto counts = count({a, b});
    ASSERT_EQ(counts.facets.size(), schema::facet_fields().size());
    const auto& actor_counts = counts.facets[0];
    EXPECT_EQ(actor_counts.size(), 10u);
    EXPECT_EQ(actor_counts.at("actor-0"), 2u);
    EXPECT_EQ(actor_counts.at("actor-1"), 1u);
    EXPECT_EQ(actor_counts.at("actor-9"), 1u);
    EXPECT_EQ(counts.days.at("19870302"), 2u);
}

TEST_F(CountMatchesTest, ManyDistinctValuesAreEachCountedExactly) {
    // Enough distinct values to make the counting table grow several times.
    std::vector<Xapian::docid> ids;
    for (int i = 0; i < 1000; ++i) ids.push_back(add(i % 2 ? "19870301" : "19870302", {"v" + std::to_string(i % 500)}));
    auto counts = count(ids);
    const auto& actor_counts = counts.facets[0];
    ASSERT_EQ(actor_counts.size(), 500u);
    for (int v = 0; v < 500; ++v) EXPECT_EQ(actor_counts.at("v" + std::to_string(v)), 2u) << v;
    EXPECT_EQ(counts.days.at("19870301"), 500u);
    EXPECT_EQ(counts.days.at("19870302"), 500u);
}

TEST_F(CountMatchesTest, OnlyTheGivenDocumentsAreCounted) {
    auto a = add("19870302", {"baker"});
    add("19870303", {"baker", "volcker"});
    auto c = add("", {"volcker"});
    auto counts = count({a, c});
    EXPECT_EQ(counts.facets[0].at("baker"), 1u);
    EXPECT_EQ(counts.facets[0].at("volcker"), 1u);
    EXPECT_EQ(counts.days.size(), 1u) << "a document without a day adds no day";
    EXPECT_EQ(counts.days.at("19870302"), 1u);
}

}  // namespace
}  // namespace newsdesk::search
