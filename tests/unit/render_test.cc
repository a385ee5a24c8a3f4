// A SearchResult as JSON, text and TSV: the contract names, explanations,
// notes and escaping.
#include <gtest/gtest.h>

#include <sstream>

#include "render.h"
#include "search.h"

namespace newsdesk::search {
namespace {

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
