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
    EXPECT_NE(text.find("\ta & b\t0\t\n"), std::string::npos) << text;  // then similar and cluster
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
}

TEST(Render, JsonSaysWhatRelativeDatesMeantAndHowAHitDecayed) {
    SearchResult r;
    r.now = "19871020235959";
    r.from = "19871013000000";
    Hit hit;
    hit.explain = Explanation{"all", 4, 100, 1, {}};
    hit.explain->decay = Decay{0.5, 7.0, 7.0};
    r.hits.push_back(hit);
    Hit undated = hit;
    undated.explain->decay = Decay{0, std::nullopt, 7.0};
    r.hits.push_back(undated);
    auto j = to_json(r);
    EXPECT_EQ(j["now"], "1987-10-20T23:59:59");
    EXPECT_EQ(j["date_range"]["from"], "1987-10-13T00:00:00");
    EXPECT_TRUE(j["date_range"]["to"].is_null());
    auto decay = j["results"][0]["explain"]["decay"];
    EXPECT_EQ(decay["factor"], 0.5);
    EXPECT_EQ(decay["age_days"], 7.0);
    EXPECT_EQ(decay["half_life_days"], 7.0);
    EXPECT_TRUE(j["results"][1]["explain"]["decay"]["age_days"].is_null());
    std::ostringstream text;
    render(r, Format::kText, text);
    EXPECT_NE(text.str().find("Decay 0.5 (7 days old, half-life 7 days) -> fresh score 2"), std::string::npos) << text.str();
    EXPECT_NE(text.str().find("Decay 0 (no date"), std::string::npos) << text.str();
}

// --- the atom format ----------------------------------------------------------

SearchResult feed_result() {
    SearchResult r;
    r.query = "oil <&> \"x\"";
    r.now = "19871021120000";
    r.filters = {{"region", {"ua"}}};
    Hit newest;
    newest.id = "reuters-1 2/3";
    newest.title = "Oil & <b>gas</b>\x01 \xff";
    newest.date = "1987-10-20";
    newest.moment = "19871020153000";
    newest.source = "Reuters";
    newest.url = "https://example.org/a?b=1&c=2";
    newest.snippet = "<mark>oil</mark> &amp; gas <script>";
    newest.topics = {{"crude", "Crude Oil"}};
    Hit unlinked;
    unlinked.id = "x1";
    unlinked.url = "javascript:alert(1)";  // not a web address: no link
    unlinked.snippet = "<mark>oil</mark>";
    r.hits = {newest, unlinked};
    return r;
}

std::string atom(const SearchResult& r, const FeedInfo& info) {
    std::ostringstream out;
    render_atom(r, info, out);
    return out.str();
}

TEST(Atom, FeedHasItsIdTitleUpdatedAndLinks) {
    FeedInfo info;
    info.self = "https://news.example.org/news?q=oil&format=atom";
    info.alternate = "https://news.example.org/news?q=oil";
    info.query = "q=oil&region=ua";
    std::string xml = atom(feed_result(), info);
    EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", 0), 0u);
    EXPECT_NE(xml.find("<id>tag:newsdesk,2026:search?q=oil&amp;region=ua</id>"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<title type=\"text\">newsdesk: oil &lt;&amp;&gt; &quot;x&quot; (region ua)</title>"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<updated>1987-10-20T15:30:00Z</updated>\n  <link rel=\"self\""), std::string::npos) << xml;
    EXPECT_NE(xml.find("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://news.example.org/news?q=oil&amp;format=atom\"/>"),
              std::string::npos) << xml;
    EXPECT_NE(xml.find("<link rel=\"alternate\" type=\"text/html\" href=\"https://news.example.org/news?q=oil\"/>"),
              std::string::npos);
    EXPECT_NE(xml.find("<author><name>newsdesk</name></author>"), std::string::npos);
    EXPECT_EQ(xml.substr(xml.size() - 8), "</feed>\n");
}

TEST(Atom, EntriesAreEscapedTextWithStableIds) {
    std::string xml = atom(feed_result(), FeedInfo{});
    EXPECT_NE(xml.find("<id>tag:newsdesk,2026:article:reuters-1%202%2F3</id>"), std::string::npos) << xml;
    // Markup in a title is text; a control character and broken UTF-8 become U+FFFD.
    EXPECT_NE(xml.find("<title type=\"text\">Oil &amp; &lt;b&gt;gas&lt;/b&gt;\xEF\xBF\xBD \xEF\xBF\xBD</title>"), std::string::npos) << xml;
    // The snippet is HTML, carried as escaped text: the <mark> reaches the reader, nothing becomes feed markup.
    EXPECT_NE(xml.find("<summary type=\"html\">&lt;mark&gt;oil&lt;/mark&gt; &amp;amp; gas &lt;script&gt;</summary>"),
              std::string::npos) << xml;
    EXPECT_NE(xml.find("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/a?b=1&amp;c=2\"/>"),
              std::string::npos);
    EXPECT_NE(xml.find("<updated>1987-10-20T15:30:00Z</updated>"), std::string::npos);
    EXPECT_NE(xml.find("<author><name>Reuters</name></author>"), std::string::npos);
    EXPECT_NE(xml.find("<category term=\"crude\" label=\"Crude Oil\"/>"), std::string::npos);
    // Without a link of its own an entry carries its snippet as content (RFC 4287 4.1.2), and an undated one a fixed time.
    EXPECT_EQ(xml.find("javascript"), std::string::npos);
    EXPECT_NE(xml.find("<title type=\"text\">(untitled)</title>\n  <updated>1970-01-01T00:00:00Z</updated>\n"
                       "  <content type=\"html\">&lt;mark&gt;oil&lt;/mark&gt;</content>"),
              std::string::npos) << xml;
    FeedInfo page;
    page.article_link_prefix = "https://news.example.org/news?id=";
    EXPECT_NE(atom(feed_result(), page).find("href=\"https://news.example.org/news?id=x1\"/>\n  <summary"), std::string::npos);
}

TEST(Atom, AnEmptyFeedIsUpdatedAsOfItsSearch) {
    SearchResult r;
    r.now = "19871021120000";
    std::string xml = atom(r, FeedInfo{});
    EXPECT_NE(xml.find("<updated>1987-10-21T12:00:00Z</updated>"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<title type=\"text\">newsdesk: all articles</title>"), std::string::npos);
    EXPECT_EQ(xml.find("<entry>"), std::string::npos);
    EXPECT_EQ(xml.find("<link"), std::string::npos);
}

TEST(Atom, FeedQueryIsTheSearchInAFixedOrder) {
    SearchRequest request;
    request.query = "sabotage & rail";
    request.filters = {{"topic", {"x"}}, {"region", {"ua", "ru"}}, {"actor", {}}};
    request.from = "-7d";
    request.match = Match::kAll;
    request.sort = Sort::kFresh;  // not part of the search: the feed is newest first
    EXPECT_EQ(feed_query(request), "q=sabotage%20%26%20rail&region=ua&region=ru&topic=x&from=-7d&match=all");
    std::ostringstream out;
    SearchResult r;
    r.query = "oil";
    render(r, Format::kAtom, out);
    EXPECT_NE(out.str().find("<id>tag:newsdesk,2026:search?q=oil</id>"), std::string::npos);
    EXPECT_EQ(parse_format("atom"), Format::kAtom);
}

}  // namespace
}  // namespace newsdesk::search
