// The search tests' fixture: five articles of spring 1987 in a small index
// built with the indexer's own DocumentBuilder, and helpers to read results.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "document_builder.h"
#include "facet_dictionary.h"
#include "schema.h"
#include "search.h"
#include "spelling.h"
#include "test_dir.h"

namespace newsdesk::search {

inline Article article(std::string id, std::string title, std::string body, std::string date,
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

inline const FacetValue kBaker{"james-baker", "James Baker"}, kStoltenberg{"gerhard-stoltenberg", "Gerhard Stoltenberg"};
inline const FacetValue kUsa{"usa", "USA"}, kGermany{"west-germany", "West Germany"}, kJapan{"japan", "Japan"},
    kUk{"uk", ""};  // no label recorded: the value stands in
inline const FacetValue kCrude{"crude", "Crude Oil"}, kTrade{"trade", "Trade"}, kGold{"gold", "Gold"}, kMoney{"money-fx", "Money"};

/// Five articles, spring 1987. Regions: usa a1 a3 a5; west-germany a1 a2;
/// japan a3; uk a4. Actors: james-baker a1 a2 a5; gerhard-stoltenberg a2.
inline std::vector<Article> fixture_articles() {
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
inline std::string counts(const SearchResult& result, const std::string& name) {
    for (const auto& facet : result.facets) {
        if (facet.name != name) continue;
        std::string out;
        for (const auto& v : facet.values) out += (out.empty() ? "" : "|") + v.value + ":" + std::to_string(v.count);
        return out;
    }
    return "(no facet " + name + ")";
}

inline std::string ids(const SearchResult& result) {
    std::string out;
    for (const auto& h : result.hits) out += (out.empty() ? "" : " ") + h.id;
    return out;
}

}  // namespace newsdesk::search
