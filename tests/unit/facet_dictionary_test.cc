// Facet values' ids and labels in the database's metadata (indexer/facet_dictionary.h).
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "facet_dictionary.h"
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
    auto e = schema::parse_dictionary_entry(db.get_metadata(schema::facet_value_key(facet, id)));
    return e ? std::pair(e->value, e->label) : std::pair(std::string("(none)"), std::string());
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

}  // namespace
}  // namespace newsdesk
