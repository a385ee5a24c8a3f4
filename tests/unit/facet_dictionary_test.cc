// Facet values' ids and labels in the database's metadata (indexer/facet_dictionary.h).
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "facet_dictionary.h"
#include "facet_names.h"
#include "schema.h"

namespace newsdesk {
namespace {

/// The (facet index, id) pairs of @p doc's facet summary.
std::vector<std::pair<std::size_t, std::uint32_t>> ids_of(const Xapian::Document& doc) {
    std::vector<std::pair<std::size_t, std::uint32_t>> ids;
    EXPECT_TRUE(schema::decode_facet_summary(doc.get_value(schema::kFacetSummarySlot), [](std::uint32_t) {},
                                             [&](std::size_t facet, std::uint32_t id) { ids.emplace_back(facet, id); }));
    return ids;
}

using Entry = std::pair<std::string, std::string>;

/// The value and label the dictionary of @p facet holds for @p id.
Entry entry(const Xapian::Database& db, const char* facet, std::uint32_t id) {
    auto chunk = schema::read_dictionary_chunk(db, facet, id);
    const std::size_t i = schema::chunk_index(id);
    return i < chunk.size() ? std::pair(chunk[i].value, chunk[i].label) : std::pair(std::string("(none)"), std::string());
}

TEST(FacetDictionary, GivesEachFacetsValuesIdsInTheOrderFirstMet) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    FacetDictionary dictionary(db);
    Xapian::Document a, b;
    dictionary.add_summary(a, {"19870302", {{"baker", "James Baker"}, {"volcker", ""}}, {{"usa", "USA"}}, {}});
    dictionary.add_summary(b, {"", {{"volcker", "Paul Volcker"}}, {{"japan", ""}, {"usa", ""}}, {{"gold", "Gold"}}});
    using Ids = std::vector<std::pair<std::size_t, std::uint32_t>>;
    EXPECT_EQ(ids_of(a), (Ids{{0, 1}, {0, 2}, {1, 1}}));
    EXPECT_EQ(ids_of(b), (Ids{{0, 2}, {1, 2}, {1, 1}, {2, 1}}));
    EXPECT_EQ(entry(db, "actor", 1), Entry("baker", "James Baker"));
    EXPECT_EQ(entry(db, "actor", 2), Entry("volcker", "Paul Volcker")) << "label met later";
    EXPECT_EQ(entry(db, "region", 1), Entry("usa", "USA")) << "an empty label keeps one";
    EXPECT_EQ(entry(db, "region", 2), Entry("japan", ""));
    EXPECT_EQ(schema::parse_facet_id(db.get_metadata(schema::facet_id_key("region", "japan"))), 2u);
}

TEST(FacetDictionary, ALaterRunKeepsTheIdsAndContinuesTheNumbering) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    {
        FacetDictionary first_run(db);
        Xapian::Document doc;
        first_run.add_summary(doc, {"", {{"baker", "Baker"}, {"volcker", ""}}, {}, {}});
    }
    FacetDictionary second_run(db);
    Xapian::Document doc;
    second_run.add_summary(doc, {"", {{"greenspan", ""}, {"baker", "James Baker"}}, {}, {}});
    using Ids = std::vector<std::pair<std::size_t, std::uint32_t>>;
    EXPECT_EQ(ids_of(doc), (Ids{{0, 3}, {0, 1}}));
    EXPECT_EQ(entry(db, "actor", 1).second, "James Baker") << "this run's label replaces the last run's";
    EXPECT_EQ(schema::parse_facet_id(db.get_metadata(schema::facet_last_id_key("actor"))), 3u);
}

TEST(FacetDictionary, EntriesFillChunksOf64AndALaterRunAddsToThem) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    auto actors = [](int from, int to) {
        std::vector<FacetValue> values;
        for (int i = from; i <= to; ++i) values.push_back({"a" + std::to_string(i), ""});
        return values;
    };
    {
        FacetDictionary first_run(db);
        Xapian::Document doc;
        first_run.add_summary(doc, {"", actors(1, 70), {}, {}});
    }
    FacetDictionary second_run(db);
    Xapian::Document doc;
    second_run.add_summary(doc, {"", {{"a2", "Second"}, {"a71", ""}, {"a130", ""}}, {}, {}});
    EXPECT_EQ(entry(db, "actor", 1), Entry("a1", ""));
    EXPECT_EQ(entry(db, "actor", 2), Entry("a2", "Second"));
    EXPECT_EQ(entry(db, "actor", 64), Entry("a64", ""));
    EXPECT_EQ(entry(db, "actor", 65), Entry("a65", "")) << "the first run's part of the second chunk is kept";
    EXPECT_EQ(entry(db, "actor", 70), Entry("a70", ""));
    EXPECT_EQ(entry(db, "actor", 71), Entry("a71", ""));
    EXPECT_EQ(entry(db, "actor", 72), Entry("a130", ""));
    EXPECT_EQ(entry(db, "actor", 73).first, "(none)");
    EXPECT_EQ(schema::read_dictionary_chunk(db, "actor", 1).size(), 64u);
}

TEST(FacetDictionary, RecordsTheNamesASearchResolves) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    FacetDictionary dictionary(db, [](std::string_view facet, const FacetValue& v) {
        std::vector<std::string> names;
        if (facet == "region" && v.value == "us") names = {"usa", "united states of america"};
        return names;
    });
    Xapian::Document doc;
    dictionary.add_summary(doc, {"", {}, {{"us", "United States"}, {"ua-43", "Crimea", "ua"}}, {}});
    doc.add_boolean_term(schema::boolean_term(schema::prefix::kRegion, "us"));
    doc.add_boolean_term(schema::boolean_term(schema::prefix::kRegion, "ua-43"));
    db.add_document(doc);
    const schema::Field& region = *schema::find_field("region");
    EXPECT_EQ(schema::resolve_facet_value(db, region, "us"), "us") << "a value stands for itself";
    EXPECT_EQ(schema::resolve_facet_value(db, region, "United States"), "us") << "its label";
    EXPECT_EQ(schema::resolve_facet_value(db, region, "UNITED STATES"), "us") << "in any case";
    EXPECT_EQ(schema::resolve_facet_value(db, region, "USA"), "us") << "a name the gazetteer gave";
    EXPECT_EQ(schema::resolve_facet_value(db, region, "crimea"), "ua-43");
    EXPECT_EQ(schema::resolve_facet_value(db, region, "Atlantis"), "atlantis") << "unknown: its slug, matching nothing";
    EXPECT_EQ(schema::resolve_facet_value(db, region, "--"), "");
    EXPECT_EQ(schema::resolve_facet_value(db, *schema::find_field("actor"), "United States"), "united-states")
        << "names are per facet";
    auto chunk = schema::read_dictionary_chunk(db, "region", 2);
    ASSERT_EQ(chunk.size(), 2u);
    EXPECT_EQ(chunk[1].parent, "ua") << "the parent is kept with the entry";
}

}  // namespace
}  // namespace newsdesk
